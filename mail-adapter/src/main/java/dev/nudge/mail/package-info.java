/**
 * The mail adapter: {@link dev.nudge.mail.SmtpMailTransport} sends the engine's emails through each
 * sender mailbox's own server, configured with a {@link dev.nudge.mail.SmtpRoute}; {@link
 * dev.nudge.mail.MailReader} reads received mail (raw RFC 5322 bytes) into the inbound model and
 * classifies it as a reply, an auto-reply, a bounce, a complaint or an unsubscribe request.
 */
@NullMarked
package dev.nudge.mail;

import org.jspecify.annotations.NullMarked;

/**
 * The mail adapter: {@link dev.nudge.mail.SmtpMailTransport} sends the engine's emails through each
 * sender mailbox's own server, configured with a {@link dev.nudge.mail.SmtpRoute}; {@link
 * dev.nudge.mail.MailReader} reads received mail (raw RFC 5322 bytes) into the inbound model and
 * classifies it as a reply, an auto-reply, a bounce, a complaint or an unsubscribe request; {@link
 * dev.nudge.mail.ImapInboxPoller} reads each sender mailbox's inbox over IMAP (an {@link
 * dev.nudge.mail.ImapInbox} with its {@link dev.nudge.mail.ImapRoute}) and hands new mail to the
 * engine, changing nothing in the inbox.
 */
@NullMarked
package dev.nudge.mail;

import org.jspecify.annotations.NullMarked;

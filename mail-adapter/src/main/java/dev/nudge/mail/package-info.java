/**
 * Mail adapter: {@link dev.nudge.mail.MailReader} reads received mail (raw RFC 5322 bytes) into the
 * inbound model and classifies it as a reply, an auto-reply, a bounce, a complaint or an
 * unsubscribe request.
 */
@NullMarked
package dev.nudge.mail;

import org.jspecify.annotations.NullMarked;

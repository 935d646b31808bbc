/**
 * Nudge mail adapter: {@link dev.nudge.mail.SmtpMailTransport}, the SMTP transport over Jakarta
 * Mail; {@link dev.nudge.mail.MailReader}, which reads received mail into the inbound model of
 * {@code dev.nudge.spi.inbound} and classifies it; and {@link dev.nudge.mail.ImapInboxPoller},
 * which reads the sender mailboxes' inboxes over IMAP (with Angus Mail's IDLE).
 */
module dev.nudge.mail {
  requires transitive dev.nudge.core;
  requires jakarta.mail;
  requires org.eclipse.angus.mail;
  requires org.slf4j;

  exports dev.nudge.mail;
}

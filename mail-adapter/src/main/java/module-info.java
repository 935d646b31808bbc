/**
 * Nudge mail adapter: {@link dev.nudge.mail.SmtpMailTransport}, the SMTP transport over Jakarta
 * Mail, and {@link dev.nudge.mail.MailReader}, which reads received mail into the inbound model of
 * {@code dev.nudge.spi.inbound} and classifies it.
 */
module dev.nudge.mail {
  requires transitive dev.nudge.core;
  requires jakarta.mail;
  requires org.slf4j;

  exports dev.nudge.mail;
}

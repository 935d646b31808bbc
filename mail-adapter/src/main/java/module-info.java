/**
 * Nudge mail adapter: {@link dev.nudge.mail.SmtpMailTransport}, the SMTP transport over Jakarta
 * Mail, and the values that configure it.
 */
module dev.nudge.mail {
  requires transitive dev.nudge.core;
  requires jakarta.mail;
  requires org.slf4j;

  exports dev.nudge.mail;
}

/**
 * Nudge mail adapter: {@link dev.nudge.mail.MailReader} reads received mail into the inbound model
 * of {@code dev.nudge.spi.inbound} and classifies it.
 */
module dev.nudge.mail {
  requires transitive dev.nudge.core;
  requires jakarta.mail;

  exports dev.nudge.mail;
}

/**
 * The SMTP transport: {@link dev.nudge.mail.SmtpMailTransport} sends the engine's emails through
 * each sender mailbox's own server, configured with a {@link dev.nudge.mail.SmtpRoute}.
 */
@NullMarked
package dev.nudge.mail;

import org.jspecify.annotations.NullMarked;

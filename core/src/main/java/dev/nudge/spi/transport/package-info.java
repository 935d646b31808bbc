/**
 * Service provider interface for outbound mail: the {@link dev.nudge.spi.transport.MailTransport}
 * an SMTP adapter implements, the email model it receives and the results it reports.
 */
@NullMarked
package dev.nudge.spi.transport;

import org.jspecify.annotations.NullMarked;

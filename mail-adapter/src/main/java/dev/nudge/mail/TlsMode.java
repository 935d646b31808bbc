package dev.nudge.mail;

/**
 * How a route protects its connection. Both TLS modes verify the server's certificate and host name
 * against the route's trust (the JDK's trusted authorities unless the host configures its own).
 */
public enum TlsMode {
  /** Plain text, no TLS: only for a relay on a trusted local network or for tests. */
  NONE,
  /**
   * Plain connection upgraded with {@code STARTTLS} before anything else is said (usually port
   * 587); a server that does not offer it is refused.
   */
  STARTTLS,
  /** TLS from the first byte (usually port 465). */
  IMPLICIT
}

package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** The check of a route's host name, the same for SMTP and IMAP. */
final class Hosts {
  private Hosts() {}

  /**
   * Returns {@code host} when it is a host name or an IP address, else refuses it naming {@code
   * field}: blanks, a URL ("smtps://smtp.example.com"), an address, or a port written after the
   * name ("smtp.example.com:587"), which the route takes apart and which would otherwise surface
   * only when connecting, as an unknown host retried without end. An IPv6 address, whose colons are
   * two or more, is taken.
   */
  static String check(String field, @Nullable String host) {
    if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(field, "must be a host name without blanks");
    }
    if (host.contains("://") || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
      throw new InvalidInputException(
          field, "must be a host name such as mail.example.com, not a URL or an address");
    }
    if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      throw new InvalidInputException(
          field, "must be a host name without a port: the port is given apart");
    }
    return host;
  }
}

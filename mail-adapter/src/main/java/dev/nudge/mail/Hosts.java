package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The check of a route's host name, the same for SMTP and IMAP. */
final class Hosts {
  /** A host name or an IPv4 address: labels of letters (any script), digits and hyphens. */
  private static final Pattern NAME =
      Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_-]++(?:\\.[\\p{L}\\p{M}\\p{Nd}_-]++)*+\\.?");

  private Hosts() {}

  /**
   * Returns {@code host} when it is a host name or an IP address, else refuses it naming {@code
   * field}: blanks, a URL ("smtps://smtp.example.com"), an address, or a port written after the
   * name ("smtp.example.com:587", "[2001:db8::1]:587"), which the route takes apart and which would
   * otherwise surface only when connecting, as an unknown host retried without end.
   */
  static String check(String field, @Nullable String host) {
    if (host == null
        || host.isBlank()
        || host.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
      throw new InvalidInputException(field, "must be a host name without blanks");
    }
    if (host.contains("://") || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
      throw new InvalidInputException(
          field, "must be a host name such as mail.example.com, not a URL or an address");
    }
    if (host.indexOf(':') >= 0 ? !isIpv6(host) : !NAME.matcher(host).matches()) {
      throw new InvalidInputException(
          field,
          "must be a host name or an IP address, without a port (the port is given apart) and"
              + " without other characters");
    }
    return host;
  }

  /**
   * An IPv6 address, perhaps in brackets: hexadecimal groups (the last perhaps an IPv4 address),
   * two colons or more, one "::" at most, and no port after a closing bracket.
   */
  private static boolean isIpv6(String host) {
    String a = host;
    if (a.startsWith("[") || a.endsWith("]")) {
      if (!(a.startsWith("[") && a.endsWith("]"))) {
        return false;
      }
      a = a.substring(1, a.length() - 1);
    }
    if (!a.matches("[0-9A-Fa-f:.]+") || a.indexOf("::") != a.lastIndexOf("::")) {
      return false;
    }
    long colons = a.chars().filter(c -> c == ':').count();
    return colons >= 2 && colons <= 7 && a.chars().anyMatch(c -> Character.digit(c, 16) >= 0);
  }
}

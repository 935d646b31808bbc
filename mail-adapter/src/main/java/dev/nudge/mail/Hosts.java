package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The check of a route's host name, the same for SMTP and IMAP. */
final class Hosts {
  /**
   * A label of a host name: letters (any script), digits, hyphens inside; 63 characters at most.
   */
  private static final Pattern LABEL =
      Pattern.compile("[\\p{L}\\p{Nd}](?:[\\p{L}\\p{M}\\p{Nd}_-]{0,61}[\\p{L}\\p{M}\\p{Nd}])?");

  private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

  private static final Pattern IPV6 =
      Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\\w.-]+)?");

  private Hosts() {}

  /**
   * Returns {@code host} when it is a host name or an IP address, else refuses it naming {@code
   * field}: blanks, a URL ("smtps://smtp.example.com"), an address, a port written after the name
   * ("smtp.example.com:587", "[2001:db8::1]:587"), which the route takes apart and which would
   * otherwise surface only when connecting, as an unknown host retried without end, or a name no
   * host can have.
   */
  static String check(String field, @Nullable String host) {
    if (host == null
        || host.isBlank()
        || host.codePoints()
            .anyMatch(
                c ->
                    Character.isWhitespace(c)
                        || Character.isSpaceChar(c)
                        || Character.getType(c) == Character.FORMAT)) {
      throw new InvalidInputException(field, "must be a host name without blanks");
    }
    if (host.contains("://") || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
      throw new InvalidInputException(
          field, "must be a host name such as mail.example.com, not a URL or an address");
    }
    if (host.indexOf(':') >= 0 ? !isIpv6(host) : !isName(host)) {
      throw new InvalidInputException(
          field,
          "must be a host name or an IP address, without a port (the port is given apart) and"
              + " without other characters");
    }
    return host;
  }

  /** A host name of labels, 253 characters at most, or an IPv4 address. */
  private static boolean isName(String host) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (IPV4.matcher(name).matches()) {
      if (labels.length != 4) {
        return false;
      }
      for (String part : labels) {
        if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * An IPv6 address, perhaps in brackets, as the JDK reads one: no port after a closing bracket,
   * and nothing looked up (a text with a colon is only ever read as an address).
   */
  private static boolean isIpv6(String host) {
    String a = host;
    if (a.startsWith("[") || a.endsWith("]")) {
      if (!(a.startsWith("[") && a.endsWith("]"))) {
        return false;
      }
      a = a.substring(1, a.length() - 1);
    }
    // hexadecimal groups, colons, dots and a zone: the JDK then reads it as an address and looks
    // nothing up
    if (!IPV6.matcher(a).matches()) {
      return false;
    }
    try {
      // an IPv4-mapped address comes back as an IPv4 one
      InetAddress.getByName(a);
      return true;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}

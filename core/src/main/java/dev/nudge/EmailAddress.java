package dev.nudge;

import java.util.Locale;

/**
 * An email address ({@code local@domain}), validated and with its domain in lower case. Quoted
 * local parts and IP-literal domains are refused: a sequencing tool has no use for them and they
 * are a common way to smuggle header content.
 */
public record EmailAddress(String value) implements Comparable<EmailAddress> {
  /** Longest address a mail path can carry (RFC 5321 section 4.5.3.1.3). */
  public static final int MAX_LENGTH = 254;

  private static final int MAX_LOCAL_LENGTH = 64;
  private static final String LOCAL_SPECIALS = "!#$%&'*+-/=?^_`{|}~.";

  /** Validates and normalizes; the message names the field {@code email}. */
  public EmailAddress {
    value = normalize("email", value);
  }

  /** Parses an address, naming {@code field} in the error when it is invalid. */
  public static EmailAddress of(String field, String text) {
    return new EmailAddress(normalize(field, text));
  }

  /** Parses an address; the error names the field {@code email}. */
  public static EmailAddress of(String text) {
    return of("email", text);
  }

  /** The part before the {@code @}. */
  public String localPart() {
    return value.substring(0, value.lastIndexOf('@'));
  }

  /** The domain, in lower case. */
  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  /** The address in lower case, used to compare addresses the way mailbox providers do. */
  public String key() {
    return value.toLowerCase(Locale.ROOT);
  }

  /** Whether both name the same mailbox, ignoring case. */
  public boolean sameMailbox(EmailAddress other) {
    return key().equals(other.key());
  }

  @Override
  public int compareTo(EmailAddress other) {
    return key().compareTo(other.key());
  }

  @Override
  public String toString() {
    return value;
  }

  private static String normalize(String field, String text) {
    if (text == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    if (s.length() > MAX_LENGTH) {
      throw new InvalidInputException(field, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new InvalidInputException(
            field, "contains whitespace or a control character: '" + printable(s) + "'");
      }
    }
    Texts.storable(field, s);
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
      throw new InvalidInputException(
          field, "not an address of the form local@domain: '" + s + "'");
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
    checkLocal(field, s, local);
    checkDomain(field, s, domain);
    return local + "@" + domain;
  }

  private static void checkLocal(String field, String s, String local) {
    if (local.length() > MAX_LOCAL_LENGTH) {
      throw new InvalidInputException(field, "local part longer than 64 characters: '" + s + "'");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidInputException(field, "misplaced dot in the local part: '" + s + "'");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!Character.isLetterOrDigit(c) && LOCAL_SPECIALS.indexOf(c) < 0) {
        throw new InvalidInputException(
            field, "character '" + c + "' not allowed in the local part: '" + s + "'");
      }
    }
  }

  private static void checkDomain(String field, String s, String domain) {
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidInputException(field, "domain has no dot: '" + s + "'");
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        throw new InvalidInputException(field, "empty or oversized domain label: '" + s + "'");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new InvalidInputException(field, "domain label starts or ends with '-': '" + s + "'");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '-') {
          throw new InvalidInputException(
              field, "character '" + c + "' not allowed in the domain: '" + s + "'");
        }
      }
    }
  }

  private static String printable(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}

package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Email addresses out of header fields and free text, never throwing for a bad one. */
final class Addresses {
  /** An address in running text; linear, no nested quantifiers. */
  static final Pattern IN_TEXT =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.){1,8}[A-Za-z0-9-]{1,62}");

  private Addresses() {}

  /** The address in a token such as {@code <a@b.c>}, {@code rfc822; a@b.c}, or null. */
  static @Nullable EmailAddress parse(@Nullable String token) {
    if (token == null) {
      return null;
    }
    String s = token.strip();
    int semi = s.indexOf(';');
    if (semi >= 0 && semi < 12 && s.indexOf('@') > semi) {
      s = s.substring(semi + 1).strip(); // address type of a DSN field
    }
    int lt = s.lastIndexOf('<');
    int gt = s.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      s = s.substring(lt + 1, gt);
    }
    s = trimPunctuation(s);
    if (s.length() < 3 || s.length() > EmailAddress.MAX_LENGTH || s.indexOf('@') <= 0) {
      return null;
    }
    Matcher m = IN_TEXT.matcher(s);
    if (!m.matches()) {
      return null;
    }
    try {
      return EmailAddress.of(s);
    } catch (InvalidInputException e) {
      return null;
    }
  }

  /** Every address of an address-list header field ({@code To}, {@code From}, ...). */
  static List<EmailAddress> list(@Nullable String field) {
    List<EmailAddress> out = new ArrayList<>();
    if (field == null || field.isBlank()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parseHeader(field, false)) {
        EmailAddress e = parse(a.getAddress());
        if (e != null && !out.contains(e)) {
          out.add(e);
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
    } catch (AddressException | RuntimeException e) {
      // fall back to looking for addresses in the text
    }
    return inText(field);
  }

  /** The first address of an address-list header field, or null. */
  static @Nullable EmailAddress first(@Nullable String field) {
    List<EmailAddress> all = list(field);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every address in running text, in order, without repeats. */
  static List<EmailAddress> inText(String text) {
    List<EmailAddress> out = new ArrayList<>();
    if (text.indexOf('@') < 0) {
      return out;
    }
    Matcher m = IN_TEXT.matcher(text);
    while (m.find()) {
      EmailAddress e = parse(m.group());
      if (e != null && !contains(out, e)) {
        out.add(e);
      }
    }
    return out;
  }

  static boolean contains(List<EmailAddress> list, EmailAddress a) {
    for (EmailAddress e : list) {
      if (e.sameMailbox(a)) {
        return true;
      }
    }
    return false;
  }

  private static String trimPunctuation(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && "<([\"'`:;,.".indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && ">)]\"'`:;,.".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }
}

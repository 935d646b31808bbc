package dev.nudge.mail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The {@code Date} field (RFC 5322 section 3.3), read leniently; null when unreadable. */
final class MailDates {
  private static final Pattern DATE =
      Pattern.compile(
          "(\\d{1,2})\\s*[ -]\\s*([A-Za-z]{3})[A-Za-z]*\\.?\\s*[ -]\\s*(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*([+-]\\d{4}|[+-]\\d{2}:\\d{2}|[A-Za-z]{1,5})?");
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private MailDates() {}

  static @Nullable Instant parse(@Nullable String value) {
    if (value == null || value.length() > 200) {
      return null;
    }
    Matcher m = DATE.matcher(value);
    if (!m.find()) {
      return null;
    }
    int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
    if (month < 0 || month % 3 != 0) {
      return null;
    }
    try {
      int year = Integer.parseInt(m.group(3));
      if (year < 50) {
        year += 2000;
      } else if (year < 1000) {
        year += 1900;
      }
      LocalDateTime local =
          LocalDateTime.of(
              year,
              month / 3 + 1,
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      return local.toInstant(offset(m.group(7)));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static ZoneOffset offset(@Nullable String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
      String digits = zone.replace(":", "");
      int h = Integer.parseInt(digits.substring(1, 3));
      int min = Integer.parseInt(digits.substring(3, 5));
      if (h > 18 || min > 59) {
        return ZoneOffset.UTC;
      }
      int sign = zone.charAt(0) == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
    }
    return switch (zone.toUpperCase(Locale.ROOT)) {
      case "EDT" -> ZoneOffset.ofHours(-4);
      case "EST", "CDT" -> ZoneOffset.ofHours(-5);
      case "CST", "MDT" -> ZoneOffset.ofHours(-6);
      case "MST", "PDT" -> ZoneOffset.ofHours(-7);
      case "PST" -> ZoneOffset.ofHours(-8);
      case "JST" -> ZoneOffset.ofHours(9);
      case "CET" -> ZoneOffset.ofHours(1);
      case "CEST" -> ZoneOffset.ofHours(2);
      default -> ZoneOffset.UTC;
    };
  }
}

package dev.nudge.mail;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The return date an out-of-office text states, in English, German, French, Spanish, Portuguese and
 * Dutch: the first date after words such as "back on", "zurück am", "de retour le", "hasta",
 * "retorno em", "terug op". Only dates that cannot be misread count: a month name (a year-less one
 * is its next occurrence on or after the message date), ISO {@code 2026-09-14}, day-first dotted
 * {@code 14.09.2026}, and a slashed date with a year whose day is over 12. {@code 9/8} is not
 * guessed, and an unreadable date right after the words means no date rather than a later one.
 */
final class ReturnDates {
  private static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    month(1, "january", "jan", "januar", "jänner", "janvier", "enero", "janeiro", "januari");
    month(
        2, "february", "feb", "februar", "février", "fevrier", "febrero", "fevereiro", "februari");
    month(3, "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt");
    month(4, "april", "apr", "avril", "abril");
    month(5, "may", "mai", "mayo", "maio", "mei");
    month(6, "june", "jun", "juni", "juin", "junio", "junho");
    month(7, "july", "jul", "juli", "juillet", "julio", "julho");
    month(8, "august", "aug", "août", "aout", "agosto", "augustus");
    month(9, "september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro");
    month(10, "october", "oct", "oktober", "octobre", "octubre", "outubro", "okt");
    month(11, "november", "nov", "novembre", "noviembre", "novembro");
    month(
        12,
        "december",
        "dec",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dezembro",
        "dez",
        "dic");
  }

  private static final String MONTH_NAMES;

  static {
    StringBuilder sb = new StringBuilder();
    MONTHS.keySet().stream()
        .sorted((a, b) -> b.length() - a.length())
        .forEach(
            name -> {
              if (sb.length() > 0) {
                sb.append('|');
              }
              sb.append(Pattern.quote(name));
            });
    MONTH_NAMES = sb.toString();
  }

  /** A date or something that looks like one; groups name the form. */
  private static final Pattern DATE =
      Pattern.compile(
          "(?<iso>(?<iy>\\d{4})-(?<im>\\d{1,2})-(?<id>\\d{1,2}))"
              + "|(?<dmy>(?<dd>\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s{0,3}(?:de\\s+|of\\s+)?(?<dm>"
              + MONTH_NAMES
              + ")\\b\\.?(?:,?\\s{0,3}(?:de\\s+)?(?<dy>\\d{4})\\b)?)"
              + "|(?<mdy>\\b(?<mm>"
              + MONTH_NAMES
              + ")\\.?\\s{1,3}(?<md>\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s{1,3}(?<my>\\d{4})\\b)?)"
              + "|(?<num>\\b(?<n1>\\d{1,2})(?<sep>[./-])(?<n2>\\d{1,2})(?:\\k<sep>(?<n3>\\d{4}|\\d{2}))?\\b\\.?)");

  /** Words after which the return date stands; longer ones first. */
  private static final List<String> CUES =
      List.of(
          // en
          "back in the office on",
          "back in the office",
          "back in office on",
          "returning to the office on",
          "returning to the office",
          "return to the office on",
          "returning on",
          "return on",
          "returning",
          "back on",
          "back",
          "until",
          "till",
          "through",
          // de
          "wieder im büro",
          "wieder erreichbar",
          "wieder da",
          "zurück am",
          "zurück",
          "ab dem",
          "bis zum",
          "bis einschließlich",
          "bis",
          // fr
          "de retour le",
          "de retour",
          "retour le",
          "jusqu'au",
          "à partir du",
          // es
          "de vuelta el",
          "regreso el",
          "regresaré el",
          "volveré el",
          "hasta el",
          "hasta",
          "a partir del",
          // pt
          "de volta em",
          "de volta no dia",
          "retorno em",
          "retornarei em",
          "retornarei",
          "volto em",
          "volto",
          "até",
          "a partir de",
          // nl
          "terug op",
          "weer aanwezig op",
          "weer op kantoor",
          "tot en met",
          "t/m",
          "tot",
          "vanaf");

  private static final int WINDOW = 45;

  private ReturnDates() {}

  private static void month(int number, String... names) {
    for (String n : names) {
      MONTHS.put(n, number);
    }
  }

  /** The return date the text states, or null; {@code sent} is the date of the message. */
  static @Nullable LocalDate find(String text, LocalDate sent) {
    String lower = BounceSignals.lowerHead(text, 4000);
    int best = Integer.MAX_VALUE;
    String bestCue = null;
    for (String cue : CUES) {
      int at = wordAt(lower, cue, 0);
      while (at >= 0 && at < best) {
        Matcher m = DATE.matcher(lower);
        m.region(at + cue.length(), Math.min(lower.length(), at + cue.length() + WINDOW));
        if (m.find()) {
          best = at;
          bestCue = cue;
          break;
        }
        at = wordAt(lower, cue, at + 1);
      }
    }
    if (bestCue == null) {
      return null;
    }
    Matcher m = DATE.matcher(lower);
    m.region(best + bestCue.length(), Math.min(lower.length(), best + bestCue.length() + WINDOW));
    if (!m.find()) {
      return null;
    }
    LocalDate date = resolve(m, sent);
    if (date == null || date.isBefore(sent.minusDays(1)) || date.isAfter(sent.plusDays(400))) {
      return null;
    }
    return date;
  }

  private static int wordAt(String s, String word, int from) {
    int at = s.indexOf(word, from);
    while (at >= 0) {
      boolean before = at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1));
      int end = at + word.length();
      boolean after = end >= s.length() || !Character.isLetterOrDigit(s.charAt(end));
      if (before && after) {
        return at;
      }
      at = s.indexOf(word, at + 1);
    }
    return -1;
  }

  private static @Nullable LocalDate resolve(Matcher m, LocalDate sent) {
    try {
      if (m.group("iso") != null) {
        return LocalDate.of(
            Integer.parseInt(m.group("iy")),
            Integer.parseInt(m.group("im")),
            Integer.parseInt(m.group("id")));
      }
      if (m.group("dmy") != null) {
        Integer month = MONTHS.get(m.group("dm"));
        return month == null
            ? null
            : dayMonth(Integer.parseInt(m.group("dd")), month, m.group("dy"), sent);
      }
      if (m.group("mdy") != null) {
        Integer month = MONTHS.get(m.group("mm"));
        return month == null
            ? null
            : dayMonth(Integer.parseInt(m.group("md")), month, m.group("my"), sent);
      }
      return numeric(m, sent);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable LocalDate numeric(Matcher m, LocalDate sent) {
    int a = Integer.parseInt(m.group("n1"));
    int b = Integer.parseInt(m.group("n2"));
    String y = m.group("n3");
    if (m.group("sep").equals(".")) {
      // dotted dates are day first wherever they are written; a year-less one needs its final dot
      if (y == null && !m.group("num").endsWith(".")) {
        return null;
      }
      return dayMonth(a, b, y, sent);
    }
    if (y == null || y.length() != 4) {
      return null; // 9/8, 14/9: not guessed
    }
    if (a > 12 && b <= 12) {
      return dayMonth(a, b, y, sent);
    }
    if (b > 12 && a <= 12) {
      return dayMonth(b, a, y, sent);
    }
    return null; // 09/08/2026: day or month first cannot be told
  }

  private static LocalDate dayMonth(int day, int month, @Nullable String year, LocalDate sent) {
    if (year != null) {
      int y = Integer.parseInt(year);
      return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
    }
    LocalDate candidate = LocalDate.of(sent.getYear(), month, day);
    if (candidate.isBefore(sent)) {
      candidate = LocalDate.of(sent.getYear() + 1, month, day);
    }
    return candidate;
  }
}

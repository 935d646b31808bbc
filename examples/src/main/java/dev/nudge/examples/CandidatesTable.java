package dev.nudge.examples;

import dev.nudge.CandidateRow;
import dev.nudge.Engagement;
import dev.nudge.StepCell;
import dev.nudge.StepTotals;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints Candidates tab rows and per-step totals as plain-text tables. */
public final class CandidatesTable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.ENGLISH);

  private final ZoneId zone;

  /** Prints times in {@code zone}. */
  public CandidatesTable(ZoneId zone) {
    this.zone = zone;
  }

  /** Prints the per-step totals, one row per step. */
  public static void printTotals(PrintStream out, List<StepTotals> totals) {
    out.println();
    out.println("Per-step totals");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"Step", "Sent", "Opened", "Replied", "Bounced"});
    for (StepTotals t : totals) {
      lines.add(
          new String[] {
            "Step " + t.step(),
            Long.toString(t.sent()),
            Long.toString(t.opened()),
            Long.toString(t.replied()),
            Long.toString(t.bounced())
          });
    }
    printLines(out, lines);
  }

  /** Prints rows of the Candidates tab under a title. */
  public void print(PrintStream out, String title, List<CandidateRow> rows) {
    out.println();
    out.println(title + " (" + rows.size() + ")");
    if (rows.isEmpty()) {
      out.println("  (none)");
      return;
    }
    int steps = rows.get(0).steps().size();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[3 + steps];
    header[0] = "Candidate";
    header[1] = "Email";
    header[2] = "Status";
    for (int i = 0; i < steps; i++) {
      header[3 + i] = "Step " + (i + 1);
    }
    lines.add(header);
    for (CandidateRow r : rows) {
      String[] line = new String[3 + steps];
      line[0] =
          r.name()
              + (r.title() == null ? "" : ", " + r.title())
              + (r.company() == null ? "" : " @ " + r.company());
      line[1] = r.email().value();
      line[2] = status(r);
      for (StepCell cell : r.steps()) {
        line[2 + cell.step()] = cell(cell);
      }
      lines.add(line);
    }
    printLines(out, lines);
  }

  /** Prints lines of cells as columns, the first line as a header above a rule. */
  private static void printLines(PrintStream out, List<String[]> lines) {
    String[] header = lines.get(0);
    int[] widths = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (int n = 0; n < lines.size(); n++) {
      StringBuilder sb = new StringBuilder("  ");
      for (int i = 0; i < widths.length; i++) {
        sb.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", lines.get(n)[i]));
        sb.append(i + 1 < widths.length ? " | " : "");
      }
      out.println(sb.toString().stripTrailing());
      if (n == 0) {
        StringBuilder rule = new StringBuilder("  ");
        for (int i = 0; i < widths.length; i++) {
          rule.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "");
        }
        out.println(rule);
      }
    }
  }

  private static String status(CandidateRow r) {
    String s = words(r.status().name());
    return r.reason() == null
        ? s
        : s + " (" + words(r.reason().name()).toLowerCase(Locale.ROOT) + ")";
  }

  private String cell(StepCell c) {
    StringBuilder s = new StringBuilder(words(c.status().name()));
    Instant at = c.at();
    if (at != null) {
      s.append(' ').append(TIME.format(at.atZone(zone)));
    }
    Engagement e = c.engagement();
    List<String> notes = new ArrayList<>();
    if (e.opens() > 0) {
      notes.add(e.opens() + (e.opens() == 1 ? " open" : " opens"));
    }
    if (e.reply() != null) {
      notes.add("replied");
    }
    if (e.bounce() != null) {
      notes.add(e.bounce().type().name().toLowerCase(Locale.ROOT) + " bounce");
    }
    if (e.autoReply() != null) {
      notes.add("auto-reply");
    }
    if (!notes.isEmpty()) {
      s.append(" [").append(String.join(", ", notes)).append(']');
    }
    return s.toString();
  }

  private static String words(String constant) {
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}

package dev.nudge.examples.demo;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CandidateRow;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EnrollmentStatus;
import dev.nudge.NotFoundException;
import dev.nudge.Nudge;
import dev.nudge.Page;
import dev.nudge.StepCell;
import dev.nudge.StepStatus;
import dev.nudge.StepTotals;
import dev.nudge.Template;
import dev.nudge.TodoItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A campaign's Candidates tab as one self-contained HTML file (styles and script inline, nothing
 * loaded from elsewhere): active and completed candidates behind a switch, sortable columns
 * (Candidate, Email, Status, Step 1..n, Last activity), a cell per step whose hover shows what
 * happened to it, the per-step totals and the campaign's open manual tasks. Every value is
 * HTML-escaped.
 *
 * <p>Element ids and classes a browser test can rely on: {@code #show-active}, {@code
 * #show-completed} (the switch), {@code #active-view}, {@code #completed-view}, tables {@code
 * #active-table} and {@code #completed-table} with {@code th.sortable[data-column]} headers, {@code
 * tr.candidate-row[data-enrollment]}, {@code td.step-cell[data-step]} holding a {@code
 * .step-details} tooltip, {@code #step-totals} and {@code #todo-list}.
 */
public final class CandidatesPage {
  private static final int PAGE = CandidatesQuery.MAX_SIZE;

  private final Nudge nudge;
  private final Campaign campaign;
  private final ZoneId zone;
  private final List<TodoItem> openTasks;
  private final StepDetails details;

  private CandidatesPage(Nudge nudge, Campaign campaign, ZoneId zone) {
    this.nudge = nudge;
    this.campaign = campaign;
    this.zone = zone;
    this.openTasks =
        nudge.openTasks().stream().filter(t -> t.campaignId().equals(campaign.id())).toList();
    this.details = new StepDetails(zone, campaign.status(), openTasks);
  }

  /** Renders the page with times in the campaign's zone. */
  public static String render(Nudge nudge, CampaignId campaignId) {
    Campaign c = campaign(nudge, campaignId);
    return new CandidatesPage(nudge, c, c.zone()).html();
  }

  /** Renders the page with times in {@code zone}. */
  public static String render(Nudge nudge, CampaignId campaignId, ZoneId zone) {
    return new CandidatesPage(nudge, campaign(nudge, campaignId), zone).html();
  }

  /** Renders the page into a file (and its missing parent directories); returns the file. */
  public static Path write(Nudge nudge, CampaignId campaignId, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, render(nudge, campaignId), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static Campaign campaign(Nudge nudge, CampaignId id) {
    return nudge.campaign(id).orElseThrow(() -> new NotFoundException("campaign", id));
  }

  private String html() {
    List<CandidateRow> active = rows(CandidateView.ACTIVE);
    List<CandidateRow> completed = rows(CandidateView.COMPLETED);
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Candidates · ")
        .append(esc(campaign.name()))
        .append("</title>\n<style>\n")
        .append(resource("candidates.css"))
        .append("</style>\n</head>\n<body>\n<header>\n<h1 id=\"campaign-name\">")
        .append(esc(campaign.name()))
        .append("</h1>\n<p class=\"campaign-meta\">Campaign ")
        .append(esc(StepDetails.words(campaign.status().name()).toLowerCase(Locale.ROOT)))
        .append(" · from ")
        .append(esc(campaign.mailbox().value()))
        .append(" · times in ")
        .append(esc(zone.getId()))
        .append("</p>\n</header>\n<main>\n<section id=\"candidates-tab\">\n")
        .append("<h2>Candidates</h2>\n<div id=\"view-switch\" role=\"tablist\">\n");
    viewButton(h, "active", "Active", active.size(), true);
    viewButton(h, "completed", "Completed", completed.size(), false);
    h.append("</div>\n");
    view(h, "active", active, true);
    view(h, "completed", completed, false);
    h.append("</section>\n");
    totals(h, nudge.stepTotals(campaign.id()));
    todo(h);
    h.append("</main>\n<script>\n").append(resource("candidates.js"));
    h.append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private List<CandidateRow> rows(CandidateView view) {
    List<CandidateRow> all = new ArrayList<>();
    CandidatesQuery first = CandidatesQuery.of(view).page(0, PAGE);
    Page<CandidateRow> page = nudge.candidates(campaign.id(), first);
    all.addAll(page.items());
    // each page names the next: reading on by cursor costs the same at any depth
    while (page.next() != null) {
      page = nudge.candidates(campaign.id(), first.after(page.next()));
      all.addAll(page.items());
    }
    return all;
  }

  private static void viewButton(
      StringBuilder h, String view, String label, int count, boolean selected) {
    h.append("<button type=\"button\" role=\"tab\" id=\"show-")
        .append(view)
        .append("\" class=\"view-button")
        .append(selected ? " selected" : "")
        .append("\" data-view=\"")
        .append(view)
        .append("\" aria-selected=\"")
        .append(selected)
        .append("\">")
        .append(label)
        .append(" candidates <span class=\"count\">")
        .append(count)
        .append("</span></button>\n");
  }

  private void view(StringBuilder h, String view, List<CandidateRow> rows, boolean shown) {
    h.append("<div id=\"")
        .append(view)
        .append("-view\" class=\"candidates-view\" data-view=\"")
        .append(view)
        .append('"')
        .append(shown ? "" : " hidden")
        .append(">\n<table id=\"")
        .append(view)
        .append("-table\" class=\"candidates\">\n<thead><tr>");
    header(h, "candidate", "Candidate");
    header(h, "email", "Email");
    header(h, "status", "Status");
    for (int i = 1; i <= campaign.steps().size(); i++) {
      header(h, "step-" + i, "Step " + i);
    }
    header(h, "last-activity", "Last activity");
    h.append("</tr></thead>\n<tbody>\n");
    if (rows.isEmpty()) {
      h.append("<tr class=\"empty\"><td colspan=\"")
          .append(campaign.steps().size() + 4)
          .append("\">No ")
          .append(view)
          .append(" candidates</td></tr>\n");
    }
    for (int i = 0; i < rows.size(); i++) {
      row(h, rows.get(i), i);
    }
    h.append("</tbody>\n</table>\n</div>\n");
  }

  private static void header(StringBuilder h, String column, String label) {
    h.append("<th class=\"sortable\" data-column=\"")
        .append(column)
        .append("\" tabindex=\"0\">")
        .append(label)
        .append("</th>");
  }

  private void row(StringBuilder h, CandidateRow r, int order) {
    h.append("<tr class=\"candidate-row\" data-enrollment=\"")
        .append(esc(r.enrollmentId().toString()))
        .append("\" data-status=\"")
        .append(r.status().name())
        .append("\" data-order=\"")
        .append(order)
        .append("\">\n");
    String subtitle =
        List.of(r.title() == null ? "" : r.title(), r.company() == null ? "" : r.company()).stream()
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining(" · "));
    h.append("<td class=\"col-candidate\" data-sort=\"")
        .append(esc(r.name().toLowerCase(Locale.ROOT)))
        .append("\"><div class=\"candidate\"><span class=\"avatar\" aria-hidden=\"true\">")
        .append(esc(initials(r.name())))
        .append("</span><span class=\"who\"><span class=\"name\">")
        .append(esc(r.name()))
        .append("</span>")
        .append(subtitle.isEmpty() ? "" : "<span class=\"subtitle\">" + esc(subtitle) + "</span>")
        .append("</span></div></td>\n");
    h.append("<td class=\"col-email\" data-sort=\"")
        .append(esc(r.email().value().toLowerCase(Locale.ROOT)))
        .append("\">")
        .append(esc(r.email().value()))
        .append("</td>\n");
    String status =
        StepDetails.words(r.status().name())
            + (r.reason() == null
                ? ""
                : " (" + StepDetails.words(r.reason().name()).toLowerCase(Locale.ROOT) + ")");
    h.append("<td class=\"col-status\" data-sort=\"")
        // the statuses' declared order, as the store's STATUS sort
        .append(
            String.format(Locale.ROOT, "%02d", r.status().compareTo(EnrollmentStatus.NOT_STARTED)))
        .append("\"><span class=\"status status-")
        .append(css(r.status().name()))
        .append("\">")
        .append(esc(status))
        .append("</span></td>\n");
    for (StepCell c : r.steps()) {
      cell(h, r, c);
    }
    h.append("<td class=\"col-last-activity\" data-sort=\"")
        .append(r.lastActivityAt())
        .append("\"><time datetime=\"")
        .append(r.lastActivityAt())
        .append("\">")
        .append(esc(details.time(r.lastActivityAt())))
        .append("</time></td>\n</tr>\n");
  }

  private void cell(StringBuilder h, CandidateRow r, StepCell c) {
    List<StepDetails.Line> lines = details.lines(r, c, campaign.step(c.step()));
    h.append("<td class=\"step-cell step-")
        .append(css(c.status().name()))
        .append("\" data-step=\"")
        .append(c.step())
        .append("\" data-status=\"")
        .append(c.status().name())
        .append("\" data-sort=\"")
        .append(c.status().compareTo(StepStatus.PENDING))
        .append(c.at() == null ? "" : "|" + c.at())
        .append("\" tabindex=\"0\"><span class=\"step-status\">")
        .append(esc(StepDetails.label(c)))
        .append("</span>");
    if (c.at() != null) {
      h.append("<time class=\"step-time\" datetime=\"")
          .append(c.at())
          .append("\">")
          .append(esc(details.time(c.at())))
          .append("</time>");
    }
    for (String badge : StepDetails.badges(c)) {
      h.append("<span class=\"badge\">").append(esc(badge)).append("</span>");
    }
    h.append("<dl class=\"step-details\" role=\"tooltip\">");
    for (StepDetails.Line l : lines) {
      h.append("<dt>").append(esc(l.label())).append("</dt><dd>").append(esc(l.value()));
      h.append("</dd>");
    }
    h.append("</dl></td>\n");
  }

  private static void totals(StringBuilder h, List<StepTotals> totals) {
    h.append("<section id=\"totals\">\n<h2>Per-step totals</h2>\n<table id=\"step-totals\">\n")
        .append("<thead><tr><th>Step</th><th>Sent</th><th>Opened</th><th>Replied</th>")
        .append("<th>Bounced</th></tr></thead>\n<tbody>\n");
    for (StepTotals t : totals) {
      h.append("<tr class=\"totals-row\" data-step=\"")
          .append(t.step())
          .append("\"><th>Step ")
          .append(t.step())
          .append("</th><td class=\"sent\">")
          .append(t.sent())
          .append("</td><td class=\"opened\">")
          .append(t.opened())
          .append("</td><td class=\"replied\">")
          .append(t.replied())
          .append("</td><td class=\"bounced\">")
          .append(t.bounced())
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private void todo(StringBuilder h) {
    List<TodoItem> items = openTasks;
    h.append("<section id=\"todo\">\n<h2>To-do <span class=\"count\">")
        .append(items.size())
        .append("</span></h2>\n<ul id=\"todo-list\">\n");
    if (items.isEmpty()) {
      h.append("<li class=\"empty\">Nothing to do</li>\n");
    }
    for (TodoItem t : items) {
      h.append("<li class=\"todo-item\" data-enrollment=\"")
          .append(esc(t.step().enrollmentId().toString()))
          .append("\" data-step=\"")
          .append(t.step().step())
          .append("\"><span class=\"todo-kind\">")
          .append(esc(StepDetails.words(t.kind().name())))
          .append("</span> <span class=\"todo-candidate\">")
          .append(esc(t.candidateName()))
          .append("</span> <span class=\"todo-email\">")
          .append(esc(t.email().value()))
          .append("</span> <span class=\"todo-due\">due ")
          .append(esc(details.time(t.dueAt())))
          .append(" · ")
          .append(esc(t.owner()))
          .append("</span><p class=\"todo-instructions\">")
          .append(esc(t.instructions()))
          .append("</p></li>\n");
    }
    h.append("</ul>\n</section>\n");
  }

  private static String initials(String name) {
    StringBuilder s = new StringBuilder();
    int letters = 0;
    for (String part : name.strip().split("\\s+", -1)) {
      int first = part.codePoints().filter(Character::isLetter).findFirst().orElse(-1);
      if (first >= 0 && letters < 2) {
        s.appendCodePoint(Character.toUpperCase(first));
        letters++;
      }
    }
    return s.length() == 0 ? "?" : s.toString();
  }

  private static String css(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String esc(String s) {
    return Template.escapeHtml(s);
  }

  private static String resource(String name) {
    try (InputStream in = CandidatesPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

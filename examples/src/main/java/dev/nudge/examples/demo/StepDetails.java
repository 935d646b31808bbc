package dev.nudge.examples.demo;

import dev.nudge.CampaignStatus;
import dev.nudge.CandidateRow;
import dev.nudge.CompletionReason;
import dev.nudge.Engagement;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.Step;
import dev.nudge.StepCell;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.StepType;
import dev.nudge.TaskAction;
import dev.nudge.TodoItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one "Step N" cell shows: a status with its time and a few badges in the cell, and on hover
 * the details — sent, opened, replied, bounced, auto-replied, and how a manual task ended.
 */
final class StepDetails {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM d, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM d", Locale.ENGLISH);
  private static final int EXCERPT = 160;

  /** One line of the hover details. */
  record Line(String label, String value) {}

  private final ZoneId zone;
  private final CampaignStatus campaignStatus;
  private final Map<StepRef, TodoItem> openTasks;

  StepDetails(ZoneId zone, CampaignStatus campaignStatus, List<TodoItem> openTasks) {
    this.zone = zone;
    this.campaignStatus = campaignStatus;
    this.openTasks = new HashMap<>();
    openTasks.forEach(t -> this.openTasks.put(t.step(), t));
  }

  /** A time in the page's zone, e.g. {@code Mon Mar 2, 09:00}. */
  String time(Instant at) {
    return TIME.format(at.atZone(zone));
  }

  /** The status as words, e.g. {@code Manual task}. */
  static String words(String constant) {
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** The short status label of a cell. */
  static String label(StepCell c) {
    return switch (c.status()) {
      case PENDING -> "Pending";
      case SCHEDULED -> "Scheduled";
      case MANUAL_TASK -> "Manual task";
      case SENT -> c.type() == StepType.MANUAL_TASK ? "Done" : "Sent";
      case DELIVERY_UNKNOWN -> "Delivery unknown";
      case STOPPED -> "Stopped";
    };
  }

  /** The small notes shown in the cell itself, e.g. {@code 2 opens}, {@code replied}. */
  static List<String> badges(StepCell c) {
    Engagement e = c.engagement();
    List<String> badges = new ArrayList<>();
    if (e.opens() > 0) {
      badges.add(e.opens() + (e.opens() == 1 ? " open" : " opens"));
    }
    if (e.reply() != null) {
      badges.add("replied");
    }
    if (e.bounce() != null) {
      badges.add(e.bounce().type().name().toLowerCase(Locale.ROOT) + " bounce");
    }
    if (e.autoReply() != null) {
      badges.add("auto-reply");
    }
    return badges;
  }

  /** The hover details of a cell, for the step it belongs to and the row it is in. */
  List<Line> lines(CandidateRow row, StepCell c, Step step) {
    List<Line> lines = new ArrayList<>();
    boolean task = step.action() instanceof TaskAction;
    lines.add(new Line("Step " + c.step(), kind(step)));
    Instant at = c.at();
    switch (c.status()) {
      case PENDING -> lines.add(new Line("Pending", pending(row)));
      case SCHEDULED -> lines.add(new Line("Scheduled", at == null ? "" : time(at)));
      case MANUAL_TASK ->
          lines.add(new Line("On the to-do list since", at == null ? "" : time(at)));
      case SENT ->
          lines.add(new Line(task ? "Task completed" : "Sent", at == null ? "" : time(at)));
      case DELIVERY_UNKNOWN ->
          lines.add(
              new Line(
                  "Delivery unknown",
                  (at == null ? "" : time(at) + ": ")
                      + "the send was cut off; it is not sent again"));
      case STOPPED -> lines.add(new Line(task ? "Task" : "Stopped", stopped(row, c, task, at)));
    }
    TodoItem open = openTasks.get(new StepRef(row.enrollmentId(), c.step()));
    if (open != null) {
      lines.add(new Line("To do", open.instructions() + " (" + open.owner() + ")"));
    }
    engagement(c.engagement(), lines);
    return lines;
  }

  private String pending(CandidateRow row) {
    if (row.status() == EnrollmentStatus.PAUSED) {
      return "waits while the candidate is paused";
    }
    return switch (campaignStatus) {
      case NOT_STARTED -> "waits for the campaign to start";
      case PAUSED -> "waits while the campaign is paused";
      default -> "comes after the earlier steps";
    };
  }

  private String stopped(CandidateRow row, StepCell c, boolean task, @Nullable Instant at) {
    String when = at == null ? "" : time(at);
    // a skipped task lets the campaign go on; anything else that stops a step stops the rest
    boolean wentOn =
        row.reason() == CompletionReason.FINISHED
            || row.steps().stream()
                .anyMatch(o -> o.step() > c.step() && o.status() != StepStatus.STOPPED);
    if (task && wentOn) {
      return "skipped " + when;
    }
    String why =
        row.reason() != null
            ? words(row.reason().name()).toLowerCase(Locale.ROOT)
            : words(row.status().name()).toLowerCase(Locale.ROOT);
    return task ? "stopped " + when + " (" + why + ")" : when + " (" + why + "), will not be sent";
  }

  private void engagement(Engagement e, List<Line> lines) {
    if (e.opens() > 0 && e.firstOpenAt() != null && e.lastOpenAt() != null) {
      lines.add(
          new Line(
              "Opened",
              e.opens()
                  + (e.opens() == 1 ? " time, " : " times, first ")
                  + time(e.firstOpenAt())
                  + (e.opens() == 1 ? "" : ", last " + time(e.lastOpenAt()))));
    }
    if (e.machineOpens() > 0) {
      lines.add(
          new Line(
              "Machine opens",
              e.machineOpens() + " (a mail proxy or scanner, or within seconds of sending)"));
    }
    InboundEvent.Reply reply = e.reply();
    if (reply != null) {
      lines.add(
          new Line(
              "Replied",
              (e.repliedAt() == null ? "" : time(e.repliedAt()) + ", ")
                  + "matched "
                  + matched(reply)));
      lines.add(new Line("Reply", excerpt(reply.text())));
    }
    InboundEvent.Bounce bounce = e.bounce();
    if (bounce != null) {
      lines.add(
          new Line(
              "Bounced",
              (e.bouncedAt() == null ? "" : time(e.bouncedAt()) + ": ")
                  + bounce.type().name().toLowerCase(Locale.ROOT)
                  + (bounce.statusCode() == null ? "" : " " + bounce.statusCode())
                  + ", "
                  + words(bounce.reason().name()).toLowerCase(Locale.ROOT)
                  + " ("
                  + bounce.recipient().value()
                  + ")"));
      if (bounce.diagnostic() != null) {
        lines.add(new Line("Server said", excerpt(bounce.diagnostic())));
      }
    }
    if (e.softBounces() > 0) {
      lines.add(new Line("Soft bounces and retries", Integer.toString(e.softBounces())));
    }
    InboundEvent.AutoReply auto = e.autoReply();
    if (auto != null) {
      lines.add(
          new Line(
              "Auto-reply",
              (e.autoRepliedAt() == null ? "" : time(e.autoRepliedAt()))
                  + (auto.returnDate() == null
                      ? ""
                      : ", back "
                          + DATE.format(auto.returnDate())
                          + " (next step held until then)")));
      if (!auto.text().isBlank()) {
        lines.add(new Line("Auto-reply text", excerpt(auto.text())));
      }
    }
  }

  private static String kind(Step step) {
    if (step.action() instanceof TaskAction t) {
      return words(t.kind().name()) + " task";
    }
    return "Email";
  }

  private static String matched(InboundEvent.Reply reply) {
    return switch (reply.matchedBy()) {
      case IN_THREAD -> "in thread (In-Reply-To / References)";
      case BY_ADDRESS -> "by the sender's address";
      case BY_ORIGINAL_MESSAGE_ID -> "by the returned Message-ID";
      case BY_DSN_RECIPIENT -> "by the DSN recipient";
      case BY_RETURN_PATH -> "by the VERP return path";
      case BY_UNSUBSCRIBE_TOKEN -> "by the unsubscribe link's token";
      case BY_HOST -> "by the host application";
    };
  }

  /** The first line-joined {@value #EXCERPT} characters of a text. */
  static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 1).stripTrailing() + "…";
  }
}

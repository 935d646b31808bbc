package dev.nudge.modeltest;

import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignOptions;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.HolidayCalendar;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Step;
import dev.nudge.StepAction;
import dev.nudge.TaskAction;
import dev.nudge.TaskKind;
import dev.nudge.Threading;
import dev.nudge.TimeRange;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fixed part of one model-test sequence, drawn from its seed: when the clock starts, the shared
 * sender mailbox, the engine tuning, one or two campaigns, the candidates and how often the fake
 * mail server refuses a message.
 *
 * @param start the clock's first instant
 * @param mailbox the mailbox both campaigns send from
 * @param tuning the engine settings
 * @param campaigns the campaign definitions, created in this order
 * @param candidates who may be enrolled
 * @param acceptRate chance that the transport accepts a message
 * @param transientShare share of refusals that are transient (the rest are permanent)
 */
record ModelScenario(
    Instant start,
    SenderMailbox mailbox,
    Tuning tuning,
    List<CampaignDefinition> campaigns,
    List<Candidate> candidates,
    double acceptRate,
    double transientShare) {

  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kathmandu"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("UTC"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("America/Los_Angeles"));

  private static final List<String> DOMAINS =
      List.of("example.com", "mail.example.org", "corp.example.net");
  private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long YEAR_MINUTES = Duration.ofDays(365).toMinutes();
  private static final List<Instant> DST_CHANGES = daylightSavingChanges();
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /**
   * Draws a scenario; the same random state always gives the same scenario. With {@code jitter},
   * one campaign in five spreads its sends by up to two hours: the engine seeds that jitter with
   * the random enrollment ids, so such a sequence does not replay exactly.
   */
  static ModelScenario generate(Random r, boolean jitter) {
    Instant start =
        r.nextBoolean()
            ? YEAR_START.plus(Duration.ofMinutes(r.nextInt((int) YEAR_MINUTES)))
            : DST_CHANGES
                .get(r.nextInt(DST_CHANGES.size()))
                .plus(Duration.ofMinutes(r.nextInt(6 * 24 * 60) - 3 * 24 * 60));
    SenderMailbox mailbox =
        new SenderMailbox(
            EmailAddress.of("sender@acme.example"),
            "Sam Sender",
            r.nextInt(10) < 4 ? 1 + r.nextInt(4) : 200,
            r.nextBoolean()
                ? Duration.ZERO
                : List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2))
                    .get(r.nextInt(3)),
            pick(r, ZONES));
    Tuning tuning =
        Tuning.builder()
            .maxSendAttempts(1 + r.nextInt(5))
            .retryBackoff(Duration.ofMinutes(5L * (1 + r.nextInt(6))))
            .maxRetryBackoff(Duration.ofHours(6))
            .maxSoftBounces(1 + r.nextInt(3))
            .softBounceMaxAge(Duration.ofDays(3))
            .build();
    List<CampaignDefinition> campaigns = new ArrayList<>();
    int campaignCount = 1 + r.nextInt(2);
    for (int i = 0; i < campaignCount; i++) {
      campaigns.add(campaign(r, i, mailbox, start, jitter));
    }
    List<Candidate> candidates = new ArrayList<>();
    int candidateCount = 1 + r.nextInt(6);
    for (int i = 0; i < candidateCount; i++) {
      candidates.add(candidate(r, i));
    }
    boolean flaky = r.nextInt(10) >= 4;
    return new ModelScenario(
        start,
        mailbox,
        tuning,
        List.copyOf(campaigns),
        List.copyOf(candidates),
        flaky ? 0.6 + 0.35 * r.nextDouble() : 1.0,
        0.7);
  }

  private static CampaignDefinition campaign(
      Random r, int index, SenderMailbox mailbox, Instant start, boolean jitter) {
    ZoneId zone = pick(r, ZONES);
    CampaignOptions options = CampaignOptions.defaults();
    boolean jittered = r.nextInt(5) == 0;
    Duration maxJitter = Duration.ofMinutes(1 + r.nextInt(120));
    if (jitter && jittered) {
      options = options.withJitter(maxJitter);
    }
    if (r.nextInt(4) == 0) {
      options = options.withAutoReplyHold(r.nextBoolean(), Duration.ofDays(5));
    }
    CampaignDefinition.Builder b =
        CampaignDefinition.builder("Campaign " + (char) ('A' + index), mailbox.address())
            .owner("owner-" + index)
            .zone(zone)
            .schedule(schedule(r))
            .holidays(holidays(r, LocalDate.ofInstant(start, zone)))
            .options(options);
    int steps = 2 + r.nextInt(3);
    boolean emailBefore = false;
    for (int n = 1; n <= steps; n++) {
      StepAction action = action(r, emailBefore);
      emailBefore |= action instanceof EmailAction;
      b.step(n == 1 ? firstWait(r) : laterWait(r), action);
    }
    return b.build();
  }

  private static StepAction action(Random r, boolean emailBefore) {
    int roll = r.nextInt(100);
    if (roll < 30) {
      return TaskAction.of(
          pick(r, List.of(TaskKind.values())), "Call {{firstName}} about {{company|the role}}");
    }
    if (emailBefore && roll < 65) {
      return EmailAction.replyInThread("Just bumping this up, {{firstName}}.");
    }
    return EmailAction.newThread(
        "Hello {{firstName}}", "Hi {{firstName}}, is {{company|your team}} hiring?");
  }

  private static Wait firstWait(Random r) {
    return switch (r.nextInt(4)) {
      case 0, 1 -> Wait.none();
      case 2 -> Wait.hours(r.nextInt(7));
      default -> Wait.businessDays(r.nextInt(2));
    };
  }

  private static Wait laterWait(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> Wait.hours(List.of(0, 1, 4, 24, 48).get(r.nextInt(5)));
      case 1 -> Wait.days(r.nextInt(5));
      default -> Wait.businessDays(r.nextInt(4));
    };
  }

  /** Office hours, sometimes with weekends or a lunch break, sometimes night windows over DST. */
  private static SendingSchedule schedule(Random r) {
    int kind = r.nextInt(100);
    if (kind < 10) {
      return SendingSchedule.always();
    }
    Set<DayOfWeek> days = WEEKDAYS;
    if (r.nextInt(4) == 0) {
      days =
          r.nextBoolean()
              ? EnumSet.allOf(DayOfWeek.class)
              : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
    }
    SendingSchedule.Builder b = SendingSchedule.builder();
    if (kind < 25) {
      // early-morning windows, where daylight-saving changes happen
      int from = 30 * r.nextInt(6);
      b.on(days, minutes(from), minutes(from + 60 + 30 * r.nextInt(5)));
    } else if (kind < 40) {
      int morning = 7 * 60 + 15 * r.nextInt(8);
      b.on(days, minutes(morning), minutes(morning + 120 + 15 * r.nextInt(8)));
      int afternoon = 14 * 60 + 15 * r.nextInt(8);
      b.on(days, minutes(afternoon), minutes(afternoon + 60 + 30 * r.nextInt(12)));
    } else {
      int from = 6 * 60 + 15 * r.nextInt(25);
      b.on(days, minutes(from), minutes(from + 120 + 30 * r.nextInt(17)));
    }
    if (days.equals(WEEKDAYS) && r.nextInt(8) == 0) {
      b.on(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(12, 0));
    }
    return b.build();
  }

  /** A local time {@code m} minutes after midnight; 24:00 or later is the end of the day. */
  private static LocalTime minutes(int m) {
    return m >= 24 * 60 ? LocalTime.MIDNIGHT : LocalTime.of(m / 60, m % 60);
  }

  private static HolidayCalendar holidays(Random r, LocalDate around) {
    HolidayCalendar calendar = HolidayCalendar.none();
    if (r.nextInt(10) < 4) {
      List<LocalDate> dates = new ArrayList<>();
      int count = 1 + r.nextInt(4);
      for (int i = 0; i < count; i++) {
        dates.add(around.plusDays(r.nextInt(22) - 1L));
      }
      calendar = calendar.withHolidays(dates);
    }
    if (r.nextInt(8) == 0) {
      calendar = calendar.withWeekend(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
    }
    return calendar;
  }

  private static Candidate candidate(Random r, int index) {
    Candidate.Builder b =
        Candidate.builder(
            "cand-" + index, "Name" + index + " Surname", "c" + index + "@" + pick(r, DOMAINS));
    int alternates = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(2);
    for (int k = 1; k <= alternates; k++) {
      b.alternate("c" + index + ".alt" + k + "@" + pick(r, DOMAINS));
    }
    if (r.nextBoolean()) {
      b.zone(pick(r, ZONES));
    }
    if (r.nextBoolean()) {
      b.company("Company " + index);
    }
    return b.build();
  }

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  /** Every daylight-saving change of the zones in 2026. */
  private static List<Instant> daylightSavingChanges() {
    List<Instant> changes = new ArrayList<>();
    Instant end = YEAR_START.plus(Duration.ofDays(365));
    for (ZoneId zone : ZONES) {
      ZoneOffsetTransition t = zone.getRules().nextTransition(YEAR_START);
      while (t != null && t.getInstant().isBefore(end)) {
        changes.add(t.getInstant());
        t = zone.getRules().nextTransition(t.getInstant());
      }
    }
    return List.copyOf(changes);
  }

  /** A schedule as {@code MON 09:00-17:00, TUE ...}; 24:00 is the end of the day. */
  static String format(SendingSchedule schedule) {
    StringBuilder out = new StringBuilder();
    schedule
        .ranges()
        .forEach(
            (day, ranges) -> {
              out.append(out.length() == 0 ? "" : ", ").append(day.name(), 0, 3);
              for (TimeRange range : ranges) {
                out.append(' ').append(range.start()).append('-');
                out.append(range.untilEndOfDay() ? "24:00" : range.end().toString());
              }
            });
    return out.toString();
  }

  /** A readable account of the scenario, for failure messages. */
  String describe() {
    StringBuilder out = new StringBuilder();
    out.append("  clock starts ").append(start).append('\n');
    out.append(
        String.format(
            "  mailbox %s: cap %d a day (%s), minimum gap %s%n",
            mailbox.address(), mailbox.dailyCap(), mailbox.zone(), mailbox.minimumGap()));
    out.append(
        String.format(
            "  transport accepts %.0f%% (refusals %.0f%% transient); %d send attempts,"
                + " %d soft bounces%n",
            acceptRate * 100,
            transientShare * 100,
            tuning.maxSendAttempts(),
            tuning.maxSoftBounces()));
    for (int i = 0; i < campaigns.size(); i++) {
      CampaignDefinition c = campaigns.get(i);
      out.append(
          String.format(
              "  campaign %d (%s): zone %s, schedule %s, weekend %s, holidays %s, options %s%n",
              i,
              c.name(),
              c.zone(),
              format(c.schedule()),
              c.holidays().weekend(),
              c.holidays().holidays(),
              c.options()));
      for (Step s : c.steps()) {
        String wait =
            s.delay() instanceof Wait.BusinessDays b
                ? b.days() + " business days"
                : ((Wait.Calendar) s.delay()).duration().toString();
        String action =
            s.action() instanceof TaskAction t
                ? "task " + t.kind()
                : ((EmailAction) s.action()).threading() == Threading.NEW_THREAD
                    ? "email, new thread"
                    : "email, reply in thread";
        out.append(String.format("    step %d after %s: %s%n", s.number(), wait, action));
      }
    }
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      out.append(
          String.format(
              "  candidate %d: %s, zone %s%n",
              i, c.addresses(), c.zone() == null ? "(campaign's)" : c.zone()));
    }
    return out.toString();
  }
}

package dev.nudge.testkit;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CampaignOptions;
import dev.nudge.CampaignStatus;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.HolidayCalendar;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Step;
import dev.nudge.StepExecution;
import dev.nudge.TaskAction;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Records to put into a store in tests: campaigns, candidates and enrollments in the states the
 * engine writes, and their next versions. Every instant is truncated to microseconds, the precision
 * databases keep, so that what is read back equals what was written.
 */
public final class StoreData {
  /** The zone of the campaigns and mailboxes built here. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Number of steps of {@link #campaign}: email, reply in thread, manual task. */
  public static final int STEPS = 3;

  private StoreData() {}

  /** The current time, truncated to microseconds. */
  public static Instant now() {
    return micros(Instant.now());
  }

  /** The instant truncated to microseconds. */
  public static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The sender mailbox of {@link #campaign}: 200 a day, no gap, days counted in New York. */
  public static SenderMailbox mailbox() {
    return SenderMailbox.of("alice@acme.example", "Alice Recruiter").withZone(NEW_YORK);
  }

  /** A not started campaign (version 1) created now; see {@link #campaign(String, Instant)}. */
  public static Campaign campaign(String name) {
    return campaign(name, now());
  }

  /**
   * A not started campaign, version 1, of {@value #STEPS} steps: an email in a new thread, a reply
   * in thread after two business days, and a call for the campaign's owner three days later.
   */
  public static Campaign campaign(String name, Instant createdAt) {
    List<Step> steps =
        List.of(
            new Step(1, Wait.none(), EmailAction.newThread("Hello {{firstName}}", "Hi there.")),
            new Step(2, Wait.businessDays(2), EmailAction.replyInThread("Just bumping this up.")),
            new Step(3, Wait.days(3), TaskAction.of(TaskKind.CALL, "Call {{firstName}}")));
    return new Campaign(
        CampaignId.random(),
        name,
        "alice",
        mailbox().address(),
        NEW_YORK,
        SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)),
        HolidayCalendar.none(),
        steps,
        CampaignOptions.defaults(),
        CampaignStatus.NOT_STARTED,
        micros(createdAt),
        null,
        false,
        1);
  }

  /**
   * A campaign that uses every part of the model: HTML body, assigned task, holidays, jitter, a
   * start time. For round trips.
   */
  public static Campaign richCampaign(String name, Instant createdAt) {
    List<Step> steps =
        List.of(
            new Step(
                1,
                Wait.none(),
                EmailAction.newThread("Hello {{firstName}}", "Hi {{firstName|there}},")
                    .withHtml("<p>Hi {{firstName|there}},</p>")),
            new Step(2, Wait.businessDays(2), EmailAction.replyInThread("Bumping this up.")),
            new Step(
                3,
                Wait.of(Duration.ofHours(36).plusMinutes(30)),
                new TaskAction(TaskKind.LINKEDIN_MESSAGE, "Connect with {{name}}", "bob")),
            new Step(
                4, Wait.days(4), EmailAction.newThread("Last note", "I will not write again.")));
    return new Campaign(
        CampaignId.random(),
        name,
        "alice",
        EmailAddress.of("recruiting@acme.example"),
        ZoneId.of("Europe/Berlin"),
        SendingSchedule.builder()
            .on(DayOfWeek.MONDAY, LocalTime.of(8, 30), LocalTime.of(12, 0))
            .on(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 45))
            .on(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.MIDNIGHT)
            .build(),
        HolidayCalendar.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)),
        steps,
        CampaignOptions.defaults()
            .withJitter(Duration.ofMinutes(7))
            .withAutoReplyHold(true, Duration.ofDays(14)),
        CampaignStatus.STARTED,
        micros(createdAt),
        micros(createdAt.plusSeconds(60)),
        true,
        1);
  }

  /** The next version of a campaign, renamed. */
  public static Campaign renamed(Campaign c, String name) {
    return new Campaign(
        c.id(),
        name,
        c.owner(),
        c.mailbox(),
        c.zone(),
        c.schedule(),
        c.holidays(),
        c.steps(),
        c.options(),
        c.status(),
        c.createdAt(),
        c.startedAt(),
        c.syncPending(),
        c.version() + 1);
  }

  /** A copy of a campaign with another id, same version. */
  public static Campaign withId(Campaign c, CampaignId id) {
    return new Campaign(
        id,
        c.name(),
        c.owner(),
        c.mailbox(),
        c.zone(),
        c.schedule(),
        c.holidays(),
        c.steps(),
        c.options(),
        c.status(),
        c.createdAt(),
        c.startedAt(),
        c.syncPending(),
        c.version());
  }

  /** A candidate named {@code name} with id {@code c-<name>} at {@code <name>@example.com}. */
  public static Candidate candidate(String name) {
    String local = name.toLowerCase(Locale.ROOT).replace(' ', '.');
    return candidate("c-" + local, name, local + "@example.com");
  }

  /** A candidate with a primary address and ordered alternates. */
  public static Candidate candidate(String id, String name, String email, String... alternates) {
    Candidate.Builder b = Candidate.builder(id, name, email);
    for (String a : alternates) {
      b.alternate(a);
    }
    return b.build();
  }

  /**
   * A well-formed enrollment id whose order is the same read as a string, as unsigned bytes or as
   * Java's {@link UUID#compareTo}: ids with increasing {@code n} sort in that order everywhere.
   */
  public static EnrollmentId orderedId(int n) {
    return new EnrollmentId(new UUID(0x4000L, 0x8000_0000_0000_0000L | n));
  }

  /** A Message-ID with angle brackets. */
  public static String messageId(String local) {
    return "<" + local + "@nudge.example>";
  }

  /**
   * A new enrollment (version 1, not started, every step pending) of a candidate in a campaign,
   * enrolled now; change it with the returned draft.
   */
  public static EnrollmentDraft enrollment(Campaign campaign, Candidate candidate) {
    List<StepExecution> steps = new ArrayList<>();
    for (Step s : campaign.steps()) {
      steps.add(StepExecution.pending(s.number(), s.type()));
    }
    Instant now = now();
    return new EnrollmentDraft(
        EnrollmentId.random(),
        campaign.id(),
        candidate,
        EnrollmentStatus.NOT_STARTED,
        null,
        null,
        0,
        steps,
        null,
        now,
        now,
        1);
  }

  /** A new enrollment, started, whose step 1 is scheduled at {@code dueAt}. */
  public static Enrollment scheduled(Campaign campaign, Candidate candidate, Instant dueAt) {
    return enrollment(campaign, candidate).scheduled(1, dueAt).build();
  }

  /** A draft of the next version of an enrollment (version + 1). */
  public static EnrollmentDraft next(Enrollment e) {
    return edit(e).version(e.version() + 1);
  }

  /** A draft of a copy of an enrollment, same version. */
  public static EnrollmentDraft edit(Enrollment e) {
    return new EnrollmentDraft(
        e.id(),
        e.campaignId(),
        e.candidate(),
        e.status(),
        e.reason(),
        e.pausedFrom(),
        e.addressIndex(),
        e.steps(),
        e.holdUntil(),
        e.enrolledAt(),
        e.lastActivityAt(),
        e.version());
  }
}

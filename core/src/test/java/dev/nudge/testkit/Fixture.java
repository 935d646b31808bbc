package dev.nudge.testkit;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.Nudge;
import dev.nudge.RunReport;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.TokenKeys;
import dev.nudge.Tracking;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/**
 * A Nudge on real fakes — in-memory store, recording transport, collecting to-do sink and listener,
 * settable clock — with shorthands that keep tests about the rule they state.
 */
public final class Fixture implements AutoCloseable {
  /** Monday 2 March 2026, 09:00 in New York. */
  public static final Instant MONDAY_9AM_NY = Instant.parse("2026-03-02T14:00:00Z");

  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  public final SettableClock clock;
  public final Store store;
  public final RecordingTransport transport = new RecordingTransport();
  public final CollectingTodoSink todos = new CollectingTodoSink();
  public final CollectingListener events = new CollectingListener();
  public final TokenKeys keys = TokenKeys.random();
  public final Nudge nudge;

  /** A fixture whose resumes are not spread, so that tests can name exact times. */
  public Fixture() {
    this(MONDAY_9AM_NY, Tuning.builder().resumeSpread(Duration.ZERO).build(), new InMemoryStore());
  }

  public Fixture(Instant start, Tuning tuning, Store store) {
    this.clock = new SettableClock(start);
    this.store = store;
    this.nudge =
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .todoSink(todos)
            .listener(events)
            .tuning(tuning)
            .tokenKeys(keys)
            .tracking(Tracking.of("https://t.example.com/o/", "https://t.example.com/u/"))
            .nodeId("test-node")
            .inboundReader(TestMails.READER)
            .build();
    nudge.registerMailbox(mailbox());
  }

  /**
   * The sender mailbox every fixture registers and {@link #definition} sends from: 200 a day, no
   * gap, days counted in New York.
   */
  public static SenderMailbox mailbox() {
    return SenderMailbox.of("alice@acme.example", "Alice Recruiter").withZone(NEW_YORK);
  }

  /** Registers {@link #mailbox()} with an engine a test built itself, and returns the engine. */
  public static Nudge registered(Nudge nudge) {
    nudge.registerMailbox(mailbox());
    return nudge;
  }

  /** The address of {@link #mailbox()}. */
  public static EmailAddress sender() {
    return mailbox().address();
  }

  /** Changes the settings of the fixture's mailbox, e.g. its cap or gap. */
  public void mailbox(SenderMailbox changed) {
    nudge.updateMailbox(changed);
  }

  /** How many sends the fixture's mailbox counted on a local day of its zone. */
  public int sentOn(LocalDate day) {
    var state = store.mailboxes().find(sender()).orElseThrow();
    return day.equals(state.day()) ? state.sentOnDay() : 0;
  }

  /**
   * A campaign in New York sending Monday to Friday 09:00–17:00: step 1 email now, step 2 reply in
   * thread after 2 business days, step 3 email after 3 days.
   */
  public static CampaignDefinition.Builder definition() {
    return definition(sender());
  }

  /** The {@link #definition()} campaign sending from another registered mailbox. */
  public static CampaignDefinition.Builder definition(EmailAddress mailbox) {
    return CampaignDefinition.builder("Backend engineers", mailbox)
        .owner("alice")
        .zone(NEW_YORK)
        .schedule(SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)))
        .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, are you open to a chat?")
        .replyInThread(Wait.businessDays(2), "Just bumping this up, {{firstName}}.")
        .email(Wait.days(3), "Last note, {{firstName}}", "I will not write again.");
  }

  /** A hard bounce of {@code address}: 5.1.1, no such user. */
  public static InboundEvent.Bounce hardBounce(String address) {
    return new InboundEvent.Bounce(
        EmailAddress.of(address),
        BounceType.HARD,
        "5.1.1",
        BounceReason.INVALID_ADDRESS,
        "no such user");
  }

  /** A soft bounce of {@code address}: 4.2.2, mailbox full. */
  public static InboundEvent.Bounce softBounce(String address) {
    return new InboundEvent.Bounce(
        EmailAddress.of(address),
        BounceType.SOFT,
        "4.2.2",
        BounceReason.MAILBOX_FULL,
        "over quota");
  }

  /** Creates a campaign from a definition. */
  public Campaign create(CampaignDefinition.Builder definition) {
    return nudge.createCampaign(definition.build());
  }

  /** Creates and starts the {@link #definition()} campaign. */
  public Campaign startedCampaign() {
    return startedCampaign(UnaryOperator.identity());
  }

  /** Creates and starts a campaign, after changing the default definition. */
  public Campaign startedCampaign(UnaryOperator<CampaignDefinition.Builder> change) {
    Campaign c = create(change.apply(definition()));
    return nudge.startCampaign(c.id());
  }

  /** A candidate named {@code name} at {@code name.lower@example.com}. */
  public static Candidate.Builder candidate(String name) {
    String local = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.');
    return Candidate.builder("c-" + local, name, local + "@example.com");
  }

  /** Enrolls a candidate and returns the enrollment id; fails if not enrolled. */
  public EnrollmentId enroll(CampaignId campaign, Candidate candidate) {
    EnrollResult r = nudge.enroll(campaign, candidate);
    if (r instanceof EnrollResult.Enrolled e) {
      return e.id();
    }
    throw new AssertionError("not enrolled: " + r);
  }

  /** Enrolls a candidate by name. */
  public EnrollmentId enroll(CampaignId campaign, String name) {
    return enroll(campaign, candidate(name).build());
  }

  public Enrollment enrollment(EnrollmentId id) {
    return nudge.enrollment(id).orElseThrow();
  }

  public StepExecution step(EnrollmentId id, int step) {
    return enrollment(id).step(step);
  }

  public static StepRef ref(EnrollmentId id, int step) {
    return new StepRef(id, step);
  }

  /** Advances the clock and runs what is due. */
  public RunReport advance(Duration d) {
    clock.advance(d);
    return nudge.runDue();
  }

  /** Moves the clock to an instant and runs what is due. */
  public RunReport at(Instant t) {
    clock.set(t);
    return nudge.runDue();
  }

  /** Runs what is due now. */
  public RunReport run() {
    return nudge.runDue();
  }

  /** Advances hour by hour for {@code days} days, running due work each hour. */
  public void runFor(Duration total) {
    Instant end = clock.instant().plus(total);
    while (clock.instant().isBefore(end)) {
      advance(Duration.ofMinutes(30));
    }
  }

  @Override
  public void close() {
    nudge.close();
  }
}

package dev.nudge.examples.demo;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.StepRef;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.RecordingTransport;
import dev.nudge.tracking.TrackingEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A three-step campaign (email, call, follow-up in thread) run over a simulated week on the
 * in-memory store, so that its Candidates tab has something in every column:
 *
 * <ul>
 *   <li>active: Ada Lovelace (opened twice, call done, follow-up scheduled), Zoë &lt;O'Brien&gt;
 *       (auto-reply, call open), Barbara Liskov (call open), Edsger Dijkstra (paused);
 *   <li>completed: Alan Turing (replied), Grace Hopper (bounced), Katherine Johnson (call skipped,
 *       follow-up sent, machine open).
 * </ul>
 */
final class SampleCampaign implements AutoCloseable {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Monday 2 March 2026, 08:30 in New York. */
  static final Instant START = Instant.parse("2026-03-02T13:30:00Z");

  final SettableClock clock = new SettableClock(START);
  final RecordingTransport transport = new RecordingTransport();
  final Nudge nudge;
  final CampaignId campaign;
  final Map<String, EnrollmentId> enrolled = new LinkedHashMap<>();

  SampleCampaign() {
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(transport)
            .tracking(TrackingEndpoints.trackingAt("https://t.example.com/nudge/"))
            .seed(7)
            .build();
    nudge.registerMailbox(SenderMailbox.of("alice@recruiting.example", "Alice Martin"));
    Campaign c =
        nudge.createCampaign(
            CampaignDefinition.builder("Senior backend engineers", "alice@recruiting.example")
                .owner("alice")
                .zone(NEW_YORK)
                .schedule(SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .step(
                    Wait.none(),
                    EmailAction.newThread("{{firstName}}, a role at Acme", "Hi {{firstName}}")
                        .withHtml("<p>Hi {{firstName}}</p>"))
                .task(Wait.businessDays(2), TaskKind.CALL, "Call {{firstName}} about the role")
                .replyInThread(Wait.businessDays(3), "Bumping this up, {{firstName}}.")
                .build());
    campaign = c.id();
    enroll(Candidate.builder("c1", "Ada Lovelace", "ada@engines.example").title("Staff Engineer"));
    enroll(Candidate.builder("c2", "Alan Turing", "alan@bletchley.example").company("Bletchley"));
    enroll(Candidate.builder("c3", "Grace Hopper", "grace@navy.example"));
    enroll(Candidate.builder("c4", "Barbara Liskov", "barbara@mit.example").company("MIT"));
    enroll(Candidate.builder("c5", "Edsger Dijkstra", "edsger@eindhoven.example"));
    enroll(Candidate.builder("c6", "Katherine Johnson", "katherine@nasa.example"));
    enroll(
        Candidate.builder("c7", "Zoë <O'Brien>", "zoe@obrien.example")
            .title("<b>CTO</b> & \"founder\""));
    nudge.startCampaign(campaign);

    at("2026-03-02T09:00:02"); // step 1 went to everyone at 09:00
    nudge.recordOpen(token("katherine@nasa.example"), false); // within seconds: a machine open
    at("2026-03-02T09:40");
    nudge.recordOpen(token("ada@engines.example"), false);
    at("2026-03-02T11:00");
    nudge.recordOpen(token("ada@engines.example"), false);
    nudge.record(
        step("Grace Hopper", 1),
        InboundEvent.Bounce.hard(EmailAddress.of("grace@navy.example"), "5.1.1"));
    nudge.record(
        step("Zoë <O'Brien>", 1),
        new InboundEvent.AutoReply(
            LocalDate.of(2026, 3, 4), "I am out of the office until Wednesday <no email>."));
    at("2026-03-02T15:30");
    nudge.record(
        step("Alan Turing", 1),
        new InboundEvent.Reply(
            "Happy to talk on Friday. <script>alert('x')</script>", MatchMethod.IN_THREAD));
    at("2026-03-03T10:00");
    nudge.pauseCandidate(step("Edsger Dijkstra", 1).enrollmentId());
    at("2026-03-04T10:00"); // the calls came due at 09:00
    nudge.skipTask(step("Katherine Johnson", 2));
    at("2026-03-05T10:00");
    nudge.completeTask(step("Ada Lovelace", 2));
    at("2026-03-09T12:00"); // Katherine's follow-up went out at 10:00; Ada's is due tomorrow
  }

  private void enroll(Candidate.Builder candidate) {
    Candidate c = candidate.build();
    enrolled.put(c.name(), nudge.enroll(campaign, c).orElseThrow());
  }

  StepRef step(String name, int step) {
    EnrollmentId id = enrolled.get(name);
    if (id == null) {
      throw new IllegalArgumentException("no candidate " + name);
    }
    return new StepRef(id, step);
  }

  /** The open token of the first email sent to an address. */
  private String token(String address) {
    String url = String.valueOf(transport.sentTo(address).get(0).trackingPixelUrl());
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** Runs due work every 15 minutes up to a local date-time in New York. */
  private void at(String localDateTime) {
    Instant end = java.time.LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    while (clock.instant().isBefore(end)) {
      nudge.runDue();
      Instant next = clock.instant().plus(Duration.ofMinutes(15));
      clock.set(next.isAfter(end) ? end : next);
    }
    nudge.runDue();
  }

  @Override
  public void close() {
    nudge.close();
  }
}

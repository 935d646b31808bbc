package dev.nudge.examples;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
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
import dev.nudge.TodoItem;
import dev.nudge.TodoSink;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quick start: a three-step campaign (an email, a call, a follow-up in the same thread) for five
 * candidates, run over two simulated weeks on the in-memory store. The transport prints what it
 * would send; one candidate replies, one address bounces, one call is made. Finally the Candidates
 * tab is printed, active and completed.
 */
public final class QuickStartMain {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private QuickStartMain() {}

  /** Runs the example. */
  public static void main(String[] args) {
    SettableClock clock = SettableClock.at("2026-03-02T13:30:00Z"); // Monday 08:30 New York
    MailTransport printing =
        email -> {
          System.out.printf(
              "%s  to %-28s %s%n",
              clock.instant().atZone(NEW_YORK).toLocalDateTime(), email.to(), email.subject());
          return SendResult.accepted();
        };
    TodoSink todo =
        new TodoSink() {
          @Override
          public void add(TodoItem item) {
            System.out.printf(
                "%s  to-do for %s: %s%n",
                clock.instant().atZone(NEW_YORK).toLocalDateTime(),
                item.owner(),
                item.instructions());
          }

          @Override
          public void remove(StepRef step, TodoItem.Removal why) {}
        };

    try (Nudge nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(printing)
            .todoSink(todo)
            .build()) {
      nudge.registerMailbox(
          SenderMailbox.of("alice@recruiting.example", "Alice Martin")
              .withDailyCap(50)
              .withMinimumGap(Duration.ofMinutes(2)));
      Campaign campaign =
          nudge.createCampaign(
              CampaignDefinition.builder("Senior backend engineers", "alice@recruiting.example")
                  .owner("alice")
                  .zone(NEW_YORK)
                  .schedule(SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)))
                  .email(
                      Wait.none(),
                      "{{firstName}}, a backend role at Acme",
                      "Hi {{firstName}},\n\nYour work at {{company|your company}} caught my eye...")
                  .task(
                      Wait.businessDays(2), TaskKind.CALL, "Call {{firstName}} at {{company|work}}")
                  .replyInThread(Wait.businessDays(3), "Hi {{firstName}}, just bumping this up.")
                  .build());
      CampaignId id = campaign.id();

      Map<String, EnrollmentId> enrolled = new LinkedHashMap<>();
      for (Candidate c :
          List.of(
              Candidate.builder("c1", "Ada Lovelace", "ada@engines.example")
                  .title("Staff Engineer")
                  .company("Engines Ltd")
                  .build(),
              Candidate.builder("c2", "Alan Turing", "alan@bletchley.example")
                  .title("Principal Engineer")
                  .company("Bletchley")
                  .build(),
              Candidate.builder("c3", "Grace Hopper", "grace@navy.example")
                  .title("Engineering Manager")
                  .company("US Navy")
                  .alternate("grace@cobol.example")
                  .build(),
              Candidate.builder("c4", "Edsger Dijkstra", "edsger@eindhoven.example")
                  .title("Professor")
                  .zone("Europe/Amsterdam")
                  .build(),
              Candidate.builder("c5", "Barbara Liskov", "barbara@mit.example")
                  .title("Institute Professor")
                  .company("MIT")
                  .build())) {
        enrolled.put(c.name(), nudge.enroll(id, c).orElseThrow());
      }
      nudge.startCampaign(id);

      // two weeks, a quarter of an hour at a time; the host would call runDue() from a scheduler
      Instant start = clock.instant();
      Map<Instant, Runnable> events = new LinkedHashMap<>();
      events.put(
          start.plus(Duration.ofHours(3)),
          () -> // Grace's first address bounces: her alternate gets the same email
          nudge.record(
                  new StepRef(enrolled.get("Grace Hopper"), 1),
                  InboundEvent.Bounce.hard(EmailAddress.of("grace@navy.example"), "5.1.1")));
      events.put(
          start.plus(Duration.ofHours(26)),
          () ->
              nudge.record(
                  new StepRef(enrolled.get("Alan Turing"), 1),
                  new InboundEvent.Reply("Happy to talk on Friday.", MatchMethod.IN_THREAD)));
      events.put(
          start.plus(Duration.ofHours(50)),
          () -> {
            nudge.completeTask(new StepRef(enrolled.get("Ada Lovelace"), 2));
            nudge.skipTask(new StepRef(enrolled.get("Barbara Liskov"), 2));
          });
      Instant end = start.plus(Duration.ofDays(14));
      while (clock.instant().isBefore(end)) {
        nudge.runDue();
        Runnable event = events.remove(clock.instant());
        if (event != null) {
          event.run();
        }
        clock.advance(Duration.ofMinutes(15));
      }

      System.out.println();
      System.out.println(
          "Times are New York's; Edsger Dijkstra is in Amsterdam, so his steps follow its office"
              + " hours.");
      CandidatesTable table = new CandidatesTable(NEW_YORK);
      table.print(
          System.out,
          "Active candidates",
          nudge.candidates(id, CandidatesQuery.of(CandidateView.ACTIVE)).items());
      table.print(
          System.out,
          "Completed candidates",
          nudge.candidates(id, CandidatesQuery.of(CandidateView.COMPLETED)).items());
      System.out.println();
      System.out.println("Open tasks for alice: " + nudge.openTasks("alice").size());
      CandidatesTable.printTotals(System.out, nudge.stepTotals(id));
    }
  }
}

package dev.nudge.examples;

import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignEvent;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EventListener;
import dev.nudge.InboundEvent;
import dev.nudge.MailboxEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.NudgeEvent;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.StepRef;
import dev.nudge.TaskKind;
import dev.nudge.TodoItem;
import dev.nudge.TodoSink;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A custom {@link EventListener} and {@link TodoSink} that write one webhook-style JSON line per
 * event — what a host would POST to its webhooks, put on a queue or feed to its metrics. Two
 * candidates run an email, a call and a follow-up; one call is done, the other candidate replies,
 * which withdraws her call from the to-do list.
 */
public final class ListenersMain {
  private ListenersMain() {}

  /** Runs the example. */
  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    // every stored change, after it is stored, on the thread that made it: keep it quick
    EventListener webhook = event -> out.println(json(payload(event)));
    TodoSink todo =
        new TodoSink() {
          @Override
          public void add(TodoItem item) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "todo.added");
            p.put("at", item.dueAt());
            p.put("enrollment", item.step().enrollmentId());
            p.put("step", item.step().step());
            p.put("owner", item.owner());
            p.put("kind", item.kind());
            p.put("candidate", item.candidateName());
            p.put("instructions", item.instructions());
            out.println(json(p));
          }

          @Override
          public void remove(StepRef step, TodoItem.Removal why) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "todo.removed");
            p.put("enrollment", step.enrollmentId());
            p.put("step", step.step());
            p.put("why", why);
            out.println(json(p));
          }
        };

    SettableClock clock = SettableClock.at("2026-03-02T14:00:00Z"); // Monday 09:00 New York
    try (Nudge nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(email -> SendResult.accepted())
            .listener(webhook)
            .todoSink(todo)
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("alice@acme.example", "Alice"));
      CampaignId campaign =
          nudge
              .createCampaign(
                  CampaignDefinition.builder("Listeners", "alice@acme.example")
                      .owner("alice")
                      .schedule(SendingSchedule.always())
                      .email(Wait.none(), "Hi {{firstName}}", "A role at Acme?")
                      .task(Wait.days(1), TaskKind.CALL, "Call {{firstName}}")
                      .replyInThread(Wait.days(2), "Bumping this up, {{firstName}}.")
                      .build())
              .id();
      EnrollmentId ada =
          nudge
              .enroll(campaign, Candidate.builder("c1", "Ada Lovelace", "ada@example.com").build())
              .orElseThrow();
      EnrollmentId grace =
          nudge
              .enroll(
                  campaign, Candidate.builder("c2", "Grace Hopper", "grace@example.com").build())
              .orElseThrow();
      nudge.startCampaign(campaign);
      nudge.runDue(); // step 1 to both

      clock.advance(Duration.ofDays(1));
      nudge.runDue(); // both calls come due
      nudge.completeTask(new StepRef(ada, 2));
      nudge.record(
          new StepRef(grace, 1), new InboundEvent.Reply("Call me Friday.", MatchMethod.IN_THREAD));

      clock.advance(Duration.ofDays(2));
      nudge.runDue(); // Ada's follow-up; Grace gets nothing more
    }
  }

  /** The fields of an event, with a {@code type} such as {@code enrollment.email_sent}. */
  static Map<String, Object> payload(NudgeEvent event) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (event instanceof EnrollmentEvent e) {
      p.put("type", "enrollment." + e.type().name().toLowerCase(Locale.ROOT));
      p.put("at", e.at());
      p.put("campaign", e.campaignId());
      p.put("enrollment", e.enrollmentId());
      p.put("step", e.step());
      p.put("from", e.from());
      p.put("to", e.to());
      p.put("detail", e.detail());
    } else if (event instanceof CampaignEvent c) {
      p.put("type", "campaign.status_changed");
      p.put("at", c.at());
      p.put("campaign", c.campaignId());
      p.put("from", c.from());
      p.put("to", c.to());
    } else if (event instanceof MailboxEvent m) {
      p.put("type", "mailbox." + m.type().name().toLowerCase(Locale.ROOT));
      p.put("at", m.at());
      p.put("mailbox", m.mailbox().value());
      p.put("reason", m.reason());
    }
    return p;
  }

  /** One line of JSON: numbers as numbers, null as null, everything else as an escaped string. */
  static String json(Map<String, Object> fields) {
    StringBuilder s = new StringBuilder("{");
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      if (s.length() > 1) {
        s.append(',');
      }
      quote(s, f.getKey()).append(':');
      Object v = f.getValue();
      if (v == null || v instanceof Number) {
        s.append(v);
      } else {
        quote(s, v.toString());
      }
    }
    return s.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"');
  }
}

package dev.nudge.examples;

import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.HolidayCalendar;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sending windows, holidays and a daily cap, on a settable clock: six candidates are enrolled on a
 * Friday morning into a campaign that sends Monday to Friday from 09:00 to 12:00 in each
 * candidate's zone, from a mailbox allowed 4 sends a day, 20 minutes apart. Monday 25 May 2026 is a
 * holiday (Memorial Day). The program runs a simulated week in five-minute ticks and prints each
 * send with its local time.
 */
public final class SchedulingMain {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm zzz", Locale.ENGLISH);

  private SchedulingMain() {}

  /** Runs the example. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the simulation and returns the emails in the order they went out. */
  static List<OutboundEmail> run(PrintStream out) {
    // Friday 22 May 2026, 10:30 in New York
    SettableClock clock = new SettableClock(Instant.parse("2026-05-22T14:30:00Z"));
    List<OutboundEmail> sent = new ArrayList<>();
    try (Nudge nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(
                email -> {
                  sent.add(email);
                  return SendResult.accepted();
                })
            .build()) {
      // the cap counts New York days across every campaign that sends from this mailbox
      nudge.registerMailbox(
          SenderMailbox.of("alice@acme.example", "Alice")
              .withZone(NEW_YORK)
              .withDailyCap(4)
              .withMinimumGap(Duration.ofMinutes(20)));
      CampaignId campaign =
          nudge
              .createCampaign(
                  CampaignDefinition.builder("Scheduling", "alice@acme.example")
                      .zone(NEW_YORK) // for candidates without a zone of their own
                      .schedule(SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0)))
                      .holidays(HolidayCalendar.of(LocalDate.of(2026, 5, 25)))
                      .email(Wait.none(), "Hello {{firstName}}", "A role at Acme?")
                      .replyInThread(Wait.businessDays(1), "Bumping this up, {{firstName}}.")
                      .build())
              .id();
      for (String name : List.of("Ada", "Alan", "Grace", "Barbara", "Edsger")) {
        nudge.enroll(
            campaign,
            Candidate.builder(
                    name, name + " Example", name.toLowerCase(Locale.ROOT) + "@example.com")
                .build());
      }
      // a candidate in London: her window is 09:00-12:00 London time, 04:00-07:00 in New York
      nudge.enroll(
          campaign,
          Candidate.builder("Mary", "Mary Somerville", "mary@example.co.uk")
              .zone("Europe/London")
              .build());
      nudge.startCampaign(campaign);

      Map<String, ZoneId> zones = Map.of("mary@example.co.uk", ZoneId.of("Europe/London"));
      Instant end = clock.instant().plus(Duration.ofDays(7));
      int printed = 0;
      while (clock.instant().isBefore(end)) {
        nudge.runDue(); // the host would call this from its scheduler, or start() the runner
        for (; printed < sent.size(); printed++) {
          OutboundEmail e = sent.get(printed);
          ZoneId local = zones.getOrDefault(e.to().value(), NEW_YORK);
          out.printf(
              "%s  to %-20s step %d%s%n",
              TIME.format(e.date().atZone(NEW_YORK)),
              e.to(),
              e.step().step(),
              local.equals(NEW_YORK) ? "" : "  (" + TIME.format(e.date().atZone(local)) + ")");
        }
        clock.advance(Duration.ofMinutes(5));
      }
      out.println(sent.size() + " emails; none on the weekend or on the holiday, at most 4 a day");
    }
    return sent;
  }
}

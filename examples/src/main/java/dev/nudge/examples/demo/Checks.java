package dev.nudge.examples.demo;

import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Engagement;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepStatus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo promises, checked on its own results: who replied stopped, a reply on a new thread
 * was found, bounces moved on or ended, the out-of-office held, the unsubscribe held, nothing went
 * out on a weekend or at night, no day passed the cap, and the recruiter's inbox was not touched.
 */
final class Checks {
  private final Demo demo;
  private final List<String> problems = new ArrayList<>();

  Checks(Demo demo) {
    this.demo = demo;
  }

  /** Every broken promise, in words; empty when all held. */
  List<String> run() {
    completed("Ada Lovelace", CompletionReason.REPLIED, 1);
    matched("Ada Lovelace", 1, MatchMethod.IN_THREAD);
    completed("Alan Turing", CompletionReason.REPLIED, 2);
    matched("Alan Turing", 2, MatchMethod.BY_ADDRESS);
    completed("Guido van Rossum", CompletionReason.REPLIED, 2);
    // her reply came after the last step: the campaign had finished; the reply is on its step
    completed("Margaret Hamilton", CompletionReason.FINISHED, 3);
    matched("Margaret Hamilton", 4, MatchMethod.IN_THREAD);
    completed("Barbara Liskov", CompletionReason.UNSUBSCRIBED, 1);
    if (demo.nudge.suppression(EmailAddress.of("barbara@mit.example")).isEmpty()) {
      problems.add("Barbara Liskov unsubscribed but is not on the suppression list");
    }
    status("Linus Torvalds", EnrollmentStatus.BOUNCED);
    status(Cast.REMOVED, EnrollmentStatus.REMOVED);
    Enrollment grace = enrollment("Grace Hopper");
    if (grace.addressIndex() != 1 || grace.step(1).engagement().bounce() == null) {
      problems.add("Grace Hopper's first address bounced, her alternate should have been used");
    }
    Engagement edsger = enrollment(Cast.PAUSED).step(1).engagement();
    if (edsger.machineOpens() == 0 || edsger.opens() != 0) {
      problems.add("the scanner's open of Edsger Dijkstra's email should count as a machine open");
    }
    outOfOffice();
    StepExecution call = enrollment(Cast.CALL_SKIPPED).step(3);
    if (call.status() != StepStatus.STOPPED) {
      problems.add("Ken Thompson's call was skipped, but its step is " + call.status());
    }
    windowsAndCap();
    nothingSentBetween(
        Cast.PAUSED, Demo.START.plus(Duration.ofDays(2)), Demo.START.plus(Duration.ofDays(9)));
    nothingSentBetween(
        Cast.REMOVED, Demo.START.plus(Duration.ofDays(3)), Demo.START.plus(Duration.ofDays(99)));
    for (Cast.Person p : demo.people) {
      // never twice: every email the engine sent arrived once, and nothing else arrived
      Enrollment e = enrollment(p.name());
      long sent = e.steps().stream().mapToLong(s -> s.attempts().size()).sum();
      int arrived = 0;
      for (EmailAddress a : p.candidate().addresses()) {
        arrived += demo.inboxes.count(a.value());
      }
      if (arrived != sent) {
        problems.add(p.name() + ": " + sent + " emails sent but " + arrived + " arrived");
      }
    }
    if (demo.inboxes.anySeen(Demo.RECRUITER)) {
      problems.add("a message in the recruiter's inbox was marked seen");
    }
    for (InboundEntry e : demo.nudge.inbound(100)) {
      if (e.outcome() == InboundEntry.Outcome.UNMATCHED) {
        problems.add("a received " + e.kind() + " matched no step: " + e.key());
      }
    }
    return List.copyOf(problems);
  }

  private Enrollment enrollment(String name) {
    return demo.nudge.enrollment(demo.id(name)).orElseThrow();
  }

  private void status(String name, EnrollmentStatus expected) {
    EnrollmentStatus actual = enrollment(name).status();
    if (actual != expected) {
      problems.add(name + " should be " + expected + " but is " + actual);
    }
  }

  private void completed(String name, CompletionReason reason, int mails) {
    Enrollment e = enrollment(name);
    if (e.status() != EnrollmentStatus.COMPLETED || e.reason() != reason) {
      problems.add(
          name
              + " should have completed as "
              + reason
              + " but is "
              + e.status()
              + " "
              + e.reason());
    }
    int received = demo.inboxes.count(e.address().value());
    if (received != mails) {
      problems.add(name + " should have received " + mails + " emails, not " + received);
    }
  }

  private void matched(String name, int step, MatchMethod method) {
    InboundEvent.Reply reply = enrollment(name).step(step).engagement().reply();
    if (reply == null || reply.matchedBy() != method) {
      problems.add(
          name
              + "'s reply to step "
              + step
              + " should be matched "
              + method
              + ", was "
              + (reply == null ? "not recorded" : reply.matchedBy()));
    }
  }

  private void outOfOffice() {
    Enrollment k = enrollment("Katharina Weber");
    InboundEvent.AutoReply away = k.step(1).engagement().autoReply();
    LocalDate back = LocalDate.of(2026, 3, 16);
    if (away == null || !back.equals(away.returnDate())) {
      problems.add("Katharina Weber's out-of-office should be recorded with her return date");
      return;
    }
    for (StepExecution s : k.steps().subList(1, k.steps().size())) {
      for (SendAttempt a : s.attempts()) {
        if (a.at().atZone(ZoneId.of("Europe/Berlin")).toLocalDate().isBefore(back)) {
          problems.add("Katharina Weber was written to while away, at " + a.at());
        }
      }
    }
  }

  private void nothingSentBetween(String name, Instant from, Instant to) {
    for (StepExecution s : enrollment(name).steps()) {
      for (SendAttempt a : s.attempts()) {
        if (!a.at().isBefore(from) && a.at().isBefore(to)) {
          problems.add(name + " was written to at " + a.at() + ", while paused or removed");
        }
      }
    }
  }

  private void windowsAndCap() {
    Map<LocalDate, Integer> perDay = new HashMap<>();
    for (Cast.Person p : demo.people) {
      Enrollment e = enrollment(p.name());
      ZoneId zone = p.candidate().zone();
      ZoneId local = zone == null ? Demo.NEW_YORK : zone;
      for (StepExecution s : e.steps()) {
        for (SendAttempt a : s.attempts()) {
          ZonedDateTime t = a.at().atZone(local);
          LocalTime time = t.toLocalTime();
          if (t.toLocalDate().equals(Demo.HOLIDAY)) {
            problems.add(p.name() + " was written to on the company holiday, at " + t);
          }
          if (t.getDayOfWeek() == DayOfWeek.SATURDAY
              || t.getDayOfWeek() == DayOfWeek.SUNDAY
              || time.isBefore(LocalTime.of(9, 0))
              || !time.isBefore(LocalTime.of(17, 0))) {
            problems.add(p.name() + " was written to outside office hours, at " + t);
          }
          perDay.merge(a.at().atZone(Demo.NEW_YORK).toLocalDate(), 1, Integer::sum);
        }
      }
    }
    perDay.forEach(
        (day, n) -> {
          if (n > Demo.DAILY_CAP) {
            problems.add(n + " emails went out on " + day + ", over the cap of " + Demo.DAILY_CAP);
          }
        });
  }
}

package dev.nudge.modeltest;

import dev.nudge.CampaignDefinition;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.SenderMailbox;
import dev.nudge.StepStatus;
import dev.nudge.modeltest.ModelRun.Enrolled;
import dev.nudge.modeltest.ModelRun.Violation;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The model's log of sends and its own record of what the candidates' side did (replies, bounces,
 * unsubscribes), and the checks each send must pass the moment the transport is called: invariants
 * 3 to 7 of the model test, and S10.
 */
final class SendChecks {

  /** One call of the transport. */
  record Send(
      Instant at,
      EnrollmentId enrollment,
      int step,
      EmailAddress to,
      EmailAddress from,
      SendResult result) {}

  private final ModelScenario scenario;
  private final List<Send> sends = new ArrayList<>();
  private final Set<String> suppressedAddresses = new HashSet<>();
  private final Set<String> suppressedDomains = new HashSet<>();
  private final Set<EnrollmentId> replied = new HashSet<>();
  private final Set<EnrollmentId> optedOut = new HashSet<>();

  /** "enrollment#step address" of sends with no failure or bounce recorded since. */
  private final Set<String> unfailed = new HashSet<>();

  /** "enrollment address" of addresses an enrollment wrote to that hard-bounced or were refused. */
  private final Set<String> dead = new HashSet<>();

  /** Enrollments whose latest email hard-bounced with an alternate left: it goes there next. */
  private final Map<EnrollmentId, Integer> owed = new HashMap<>();

  private final Map<LocalDate, Integer> sentPerDay = new HashMap<>();
  private @Nullable Instant lastSend;

  SendChecks(ModelScenario scenario) {
    this.scenario = scenario;
  }

  int count() {
    return sends.size();
  }

  /** How often the step of the enrollment was handed to the transport so far. */
  long attempts(EnrollmentId id, int step) {
    return sends.stream().filter(s -> s.enrollment().equals(id) && s.step() == step).count();
  }

  /** Whether anything was sent for the enrollment. */
  boolean wroteTo(EnrollmentId id) {
    return sends.stream().anyMatch(s -> s.enrollment().equals(id));
  }

  /** The latest send of the enrollment, or of one of its steps when {@code step > 0}. */
  @Nullable Send last(EnrollmentId id, int step) {
    for (int i = sends.size() - 1; i >= 0; i--) {
      Send s = sends.get(i);
      if (s.enrollment().equals(id) && (step == 0 || s.step() == step)) {
        return s;
      }
    }
    return null;
  }

  /** The send of the enrollment before its latest one, if any. */
  @Nullable Send beforeLast(EnrollmentId id) {
    boolean skipped = false;
    for (int i = sends.size() - 1; i >= 0; i--) {
      if (sends.get(i).enrollment().equals(id)) {
        if (skipped) {
          return sends.get(i);
        }
        skipped = true;
      }
    }
    return null;
  }

  void replied(EnrollmentId id) {
    replied.add(id);
  }

  /** The candidate of the enrollment unsubscribed or complained, from one of her addresses. */
  void optedOut(EnrollmentId id) {
    optedOut.add(id);
  }

  /** Whether the candidate replied to or opted out of the enrollment: that is final (S9, S12). */
  boolean heardFrom(EnrollmentId id) {
    return replied.contains(id) || optedOut.contains(id);
  }

  void suppress(EmailAddress address, boolean wholeDomain) {
    if (wholeDomain) {
      suppressedDomains.add(address.domain());
    } else {
      suppressedAddresses.add(address.key());
    }
  }

  boolean suppressed(EmailAddress a) {
    return suppressedAddresses.contains(a.key()) || suppressedDomains.contains(a.domain());
  }

  /**
   * Records a bounce of {@code step} to {@code to}, which the enrollment was in state {@code
   * before} when it arrived: the step may go to that address again; after a hard bounce of the
   * address it was written to, the address is dead, and when no later step had started the step is
   * owed to the next address (S10).
   *
   * @param over whether the enrollment had ended for good: terminal, and not a finished one that a
   *     late bounce of its last email reopens
   */
  void bounced(Enrollment before, boolean over, int step, EmailAddress to, boolean hard) {
    unfailed.remove(key(before.id(), step, to));
    Send last = last(before.id(), step);
    if (!hard || last == null || !last.to().sameMailbox(to)) {
      return;
    }
    dead.add(before.id() + " " + to.key());
    if (!over && resendOwed(before, step, to)) {
      owed.put(before.id(), step);
    }
  }

  /**
   * S10: whether a hard bounce of {@code step} to {@code to} must send the same step to the next
   * address — the enrollment (active, or finished) writes to {@code to}, has an address after it,
   * and no later step has started.
   */
  private static boolean resendOwed(Enrollment e, int step, EmailAddress to) {
    StepStatus bounced = e.step(step).status();
    if (!e.address().sameMailbox(to)
        || e.addressIndex() + 1 >= e.candidate().addresses().size()
        || (bounced != StepStatus.SENT && bounced != StepStatus.DELIVERY_UNKNOWN)) {
      return false;
    }
    for (int n = step + 1; n <= e.steps().size(); n++) {
      StepStatus later = e.step(n).status();
      if (later != StepStatus.PENDING && later != StepStatus.SCHEDULED) {
        return false;
      }
    }
    return true;
  }

  /**
   * Logs a send and checks it.
   *
   * @param e the enrollment sent for, or null if the model never made it
   * @param stored the enrollment as stored when the transport was called (in flight)
   * @param ended its first terminal version the model saw, or null
   * @param listed whether the store's suppression list covers the address
   */
  void sent(
      Send s,
      @Nullable Enrolled e,
      @Nullable Enrollment stored,
      @Nullable Enrollment ended,
      boolean listed) {
    sends.add(s);
    if (e == null || stored == null) {
      throw new Violation("4", "sent for an enrollment the model never made: " + s);
    }
    String what = "step " + s.step() + " of " + e.name() + " to " + s.to() + " at " + s.at();
    resends(s, what);
    if (replied.contains(e.id())) {
      throw new Violation("4", what + " sent after a reply was recorded");
    }
    if (optedOut.contains(e.id())) {
      throw new Violation("4", what + " sent after the candidate opted out");
    }
    if (ended != null || stored.status().isTerminal()) {
      throw new Violation(
          "4",
          what + " sent after the enrollment was " + (ended != null ? ended : stored).status());
    }
    schedule(s, e, what);
    mailbox(s, what);
    if (suppressed(s.to()) || listed) {
      throw new Violation("7", what + " although the address is suppressed");
    }
    if (stored.candidate().addresses().stream().noneMatch(a -> a.sameMailbox(s.to()))) {
      throw new Violation("7", what + ": not an address of the candidate");
    }
  }

  /** 3 and S10: no resend without a failure or bounce, never to a dead address, owed step first. */
  private void resends(Send s, String what) {
    String key = key(s.enrollment(), s.step(), s.to());
    boolean first = unfailed.add(key);
    if (!(s.result() instanceof SendResult.Accepted)) {
      unfailed.remove(key);
    }
    if (!first) {
      throw new Violation("3", what + " sent again with no failure or bounce of it in between");
    }
    Integer resend = owed.remove(s.enrollment());
    if (resend != null && resend != s.step()) {
      throw new Violation(
          "S10",
          what
              + " although step "
              + resend
              + " hard-bounced and was not yet sent to the alternate");
    }
    String address = s.enrollment() + " " + s.to().key();
    if (dead.contains(address)) {
      throw new Violation("3", what + ", an address that hard-bounced for this enrollment before");
    }
    if (s.result() instanceof SendResult.PermanentFailure) {
      dead.add(address);
    }
  }

  /** 5: inside the campaign's schedule in the candidate's zone (else the campaign's). */
  private void schedule(Send s, Enrolled e, String what) {
    CampaignDefinition d = scenario.campaigns().get(e.campaign());
    ZoneId own = scenario.candidates().get(e.candidate()).zone();
    ZoneId zone = own != null ? own : d.zone();
    if (!ScheduleOracle.allows(s.at(), zone, d.schedule(), d.holidays())) {
      throw new Violation(
          "5",
          what
              + " is outside the schedule: local time "
              + s.at().atZone(zone)
              + " ("
              + s.at().atZone(zone).getDayOfWeek()
              + "), schedule "
              + ModelScenario.format(d.schedule())
              + ", holidays "
              + d.holidays().holidays());
    }
  }

  /** 6: per local day of the mailbox at most its cap, and at least its gap between sends. */
  private void mailbox(Send s, String what) {
    SenderMailbox mailbox = scenario.mailbox();
    if (!s.from().sameMailbox(mailbox.address())) {
      throw new Violation("6", what + " sent from " + s.from() + ", not the campaign's mailbox");
    }
    LocalDate day = LocalDate.ofInstant(s.at(), mailbox.zone());
    int count = sentPerDay.merge(day, 1, Integer::sum);
    Instant previous = lastSend;
    lastSend = s.at();
    if (count > mailbox.dailyCap()) {
      throw new Violation(
          "6", what + " is send " + count + " on " + day + ", cap " + mailbox.dailyCap());
    }
    if (previous != null && previous.plus(mailbox.minimumGap()).isAfter(s.at())) {
      throw new Violation(
          "6", what + " only " + Duration.between(previous, s.at()) + " after the last send");
    }
  }

  private static String key(EnrollmentId id, int step, EmailAddress to) {
    return id + "#" + step + " " + to.key();
  }
}

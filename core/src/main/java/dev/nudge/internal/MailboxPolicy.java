package dev.nudge.internal;

import dev.nudge.MailboxHold;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a sender mailbox's caps and health, as pure functions over its stored state: at most
 * {@code dailyCap} slots per local day of the mailbox's zone, at least {@code minimumGap} between
 * two, steps denied by the gap told to come back one gap apart in the order they asked, and no slot
 * while the mailbox is held — except one probe once its retry time has come. Stores only keep the
 * state; every engine applies the same rules.
 */
final class MailboxPolicy {
  /** How long other steps wait while a probe send of a held mailbox is under way. */
  static final Duration PROBE_WINDOW = Duration.ofMinutes(5);

  private MailboxPolicy() {}

  /**
   * The answer to a request for a slot at {@code now} and the state after it.
   *
   * @param next the state to store, or null when the request changed nothing
   * @param decision granted (and counted) or denied
   */
  record Outcome(@Nullable MailboxState next, SlotDecision decision) {}

  static Outcome tryAcquire(MailboxState s, Instant now) {
    MailboxHold hold = s.hold();
    MailboxHold holdIfGranted = hold;
    if (hold != null) {
      if (now.isBefore(hold.retryAt())) {
        String why =
            hold.kind() == MailboxHold.Kind.DISCONNECTED
                ? "mailbox disconnected"
                : "mailbox paused";
        return new Outcome(null, new SlotDecision.Denied(hold.retryAt(), why));
      }
      // its retry time has come: this send is the probe, the others wait for its answer
      holdIfGranted =
          new MailboxHold(
              hold.kind(), hold.reason(), hold.since(), now.plus(PROBE_WINDOW), hold.failures());
    }
    SenderMailbox m = s.mailbox();
    Duration gap = m.minimumGap();
    Instant last = s.lastSend();
    int queued = s.queued();
    if (last != null && !gap.isZero()) {
      Instant free = last.plus(gap);
      if (free.isAfter(now)) {
        if (queued > 0 && Duration.between(now, free).compareTo(gap.dividedBy(2)) <= 0) {
          // a step of the queue back a little early: the send before it left later than its slot
          // was taken ({@link #confirm}), and the gap frees later than it was told; it comes back
          // then, keeping its place
          return new Outcome(null, new SlotDecision.Denied(free, "minimum gap"));
        }
        // queue behind the steps already waiting, one gap apart
        Instant retry = last.plus(gap.multipliedBy(1L + queued));
        return new Outcome(
            with(s, hold, s.day(), s.sentOnDay(), last, queued + 1),
            new SlotDecision.Denied(retry, "minimum gap"));
      }
      if (!now.isBefore(last.plus(gap.multipliedBy(2)))) {
        // idle for two gaps: whoever queued did not come back on time (their step moved to a
        // later window, was stopped or was sent elsewhere), so the queue starts anew
        queued = 0;
      }
    }
    LocalDate today = localDate(now, m.zone());
    LocalDate day = s.day();
    int sent;
    if (day == null || day.isBefore(today)) {
      day = today;
      sent = 0;
    } else {
      // the same day, or a clock behind the one that counted: count against the stored day
      sent = s.sentOnDay();
    }
    if (sent >= m.dailyCap()) {
      Instant nextDay = day.plusDays(1).atStartOfDay(m.zone()).toInstant();
      MailboxState next =
          queued == s.queued() ? null : with(s, hold, s.day(), s.sentOnDay(), last, queued);
      return new Outcome(next, new SlotDecision.Denied(nextDay, "daily cap"));
    }
    Instant lastSend = last == null || now.isAfter(last) ? now : last;
    return new Outcome(
        with(s, holdIfGranted, day, sent + 1, lastSend, queued > 0 ? queued - 1 : 0),
        new SlotDecision.Granted(now, last));
  }

  /**
   * Whether a slot taken at {@code slot.at()} has to be confirmed before its email is handed over
   * at {@code now}: always for a mailbox with a minimum gap (the gap is between hand-overs, and the
   * slot was taken earlier), and when the mailbox's local day changed since (the slot was counted
   * on the day before).
   */
  static boolean needsConfirmation(SenderMailbox m, SlotDecision.Granted slot, Instant now) {
    return now.isAfter(slot.at())
        && (!m.minimumGap().isZero()
            || !localDate(now, m.zone()).equals(localDate(slot.at(), m.zone())));
  }

  /**
   * Confirms a granted slot at the moment its email is handed over, {@code now}, after the time it
   * took to record it and to make the sends before it. With a minimum gap, the slot moves to {@code
   * now} when no slot was taken after it, and is refused when one was (sending now would come
   * closer than the gap to that one). On a new local day, the send is counted on that day, and
   * refused when the day's cap is reached. A refused slot is given back with {@link #release}.
   *
   * @return the state to store (null when nothing changes) and the slot, granted at {@code now}, or
   *     denied with the time to try again
   */
  static Outcome confirm(MailboxState s, SlotDecision.Granted slot, Instant now) {
    SenderMailbox m = s.mailbox();
    Duration gap = m.minimumGap();
    Instant last = s.lastSend();
    boolean latest = slot.at().equals(last);
    if (!gap.isZero() && !latest && last != null) {
      return new Outcome(null, new SlotDecision.Denied(last.plus(gap), "minimum gap"));
    }
    LocalDate today = localDate(now, m.zone());
    LocalDate day = s.day();
    int sent = s.sentOnDay();
    if (!today.equals(localDate(slot.at(), m.zone()))) {
      if (day == null || day.isBefore(today)) {
        day = today;
        sent = 0;
      }
      if (sent >= m.dailyCap()) {
        Instant nextDay = day.plusDays(1).atStartOfDay(m.zone()).toInstant();
        return new Outcome(null, new SlotDecision.Denied(nextDay, "daily cap"));
      }
      sent++;
    }
    Instant lastSend = latest ? now : last;
    SlotDecision.Granted moved = new SlotDecision.Granted(now, slot.previousSend());
    if (Objects.equals(day, s.day()) && sent == s.sentOnDay() && Objects.equals(lastSend, last)) {
      return new Outcome(null, moved);
    }
    return new Outcome(with(s, s.hold(), day, sent, lastSend, s.queued()), moved);
  }

  /**
   * Gives back a granted slot whose send was abandoned before the transport was called: the day's
   * count goes down and, if no send came after it, the gap is measured from the send before.
   *
   * @return the state to store, or null when nothing changes
   */
  static @Nullable MailboxState release(MailboxState s, SlotDecision.Granted slot) {
    LocalDate day = localDate(slot.at(), s.mailbox().zone());
    boolean counted = day.equals(s.day()) && s.sentOnDay() > 0;
    boolean latest = slot.at().equals(s.lastSend());
    if (!counted && !latest) {
      return null;
    }
    return with(
        s,
        s.hold(),
        s.day(),
        counted ? s.sentOnDay() - 1 : s.sentOnDay(),
        latest ? slot.previousSend() : s.lastSend(),
        s.queued());
  }

  /**
   * The state after the sender was refused: held from now for {@code base}, doubled for each
   * refusal in a row, at most {@code cap}.
   */
  static MailboxState held(
      MailboxState s,
      MailboxHold.Kind kind,
      String reason,
      Instant now,
      Duration base,
      Duration cap) {
    MailboxHold before = s.hold();
    int failures = before == null ? 1 : before.failures() + 1;
    Duration wait = base;
    for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    if (wait.compareTo(cap) > 0) {
      wait = cap;
    }
    MailboxHold hold =
        new MailboxHold(
            kind, reason, before == null ? now : before.since(), now.plus(wait), failures);
    return new MailboxState(
        s.mailbox(), s.day(), s.sentOnDay(), s.lastSend(), s.queued(), hold, s.version() + 1);
  }

  /** The state of a mailbox that works again, or null when it was not held. */
  static @Nullable MailboxState cleared(MailboxState s) {
    if (s.hold() == null) {
      return null;
    }
    return new MailboxState(
        s.mailbox(), s.day(), s.sentOnDay(), s.lastSend(), s.queued(), null, s.version() + 1);
  }

  /** How many slots the mailbox took on a local day of its zone, as far as the state tells. */
  static int sentOn(MailboxState s, LocalDate day) {
    return day.equals(s.day()) ? s.sentOnDay() : 0;
  }

  private static MailboxState with(
      MailboxState s,
      @Nullable MailboxHold hold,
      @Nullable LocalDate day,
      int sent,
      @Nullable Instant last,
      int queued) {
    return new MailboxState(s.mailbox(), day, sent, last, queued, hold, s.version() + 1);
  }

  /** The local date; for a fixed offset without the rules object {@code ZoneOffset} makes anew. */
  static LocalDate localDate(Instant t, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return LocalDate.ofEpochDay(
          Math.floorDiv(t.getEpochSecond() + offset.getTotalSeconds(), 86_400L));
    }
    return LocalDate.ofInstant(t, zone);
  }
}

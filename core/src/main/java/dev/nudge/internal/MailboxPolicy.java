package dev.nudge.internal;

import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a sender mailbox's caps, as pure functions over its stored state: at most {@code
 * dailyCap} slots per local day of the mailbox's zone, at least {@code minimumGap} between two, and
 * steps denied by the gap told to come back one gap apart, in the order they asked. Stores only
 * keep the state; every engine applies the same rules.
 */
final class MailboxPolicy {
  private MailboxPolicy() {}

  /**
   * The answer to a request for a slot at {@code now} and the state after it.
   *
   * @param next the state to store, or null when the request changed nothing
   * @param decision granted (and counted) or denied
   */
  record Outcome(@Nullable MailboxState next, SlotDecision decision) {}

  static Outcome tryAcquire(MailboxState s, Instant now) {
    SenderMailbox m = s.mailbox();
    Duration gap = m.minimumGap();
    Instant last = s.lastSend();
    int queued = s.queued();
    if (last != null && !gap.isZero()) {
      Instant free = last.plus(gap);
      if (free.isAfter(now)) {
        // queue behind the steps already waiting, one gap apart
        Instant retry = last.plus(gap.multipliedBy(1L + queued));
        return new Outcome(
            with(s, s.day(), s.sentOnDay(), last, queued + 1),
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
          queued == s.queued() ? null : with(s, s.day(), s.sentOnDay(), last, queued);
      return new Outcome(next, new SlotDecision.Denied(nextDay, "daily cap"));
    }
    Instant lastSend = last == null || now.isAfter(last) ? now : last;
    return new Outcome(
        with(s, day, sent + 1, lastSend, queued > 0 ? queued - 1 : 0),
        new SlotDecision.Granted(now, last));
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
        s.day(),
        counted ? s.sentOnDay() - 1 : s.sentOnDay(),
        latest ? slot.previousSend() : s.lastSend(),
        s.queued());
  }

  /** How many slots the mailbox took on a local day of its zone, as far as the state tells. */
  static int sentOn(MailboxState s, LocalDate day) {
    return day.equals(s.day()) ? s.sentOnDay() : 0;
  }

  private static MailboxState with(
      MailboxState s, @Nullable LocalDate day, int sent, @Nullable Instant last, int queued) {
    return new MailboxState(s.mailbox(), day, sent, last, queued, s.version() + 1);
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

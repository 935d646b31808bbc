package dev.nudge.memory;

import dev.nudge.EmailAddress;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxLedger;
import dev.nudge.spi.store.SlotDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** Mailbox counters of the {@link InMemoryStore}. */
final class MemoryMailboxLedger implements MailboxLedger {
  /** Local days whose counts are kept per mailbox; older days are forgotten. */
  private static final int DAYS_KEPT = 62;

  private final ReentrantLock lock;
  private final Map<String, Counters> mailboxes = new HashMap<>();

  MemoryMailboxLedger(ReentrantLock lock) {
    this.lock = lock;
  }

  /** One mailbox's sends per local day, its last send and the steps queued behind its gap. */
  private static final class Counters {
    final Map<LocalDate, int[]> perDay = new HashMap<>();
    @Nullable Instant lastSend;
    long queued;
  }

  @Override
  public SlotDecision tryAcquire(SenderMailbox mailbox, Instant now) {
    String key = mailbox.address().key();
    LocalDate day = localDate(now, mailbox.zone());
    lock.lock();
    try {
      Counters c = mailboxes.computeIfAbsent(key, k -> new Counters());
      Instant last = c.lastSend;
      if (last != null && !mailbox.minimumGap().isZero()) {
        Instant free = last.plus(mailbox.minimumGap());
        if (free.isAfter(now)) {
          // queue behind the steps already waiting, one gap apart
          Instant retry = last.plus(mailbox.minimumGap().multipliedBy(1 + c.queued));
          c.queued++;
          return new SlotDecision.Denied(retry, "minimum gap");
        }
        if (!now.isBefore(last.plus(mailbox.minimumGap().multipliedBy(2)))) {
          // idle for two gaps: whoever queued did not come back on time (their step moved to a
          // later window, was stopped or was sent elsewhere), so the queue starts anew
          c.queued = 0;
        }
      }
      int[] sent = c.perDay.computeIfAbsent(day, d -> new int[1]);
      if (sent[0] >= mailbox.dailyCap()) {
        Instant nextDay = day.plusDays(1).atStartOfDay(mailbox.zone()).toInstant();
        return new SlotDecision.Denied(nextDay, "daily cap");
      }
      sent[0]++;
      if (c.queued > 0) {
        c.queued--;
      }
      if (c.perDay.size() > DAYS_KEPT) {
        forgetOldDays(c, day);
      }
      if (last == null || now.isAfter(last)) {
        c.lastSend = now;
      }
      return new SlotDecision.Granted(now, last);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(SenderMailbox mailbox, SlotDecision.Granted slot) {
    LocalDate day = localDate(slot.at(), mailbox.zone());
    lock.lock();
    try {
      Counters c = mailboxes.get(mailbox.address().key());
      if (c == null) {
        return;
      }
      int[] sent = c.perDay.get(day);
      if (sent != null && sent[0] > 0) {
        sent[0]--;
      }
      if (slot.at().equals(c.lastSend)) {
        c.lastSend = slot.previousSend();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The local date; for a fixed offset without the rules object {@code ZoneOffset} makes anew. */
  private static LocalDate localDate(Instant t, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return LocalDate.ofEpochDay(
          Math.floorDiv(t.getEpochSecond() + offset.getTotalSeconds(), 86_400L));
    }
    return LocalDate.ofInstant(t, zone);
  }

  private static void forgetOldDays(Counters c, LocalDate today) {
    LocalDate oldest = today.minusDays(DAYS_KEPT);
    for (Iterator<LocalDate> it = c.perDay.keySet().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(oldest)) {
        it.remove();
      }
    }
  }

  @Override
  public int sentOn(EmailAddress mailbox, LocalDate day) {
    lock.lock();
    try {
      Counters c = mailboxes.get(mailbox.key());
      int[] sent = c == null ? null : c.perDay.get(day);
      return sent == null ? 0 : sent[0];
    } finally {
      lock.unlock();
    }
  }
}

package dev.nudge.memory;

import dev.nudge.EmailAddress;
import dev.nudge.SenderMailbox;
import dev.nudge.port.MailboxLedger;
import dev.nudge.port.SlotDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** Mailbox counters of the {@link InMemoryStore}. */
final class MemoryMailboxLedger implements MailboxLedger {
  private static final SlotDecision GRANTED = new SlotDecision.Granted();

  private final ReentrantLock lock;
  private final Map<String, Counters> mailboxes = new HashMap<>();

  MemoryMailboxLedger(ReentrantLock lock) {
    this.lock = lock;
  }

  /** One mailbox's sends per local day and its last send. */
  private static final class Counters {
    final Map<LocalDate, int[]> perDay = new HashMap<>();
    @Nullable Instant lastSend;
  }

  @Override
  public SlotDecision tryAcquire(SenderMailbox mailbox, Instant now) {
    String key = mailbox.address().key();
    LocalDate day = LocalDate.ofInstant(now, mailbox.zone());
    lock.lock();
    try {
      Counters c = mailboxes.computeIfAbsent(key, k -> new Counters());
      Instant last = c.lastSend;
      if (last != null && !mailbox.minimumGap().isZero()) {
        Instant free = last.plus(mailbox.minimumGap());
        if (free.isAfter(now)) {
          return new SlotDecision.Denied(free, "minimum gap");
        }
      }
      int[] sent = c.perDay.computeIfAbsent(day, d -> new int[1]);
      if (sent[0] >= mailbox.dailyCap()) {
        Instant nextDay = day.plusDays(1).atStartOfDay(mailbox.zone()).toInstant();
        return new SlotDecision.Denied(nextDay, "daily cap");
      }
      sent[0]++;
      if (last == null || now.isAfter(last)) {
        c.lastSend = now;
      }
      return GRANTED;
    } finally {
      lock.unlock();
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

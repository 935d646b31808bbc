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
  private final Map<String, Map<LocalDate, Integer>> counts = new HashMap<>();
  private final Map<String, Instant> lastSend = new HashMap<>();

  MemoryMailboxLedger(ReentrantLock lock) {
    this.lock = lock;
  }

  @Override
  public SlotDecision tryAcquire(SenderMailbox mailbox, Instant now) {
    String key = mailbox.address().key();
    LocalDate day = now.atZone(mailbox.zone()).toLocalDate();
    lock.lock();
    try {
      Instant last = lastSend.get(key);
      if (last != null && !mailbox.minimumGap().isZero()) {
        Instant free = last.plus(mailbox.minimumGap());
        if (free.isAfter(now)) {
          return new SlotDecision.Denied(free, "minimum gap");
        }
      }
      Map<LocalDate, Integer> perDay = counts.computeIfAbsent(key, k -> new HashMap<>());
      int sent = perDay.getOrDefault(day, 0);
      if (sent >= mailbox.dailyCap()) {
        Instant nextDay = day.plusDays(1).atStartOfDay(mailbox.zone()).toInstant();
        return new SlotDecision.Denied(nextDay, "daily cap");
      }
      perDay.put(day, sent + 1);
      if (last == null || now.isAfter(last)) {
        lastSend.put(key, now);
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
      @Nullable Map<LocalDate, Integer> perDay = counts.get(mailbox.key());
      return perDay == null ? 0 : perDay.getOrDefault(day, 0);
    } finally {
      lock.unlock();
    }
  }
}

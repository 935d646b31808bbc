package dev.nudge.internal;

import dev.nudge.EnrollmentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Orders the hand-over of an email to the transport against the commands of this engine that change
 * its enrollment (a reply, an opt-out, a pause, a removal).
 *
 * <p>A send opens its hand-over and reads the count of changes in one step; a command, once its
 * commit holds, counts a change and reads the open hand-overs in one step. So either the send's
 * last look comes after the command's commit (the count moved: the send reads the enrollment's
 * version again and is not made), or the command sees the open hand-over and waits until the
 * transport answered. Either way, once a command returns, no email of its enrollment starts on its
 * way from this engine. A change committed by another engine is seen by the send's reading of the
 * versions, made before the first send and, in a batch, again every few milliseconds.
 */
final class Handovers {
  private static final Logger log = Logs.SEND;

  private final Duration patience;
  private final Map<EnrollmentId, List<Handover>> open = new HashMap<>();
  private long changes;

  /**
   * @param patience longest wait of a command for a send in progress (the transport's own timeouts
   *     end it much sooner)
   */
  Handovers(Duration patience) {
    this.patience = patience;
  }

  /** A send handed to the transport, open until it answered. */
  static final class Handover {
    private final EnrollmentId enrollment;
    private final Thread sender = Thread.currentThread();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final long changesSeen;

    private Handover(EnrollmentId enrollment, long changesSeen) {
      this.enrollment = enrollment;
      this.changesSeen = changesSeen;
    }

    /** The count of changes when it opened: a send compares it to the count at its last look. */
    long changesSeen() {
      return changesSeen;
    }
  }

  /** The count of changes committed by this engine's commands so far. */
  synchronized long changes() {
    return changes;
  }

  /** Opens the hand-over of a send of {@code enrollment}; close it in a {@code finally}. */
  synchronized Handover open(EnrollmentId enrollment) {
    Handover h = new Handover(enrollment, changes);
    open.computeIfAbsent(enrollment, id -> new ArrayList<>(1)).add(h);
    return h;
  }

  /** Closes a hand-over: the transport answered, or the send was not made. */
  void close(Handover h) {
    synchronized (this) {
      List<Handover> list = open.get(h.enrollment);
      if (list != null) {
        list.remove(h);
        if (list.isEmpty()) {
          open.remove(h.enrollment);
        }
      }
    }
    h.answered.countDown();
  }

  /**
   * Counts a committed change of the enrollments and waits for their sends in progress on other
   * threads.
   */
  void changed(Collection<EnrollmentId> enrollments) {
    List<Handover> waitFor = new ArrayList<>();
    synchronized (this) {
      changes++;
      if (open.isEmpty()) {
        return;
      }
      for (EnrollmentId id : enrollments) {
        List<Handover> list = open.get(id);
        if (list != null) {
          for (Handover h : list) {
            if (h.sender != Thread.currentThread()) {
              waitFor.add(h);
            }
          }
        }
      }
    }
    long deadline = System.nanoTime() + patience.toNanos();
    for (Handover h : waitFor) {
      try {
        if (!h.answered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          log.warn(
              "a send of enrollment {} still waits for the transport after {}; not waiting longer",
              h.enrollment,
              patience);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.MailboxHold;
import dev.nudge.NotFoundException;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Registered sender mailboxes: registration, changes of their settings, and slots taken under their
 * caps, each a read–decide–compare-and-set loop over the stored state ({@link MailboxPolicy}).
 */
final class Mailboxes {
  /** Compare-and-set attempts before a busy mailbox is reported as a conflict. */
  private static final int ATTEMPTS = 200;

  private final MailboxRepository repository;

  Mailboxes(MailboxRepository repository) {
    this.repository = repository;
  }

  /**
   * A slot request's answer, with the mailbox's settings at that moment.
   *
   * @param held whether the mailbox was held: a granted slot is then a probe
   */
  record Slot(SenderMailbox mailbox, SlotDecision decision, boolean held) {}

  SenderMailbox register(SenderMailbox mailbox) {
    if (mailbox == null) {
      throw new InvalidInputException("mailbox", "is required");
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MailboxState stored = repository.find(mailbox.address()).orElse(null);
      if (stored == null) {
        if (repository.insert(MailboxState.registered(mailbox))) {
          Logs.MAILBOX.info(
              "sender mailbox {} registered: {} a day, gap {}, days in {}",
              mailbox.address(),
              mailbox.dailyCap(),
              mailbox.minimumGap(),
              mailbox.zone());
          return mailbox;
        }
        continue; // registered meanwhile: compare with that
      }
      String difference = difference(stored.mailbox(), mailbox);
      if (difference != null) {
        throw new InvalidInputException(
            "mailbox." + difference,
            stored.mailbox().address()
                + " is registered already with "
                + difference
                + " "
                + value(stored.mailbox(), difference)
                + ", not "
                + value(mailbox, difference)
                + "; change a registered mailbox with updateMailbox");
      }
      return stored.mailbox();
    }
    throw busy(mailbox.address());
  }

  SenderMailbox update(SenderMailbox mailbox) {
    Objects.requireNonNull(mailbox, "mailbox");
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MailboxState s = require(mailbox.address());
      MailboxState next =
          new MailboxState(
              mailbox, s.day(), s.sentOnDay(), s.lastSend(), s.queued(), s.hold(), s.version() + 1);
      if (repository.compareAndSet(next)) {
        Logs.MAILBOX.info(
            "sender mailbox {} changed: {} a day, gap {}, days in {}",
            mailbox.address(),
            mailbox.dailyCap(),
            mailbox.minimumGap(),
            mailbox.zone());
        return mailbox;
      }
    }
    throw busy(mailbox.address());
  }

  MailboxState require(EmailAddress address) {
    return repository
        .find(address)
        .orElseThrow(() -> new NotFoundException("sender mailbox", address));
  }

  List<MailboxState> all() {
    return repository.findAll();
  }

  /** Takes a slot at {@code now} if the mailbox's cap and gap allow it. */
  Slot acquire(EmailAddress address, Instant now) {
    Applied a = apply(address, s -> MailboxPolicy.tryAcquire(s, now));
    return new Slot(a.read().mailbox(), a.decision(), a.read().hold() != null);
  }

  /**
   * A rule of the policy applied to the stored state.
   *
   * @param read the state the rule was applied to
   * @param decision the rule's answer, stored with the state it led to
   */
  private record Applied(MailboxState read, SlotDecision decision) {}

  /** Applies a rule of the policy to the stored state, again until its compare-and-set holds. */
  private Applied apply(EmailAddress address, Function<MailboxState, MailboxPolicy.Outcome> rule) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MailboxState s = require(address);
      MailboxPolicy.Outcome o = rule.apply(s);
      if (o.next() == null || repository.compareAndSet(o.next())) {
        return new Applied(s, o.decision());
      }
    }
    throw busy(address);
  }

  /**
   * Takes slots for several sends at once, in the order given, with one compare-and-set: the
   * answers are those {@link #acquire} would give one after the other.
   */
  List<Slot> acquireAll(EmailAddress address, List<Instant> times) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Decided d = decide(require(address), times);
      MailboxState next = d.next();
      if (next == null || repository.compareAndSet(next)) {
        return d.slots();
      }
    }
    throw busy(address);
  }

  /**
   * Takes slots for the sends of several mailboxes: one read of every state, one write of every
   * change; a mailbox whose write meets a concurrent change is done again on its own.
   */
  Map<EmailAddress, List<Slot>> acquireAll(Map<EmailAddress, List<Instant>> times) {
    Map<EmailAddress, List<Slot>> slots = new HashMap<>();
    if (times.isEmpty()) {
      return slots;
    }
    Map<String, MailboxState> stored = new HashMap<>();
    for (MailboxState s : repository.find(times.keySet())) {
      stored.put(s.key(), s);
    }
    List<MailboxState> writes = new ArrayList<>();
    List<EmailAddress> written = new ArrayList<>();
    for (Map.Entry<EmailAddress, List<Instant>> m : times.entrySet()) {
      MailboxState s = stored.get(m.getKey().key());
      if (s == null) {
        throw new NotFoundException("sender mailbox", m.getKey());
      }
      Decided d = decide(s, m.getValue());
      slots.put(m.getKey(), d.slots());
      if (d.next() != null) {
        writes.add(d.next());
        written.add(m.getKey());
      }
    }
    List<Boolean> done = repository.compareAndSetAll(writes);
    for (int i = 0; i < done.size(); i++) {
      if (!done.get(i)) {
        EmailAddress address = written.get(i);
        slots.put(address, acquireAll(address, Objects.requireNonNull(times.get(address))));
      }
    }
    return slots;
  }

  /** Slots decided on one state, and the state to write (null when nothing changed). */
  private record Decided(List<Slot> slots, @Nullable MailboxState next) {}

  private static Decided decide(MailboxState stored, List<Instant> times) {
    MailboxState s = stored;
    boolean changed = false;
    List<Slot> slots = new ArrayList<>(times.size());
    for (Instant t : times) {
      MailboxPolicy.Outcome o = MailboxPolicy.tryAcquire(s, t);
      slots.add(new Slot(s.mailbox(), o.decision(), s.hold() != null));
      MailboxState n = o.next();
      if (n != null) {
        changed = true;
        // one write in the end: keep the version of the stored state until then
        s =
            new MailboxState(
                n.mailbox(),
                n.day(),
                n.sentOnDay(),
                n.lastSend(),
                n.queued(),
                n.hold(),
                stored.version());
      }
    }
    return new Decided(
        slots,
        changed
            ? new MailboxState(
                s.mailbox(),
                s.day(),
                s.sentOnDay(),
                s.lastSend(),
                s.queued(),
                s.hold(),
                stored.version() + 1)
            : null);
  }

  /**
   * Confirms a granted slot as its email is handed over ({@link MailboxPolicy#confirm}); the slot
   * as it was when no confirmation is needed.
   */
  SlotDecision confirm(Slot slot, Instant now) {
    SlotDecision.Granted granted = (SlotDecision.Granted) slot.decision();
    if (!MailboxPolicy.needsConfirmation(slot.mailbox(), granted, now)) {
      return granted;
    }
    return apply(slot.mailbox().address(), s -> MailboxPolicy.confirm(s, granted, now)).decision();
  }

  /** Gives back a slot whose send was abandoned before the transport was called. */
  void release(EmailAddress address, SlotDecision.Granted slot) {
    apply(address, s -> new MailboxPolicy.Outcome(MailboxPolicy.release(s, slot), slot));
  }

  /**
   * Holds the mailbox after the sender was refused.
   *
   * @return the hold, and whether the mailbox was working until now
   */
  Held hold(EmailAddress address, SendResult.MailboxRejected.Kind why, String reason, Instant now) {
    MailboxHold.Kind kind =
        why == SendResult.MailboxRejected.Kind.AUTHENTICATION
            ? MailboxHold.Kind.DISCONNECTED
            : MailboxHold.Kind.PAUSED;
    Duration base =
        switch (why) {
          case AUTHENTICATION -> Duration.ofMinutes(5);
          case RATE -> Duration.ofMinutes(15);
          case POLICY -> Duration.ofHours(1);
        };
    Duration cap =
        switch (why) {
          case AUTHENTICATION -> Duration.ofMinutes(30);
          case RATE -> Duration.ofHours(2);
          case POLICY -> Duration.ofHours(12);
        };
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MailboxState s = require(address);
      MailboxState next = MailboxPolicy.held(s, kind, reason, now, base, cap);
      if (repository.compareAndSet(next)) {
        MailboxHold hold = Objects.requireNonNull(next.hold());
        return new Held(hold, s.hold() == null);
      }
    }
    throw busy(address);
  }

  /**
   * A hold and whether it is new.
   *
   * @param hold the hold
   * @param started whether the mailbox was working until now
   */
  record Held(MailboxHold hold, boolean started) {}

  /**
   * Ends a mailbox's hold.
   *
   * @return the hold that ended, or null when the mailbox was not held
   */
  @Nullable MailboxHold clear(EmailAddress address) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MailboxState s = require(address);
      MailboxState next = MailboxPolicy.cleared(s);
      if (next == null) {
        return null;
      }
      if (repository.compareAndSet(next)) {
        return s.hold();
      }
    }
    throw busy(address);
  }

  private static ConflictException busy(EmailAddress address) {
    return new ConflictException(
        ConflictException.Kind.VERSION,
        "mailbox " + address + " changed " + ATTEMPTS + " times while this engine updated it");
  }

  /** The first setting in which two definitions of one mailbox differ, or null. */
  private static @Nullable String difference(SenderMailbox a, SenderMailbox b) {
    if (!a.displayName().equals(b.displayName())) {
      return "displayName";
    }
    if (a.dailyCap() != b.dailyCap()) {
      return "dailyCap";
    }
    if (!a.minimumGap().equals(b.minimumGap())) {
      return "minimumGap";
    }
    if (!a.zone().equals(b.zone())) {
      return "zone";
    }
    return null;
  }

  private static String value(SenderMailbox m, String field) {
    return switch (field) {
      case "displayName" -> "'" + m.displayName() + "'";
      case "dailyCap" -> Integer.toString(m.dailyCap());
      case "minimumGap" -> m.minimumGap().toString();
      default -> m.zone().getId();
    };
  }
}

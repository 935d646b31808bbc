package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.RunReport;
import dev.nudge.StoreException;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.transport.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Works on a batch of claims with few round trips to the store: one read of the enrollments and of
 * the suppression entries that concern them, the mailbox slots taken mailbox by mailbox, one commit
 * that records every decision and every send in flight (durable before any email leaves), the
 * sends, and one commit of every answer. When a commit meets a concurrent change, the batch falls
 * back to one enrollment at a time, deciding again on fresh reads; nothing is decided twice on a
 * stale state.
 */
final class Batches {
  private static final Logger log = Logs.SEND;

  /** Longest time the sends of a batch go on without looking for changes of other engines. */
  static final java.time.Duration LOOK_AGAIN = java.time.Duration.ofMillis(5);

  private final DueProcessor due;
  private final Engine engine;

  Batches(DueProcessor due) {
    this.due = due;
    this.engine = due.engine;
  }

  /** Processes the claims; never throws for a single enrollment's trouble. */
  RunReport process(List<Claim> claims, Instant clockNow) {
    if (claims.size() == 1) {
      return due.process(claims.get(0), clockNow);
    }
    // measured here, on this engine's own clock: the claims were made a moment ago
    long leaseEnds = System.nanoTime() + engine.lease().toNanos();
    try {
      return processOrFallBack(claims, clockNow, true, leaseEnds);
    } catch (RuntimeException e) {
      log.error(
          "processing a batch of {} claims failed; retried after their leases expire",
          claims.size(),
          e);
      return RunReport.EMPTY;
    }
  }

  /**
   * Processes the batch; on a concurrent change, once more on fresh reads ({@code again}), then one
   * enrollment at a time.
   */
  private RunReport processOrFallBack(
      List<Claim> batch, Instant clockNow, boolean again, long leaseEnds) {
    List<Claim> claims = stillHeld(batch);
    if (claims.isEmpty()) {
      return RunReport.EMPTY;
    }
    List<EnrollmentId> ids = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      ids.add(c.enrollmentId());
    }
    Map<EnrollmentId, Enrollment> found = new HashMap<>();
    for (Enrollment e : engine.store.enrollments().find(ids)) {
      found.put(e.id(), e);
    }
    Predicate<EmailAddress> suppressed = suppressed(found.values());
    Map<CampaignId, Campaign> campaigns = new HashMap<>();

    Changes.Builder first = Changes.builder();
    Set<CampaignId> expected = new HashSet<>();
    List<Editor> finished = new ArrayList<>();
    RunReport report = RunReport.EMPTY;
    Map<EmailAddress, List<Decider.Decision.Send>> sends = new LinkedHashMap<>();
    Map<Decider.Decision.Send, Claim> claimOf = new HashMap<>();
    for (Claim claim : claims) {
      Enrollment e = found.get(claim.enrollmentId());
      if (e == null) {
        first.release(claim);
        continue;
      }
      Campaign campaign = campaigns.computeIfAbsent(e.campaignId(), engine::cachedCampaign);
      Decider.Decision d =
          due.decider.decide(e, campaign, Decider.workTime(claim, clockNow), suppressed);
      if (d instanceof Decider.Decision.Release) {
        first.release(claim);
      } else if (d instanceof Decider.Decision.Finish f) {
        add(first, expected, f.ed(), f.ed().result(), claim, true);
        finished.add(f.ed());
        report = report.plus(f.report());
      } else {
        Decider.Decision.Send s = (Decider.Decision.Send) d;
        sends.computeIfAbsent(campaign.mailbox(), m -> new ArrayList<>()).add(s);
        claimOf.put(s, claim);
      }
    }

    // the slots of every mailbox in one read and one write; a denied one waits for its retry time
    List<DueProcessor.InFlight> sending = new ArrayList<>();
    long seen = engine.modifications();
    boolean inFlightHeld;
    try {
      Map<EmailAddress, List<Instant>> times = new LinkedHashMap<>();
      for (Map.Entry<EmailAddress, List<Decider.Decision.Send>> m : sends.entrySet()) {
        List<Instant> t = new ArrayList<>();
        for (Decider.Decision.Send s : m.getValue()) {
          t.add(s.ed().now);
        }
        times.put(m.getKey(), t);
      }
      Map<EmailAddress, List<Mailboxes.Slot>> allSlots = engine.mailboxes.acquireAll(times);
      for (Map.Entry<EmailAddress, List<Decider.Decision.Send>> m : sends.entrySet()) {
        List<Mailboxes.Slot> slots = java.util.Objects.requireNonNull(allSlots.get(m.getKey()));
        for (int i = 0; i < slots.size(); i++) {
          Decider.Decision.Send s = m.getValue().get(i);
          Claim claim = java.util.Objects.requireNonNull(claimOf.get(s));
          Mailboxes.Slot slot = slots.get(i);
          if (slot.decision() instanceof SlotDecision.Denied denied) {
            due.rules.schedule(s.ed(), s.compiled(), s.step().number(), denied.retryAt());
            add(first, expected, s.ed(), s.ed().result(), claim, true);
            finished.add(s.ed());
            report = report.plus(new RunReport(1, 0, 0, 1, 0));
          } else {
            DueProcessor.InFlight f = due.inFlight(s.ed(), s.compiled(), s.step(), claim, slot);
            add(first, expected, s.ed(), f.enrollment(), claim, false);
            sending.add(f);
          }
        }
      }
      inFlightHeld = commitInFlight(first.build(), sending);
    } catch (NotRecorded e) {
      giveBack(sending);
      campaigns.keySet().forEach(engine::forgetCampaign);
      if (!e.storeAnswered && !engine.storeAnswers(claims.get(0).enrollmentId())) {
        throw e.failure;
      }
      // the store answers but did not take the batch's changes: it may refuse the change of one
      // of them, which must not hold up the others each time they are claimed with it
      log.warn(
          "the store did not record a batch of {} claims; each is done on its own",
          claims.size(),
          e.failure);
      return oneAtATime(claims, leaseEnds);
    } catch (ConflictException | StoreException e) {
      giveBack(sending);
      if (e instanceof StoreException) {
        throw e;
      }
      campaigns.keySet().forEach(engine::forgetCampaign);
      log.debug("a batch of {} claims met a concurrent change: {}", claims.size(), e.getMessage());
      if (again) {
        return processOrFallBack(claims, engine.now(), false, leaseEnds);
      }
      // something changed underneath: one at a time, each decided again on fresh reads and at
      // the time it is decided (the sends of the ones before take time)
      return oneAtATime(claims, leaseEnds);
    } catch (RuntimeException e) {
      // nothing reached the transport: the slots were not used
      giveBack(sending);
      throw e;
    }
    for (Editor ed : finished) {
      engine.publish(ed);
    }
    for (DueProcessor.InFlight f : sending) {
      engine.publish(f.ed());
    }
    return report.plus(send(inFlightHeld ? sending : stillSending(sending), seen));
  }

  /**
   * The claims one at a time, each decided on fresh reads at the time it is decided (the sends of
   * the ones before take time). A claim that fails keeps its lease and is tried again once it ends;
   * when the store stops answering, the rest wait for their leases too.
   */
  private RunReport oneAtATime(List<Claim> claims, long leaseEnds) {
    RunReport report = RunReport.EMPTY;
    for (Claim claim : claims) {
      if (System.nanoTime() - leaseEnds >= 0) {
        // the claims made together end together: another engine may hold the rest by now
        log.warn("the leases of the batch ended before each claim was done; the rest wait");
        return report;
      }
      try {
        report = report.plus(due.processThrowingStoreFailures(claim, engine.now()));
      } catch (StoreException e) {
        if (!engine.storeAnswers(claim.enrollmentId())) {
          log.warn("the store does not answer; the rest of the batch waits for its leases");
          return report;
        }
      }
    }
    return report;
  }

  /**
   * Commits the decisions and the in-flight records. When the store fails without telling whether
   * the commit held (the connection was cut during it), it asks once the store answers again: in
   * flight as recorded, the emails go out as usual — none had left yet.
   */
  private boolean commitInFlight(Changes changes, List<DueProcessor.InFlight> sending) {
    try {
      engine.store.commit(changes);
      return true;
    } catch (StoreException e) {
      if (sending.isEmpty()) {
        throw new NotRecorded(e, false);
      }
      if (!engine.landed(sending, e)) {
        // landed read the enrollments to say so: the store answers
        throw new NotRecorded(e, true);
      }
      log.warn(
          "the store reported a failure, but the {} in-flight records of a batch held: sending",
          sending.size());
      return false;
    }
  }

  /**
   * The claims that still hold: one whose lease runs short (the batch waited in the runner's queue)
   * is renewed before anything is written under it, and one that cannot be renewed is left to the
   * engine that holds it now. The fenced in-flight commit then keeps a lost claim from writing.
   */
  private List<Claim> stillHeld(List<Claim> claims) {
    Instant now = engine.now();
    List<Claim> held = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      if (!due.leaseRunsShort(c, now)) {
        held.add(c);
      } else {
        due.renewal(c).ifPresent(held::add);
      }
    }
    return held;
  }

  /**
   * After an in-flight commit that held although the store reported a failure: the sends whose
   * claims could be renewed, since asking the store took time. A send whose claim is lost does not
   * go out from here; its in-flight record stays for the engine that holds the enrollment now.
   */
  private List<DueProcessor.InFlight> stillSending(List<DueProcessor.InFlight> sending) {
    List<DueProcessor.InFlight> held = new ArrayList<>(sending.size());
    for (DueProcessor.InFlight f : sending) {
      if (due.renewal(f.claim()).isPresent()) {
        held.add(f);
      } else {
        due.giveBackSlot(f);
      }
    }
    return held;
  }

  /** The commit of a batch's decisions and in-flight records failed, and none of it held. */
  private static final class NotRecorded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final StoreException failure;
    final boolean storeAnswered;

    NotRecorded(StoreException failure, boolean storeAnswered) {
      super(failure);
      this.failure = failure;
      this.storeAnswered = storeAnswered;
    }
  }

  /** Hands every email to the transport, then records every answer in one commit. */
  private RunReport send(List<DueProcessor.InFlight> sending, long seenModifications) {
    if (sending.isEmpty()) {
      return RunReport.EMPTY;
    }
    List<Claim> held = new ArrayList<>(sending.size());
    for (DueProcessor.InFlight f : sending) {
      held.add(f.claim());
    }
    // null: not handed to the transport after all, with the time it waits for (or null)
    List<@Nullable SendResult> results = new ArrayList<>(sending.size());
    List<@Nullable Instant> retries = new ArrayList<>(sending.size());
    engine.leases.hold(held);
    try {
      try {
        sendAll(sending, seenModifications, results, retries);
      } catch (RuntimeException e) {
        // the answers already given must still be recorded: the sends not made are recorded as
        // not sent, and come due again
        log.error(
            "a batch stopped after {} of its {} sends; the rest are recorded as not sent",
            results.size(),
            sending.size(),
            e);
        while (retries.size() < results.size()) {
          retries.add(null);
        }
        for (int i = results.size(); i < sending.size(); i++) {
          due.giveBackSlot(sending.get(i));
          results.add(null);
          retries.add(null);
        }
      }
      // the leases are renewed until the answers are recorded
      engine.leases.recording();
      return record(sending, results, retries);
    } finally {
      engine.leases.drop();
    }
  }

  private void sendAll(
      List<DueProcessor.InFlight> sending,
      long seenModifications,
      List<@Nullable SendResult> results,
      List<@Nullable Instant> retries) {
    Map<EmailAddress, Instant> refused = new HashMap<>();
    Changed changed = new Changed(sending, seenModifications);
    for (int i = 0; i < sending.size(); i++) {
      DueProcessor.InFlight f = sending.get(i);
      EmailAddress mailbox = f.ed().campaign.mailbox();
      Instant heldUntil = refused.get(mailbox);
      Handovers.Handover handover = engine.handovers.open(f.enrollment().id());
      SendResult result;
      try {
        if (heldUntil != null) {
          // its mailbox was refused earlier in the batch
          due.giveBackSlot(f);
          results.add(null);
          retries.add(heldUntil);
          continue;
        }
        // the slot first: the checks after it are the last look before the hand-over
        DueProcessor.Confirmed confirmed = due.confirmSlot(f);
        if (confirmed.deniedUntil() != null) {
          // the mailbox's gap or the cap of the day it leaves on does not allow it now
          results.add(null);
          retries.add(confirmed.deniedUntil());
          continue;
        }
        f = confirmed.sending();
        sending.set(i, f);
        if (due.windowClosed(f) || changed.since(i, handover.changesSeen())) {
          // the earlier sends took so long that its window closed, or it changed since it was
          // recorded in flight (a reply, an opt-out recorded meanwhile wins): it is not sent now
          due.giveBackSlot(f);
          results.add(null);
          retries.add(null);
          continue;
        }
        result = due.send(f.email());
      } finally {
        engine.handovers.close(handover);
      }
      // kept before anything else can fail: an answer lost would send the email again
      results.add(result);
      Instant retry = due.answerMailbox(f, result);
      if (retry != null) {
        refused.put(mailbox, retry);
      }
      retries.add(retry);
    }
  }

  /**
   * Tells which enrollments of a batch changed since the batch recorded them in flight (a reply, an
   * opt-out recorded meanwhile wins over a send not yet made), or whose recipient was suppressed
   * since (a whole domain put on the list through another of its addresses). It reads the versions
   * of the sends still to make in one query: before the first send (another engine may have
   * committed a reply since the batch was recorded in flight), then when this engine made a change
   * since the last look, and otherwise at most every {@link #LOOK_AGAIN} for changes from other
   * engines.
   */
  private final class Changed {
    private final List<DueProcessor.InFlight> sending;
    private long seenModifications;
    private boolean looked;
    private long lookedAt;
    private final Set<EnrollmentId> changed = new HashSet<>();

    Changed(List<DueProcessor.InFlight> sending, long seenModifications) {
      this.sending = sending;
      this.seenModifications = seenModifications;
    }

    /**
     * Whether the send at {@code index} changed since it was recorded in flight.
     *
     * @param modifications the engine's count of command commits, read as its hand-over opened
     */
    boolean since(int index, long modifications) {
      long now = System.nanoTime();
      if (!looked || modifications != seenModifications || now - lookedAt > LOOK_AGAIN.toNanos()) {
        looked = true;
        seenModifications = modifications;
        lookedAt = now;
        List<DueProcessor.InFlight> rest = sending.subList(index, sending.size());
        try {
          changed.addAll(due.changedSince(rest));
        } catch (StoreException e) {
          // cannot tell: none of the rest is sent now; each is recorded as not sent and comes
          // due again
          log.warn(
              "reading the batch's enrollments before sending failed; {} held", rest.size(), e);
          for (DueProcessor.InFlight f : rest) {
            changed.add(f.enrollment().id());
          }
          return true;
        }
      }
      return changed.contains(sending.get(index).enrollment().id());
    }
  }

  private RunReport record(
      List<DueProcessor.InFlight> sending,
      List<@Nullable SendResult> results,
      List<@Nullable Instant> retries) {
    // the campaigns may have been paused meanwhile without touching the enrollments: read anew
    Map<CampaignId, Campaign> campaigns = new HashMap<>();
    Changes.Builder answers = Changes.builder();
    Set<CampaignId> expected = new HashSet<>();
    List<Editor> editors = new ArrayList<>(sending.size());
    List<Deliveries.SendOutcome> outcomes = new ArrayList<>(sending.size());
    try {
      for (int i = 0; i < sending.size(); i++) {
        DueProcessor.InFlight f = sending.get(i);
        Campaign campaign = campaigns.computeIfAbsent(f.ed().campaign.id(), engine::cachedCampaign);
        Editor ed = new Editor(campaign, f.enrollment(), engine.now());
        SendResult result = results.get(i);
        if (result == null) {
          engine.deliveries.notSent(
              ed, engine.compiled(campaign), f.ref().step(), f.attempt(), retries.get(i));
          outcomes.add(Deliveries.SendOutcome.DEFERRED);
        } else {
          outcomes.add(due.apply(ed, f, result, retries.get(i)));
        }
        add(answers, expected, ed, ed.result(), null, false);
        answers.release(f.claim());
        editors.add(ed);
      }
      commitRetrying(answers.build(), sending.get(0).enrollment().id());
      engine.leases.recorded();
    } catch (ConflictException | DueProcessor.ApplyFailed | AnswersRefused e) {
      campaigns.keySet().forEach(engine::forgetCampaign);
      // record each answer on its own, on the enrollment as it is now; the batch's commit may
      // have held before it failed, and then its events are published as each is found recorded
      RunReport one = RunReport.EMPTY;
      for (int i = 0; i < sending.size(); i++) {
        DueProcessor.InFlight f = sending.get(i);
        Editor tried = i < editors.size() ? editors.get(i) : null;
        try {
          one =
              one.plus(
                  due.report(
                      f,
                      due.recordResult(f.ed().campaign, f, results.get(i), retries.get(i), tried)));
        } catch (RuntimeException failed) {
          log.error("could not record the send result of {}", f.ref(), failed);
        }
      }
      engine.leases.recorded();
      return one;
    }
    RunReport report = RunReport.EMPTY;
    for (int i = 0; i < sending.size(); i++) {
      engine.publish(editors.get(i));
      report = report.plus(due.report(sending.get(i), outcomes.get(i)));
    }
    return report;
  }

  /**
   * Commits the answers, trying again after a growing pause while the store fails (a lost
   * connection, a database restarting): they are known, and only recording them makes the steps
   * move on. A commit that seemed to fail but held meets a version conflict on the next try, and
   * each answer is then found recorded already. A store that answers reads but refuses the commit
   * twice will not take one of its changes: the answers are then recorded one at a time, so that
   * only the one it refuses is not.
   */
  private void commitRetrying(Changes answers, EnrollmentId any) {
    Patience patience = new Patience(engine.recordPatience());
    Refusals refusals = new Refusals(engine, any);
    while (true) {
      try {
        engine.store.commit(answers);
        return;
      } catch (StoreException s) {
        Refusals.Next next = refusals.afterFailure();
        if (next == Refusals.Next.REFUSED) {
          // a change it will not take, such as a value of one enrollment: each answer is
          // recorded on its own instead
          throw new AnswersRefused(s);
        }
        log.warn("recording send results failed; trying again", s);
        if (next == Refusals.Next.WAIT && !patience.pause()) {
          throw s;
        }
      }
    }
  }

  /** A store that answers refused a batch's answers twice. */
  private static final class AnswersRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnswersRefused(StoreException failure) {
      super(failure);
    }
  }

  /** Adds an editor's next version, its activity and its campaign's version check. */
  private static void add(
      Changes.Builder changes,
      Set<CampaignId> expected,
      Editor ed,
      Enrollment next,
      @Nullable Claim claim,
      boolean release) {
    changes.update(next, claim, ed.original()).activity(ed.events);
    if (expected.add(ed.campaign.id())) {
      changes.expect(ed.campaign);
    }
    if (release && claim != null) {
      changes.release(claim);
    }
  }

  /** Gives back the mailbox slots of sends that never reached the transport. */
  private void giveBack(List<DueProcessor.InFlight> sending) {
    for (DueProcessor.InFlight f : sending) {
      due.giveBackSlot(f);
    }
  }

  /** Whether an address is suppressed, from one read of the entries for a batch's addresses. */
  private Predicate<EmailAddress> suppressed(Iterable<Enrollment> enrollments) {
    List<EmailAddress> addresses = new ArrayList<>();
    for (Enrollment e : enrollments) {
      addresses.addAll(e.candidate().addresses());
    }
    List<Suppression> entries = engine.store.suppressions().find(addresses);
    if (entries.isEmpty()) {
      return a -> false;
    }
    return a -> entries.stream().anyMatch(s -> s.matches(a));
  }
}

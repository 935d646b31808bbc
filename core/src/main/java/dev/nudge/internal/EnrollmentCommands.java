package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CampaignStatus;
import dev.nudge.Candidate;
import dev.nudge.CandidateId;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEvent;
import dev.nudge.InvalidInputException;
import dev.nudge.NotFoundException;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.Suppression;
import dev.nudge.TodoItem;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.EnrollmentLookup;
import dev.nudge.spi.store.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Commands on enrollments: enroll, pause, resume, remove, finish a task, record inbound events,
 * opens and unsubscribes, erase. Each reads, decides on an {@link Editor} and commits with
 * compare-and-set, deciding again when something changed underneath.
 */
final class EnrollmentCommands {
  /** Activity entries of the candidate's own word: a late bounce must not undo them. */
  private static final Set<EnrollmentEvent.Type> CANDIDATE_SPOKE =
      EnumSet.of(
          EnrollmentEvent.Type.REPLIED,
          EnrollmentEvent.Type.UNSUBSCRIBED,
          EnrollmentEvent.Type.COMPLAINED,
          EnrollmentEvent.Type.ERASED);

  private final Engine engine;

  EnrollmentCommands(Engine engine) {
    this.engine = engine;
  }

  // ---- enrolling --------------------------------------------------------------------------

  EnrollResult enroll(CampaignId campaignId, Candidate candidate) {
    if (candidate == null) {
      throw new InvalidInputException("candidate", "must not be null");
    }
    engine.compiled(enrollable(campaignId)).checkCandidate(candidate);
    return enrollAll(campaignId, List.of(candidate), true).get(0);
  }

  List<EnrollResult> enrollAll(CampaignId campaignId, List<Candidate> candidates) {
    if (candidates == null) {
      throw new InvalidInputException("candidates", "must not be null");
    }
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i) == null) {
        throw new InvalidInputException("candidates[" + i + "]", "must not be null");
      }
    }
    return enrollAll(campaignId, candidates, false);
  }

  private Campaign enrollable(CampaignId id) {
    Campaign campaign = engine.requireCampaign(id);
    if (campaign.status() == CampaignStatus.ARCHIVED) {
      throw new IllegalTransitionException(
          "campaign " + id + " (archived: nothing can be enrolled)",
          campaign.status(),
          CampaignStatus.ARCHIVED);
    }
    return campaign;
  }

  /**
   * Enrolls the candidates that may be, in one commit that holds only if the campaign did not
   * change status meanwhile (else everything is decided again on the new status).
   */
  private List<EnrollResult> enrollAll(
      CampaignId campaignId, List<Candidate> candidates, boolean single) {
    try {
      return engine.commitRetrying(
          () -> planEnrollment(enrollable(campaignId), candidates, single));
    } catch (ConflictException e) {
      if (e.kind() != ConflictException.Kind.DUPLICATE) {
        throw e;
      }
      // a concurrent enrollment of one of them: enroll one by one to tell which
      List<EnrollResult> results = new ArrayList<>(candidates.size());
      for (Candidate c : candidates) {
        results.add(enrollOne(campaignId, c, single));
      }
      return results;
    }
  }

  private EnrollResult enrollOne(CampaignId campaignId, Candidate c, boolean single) {
    try {
      return engine
          .commitRetrying(() -> planEnrollment(enrollable(campaignId), List.of(c), single))
          .get(0);
    } catch (ConflictException e) {
      if (e.kind() == ConflictException.Kind.DUPLICATE) {
        return engine
            .store
            .enrollments()
            .findByCandidate(campaignId, c.id())
            .<EnrollResult>map(x -> new EnrollResult.AlreadyEnrolled(x.id()))
            .orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private Plan<List<EnrollResult>> planEnrollment(
      Campaign campaign, List<Candidate> candidates, boolean single) {
    Compiled compiled = engine.compiled(campaign);
    Instant now = engine.now();
    Known known = known(campaign, candidates);
    List<EnrollResult> results = new ArrayList<>(candidates.size());
    List<Editor> editors = new ArrayList<>();
    Changes.Builder changes = Changes.builder().expect(campaign);
    for (Candidate c : candidates) {
      EnrollResult refused = refusal(known, compiled, c, single);
      if (refused != null) {
        results.add(refused);
        continue;
      }
      Editor ed = newEnrollment(campaign, compiled, c, now);
      known.add(c, ed.original().id());
      editors.add(ed);
      changes.insert(ed.result()).activity(ed.events);
      results.add(new EnrollResult.Enrolled(ed.original().id()));
    }
    return new Plan<>(changes.build(), editors, List.of(), results);
  }

  /**
   * What enrolling a batch needs to know of the store, read in two round trips: who of the batch is
   * in the campaign already (by candidate id or by any address), and the suppression entries of
   * their addresses; then the enrollments of the batch itself as they are decided.
   */
  private Known known(Campaign campaign, List<Candidate> candidates) {
    List<CandidateId> ids = new ArrayList<>(candidates.size());
    List<EmailAddress> addresses = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      ids.add(c.id());
      addresses.addAll(c.addresses());
    }
    Known known = new Known();
    for (Enrollment e : engine.store.enrollments().findEnrolled(campaign.id(), ids, addresses)) {
      if (e.campaignId().equals(campaign.id())) {
        known.add(e.candidate(), e.id());
      }
    }
    known.suppressions.addAll(engine.store.suppressions().find(addresses));
    return known;
  }

  /** The enrollments of a campaign a batch meets, by candidate and by address, and suppressions. */
  private static final class Known {
    final Map<CandidateId, EnrollmentId> byCandidate = new HashMap<>();
    final Map<String, EnrollmentId> byAddress = new HashMap<>();
    final List<Suppression> suppressions = new ArrayList<>();

    void add(Candidate c, EnrollmentId id) {
      byCandidate.putIfAbsent(c.id(), id);
      for (EmailAddress a : c.addresses()) {
        byAddress.putIfAbsent(a.key(), id);
      }
    }

    /** The entry that keeps mail from an address: one for the address itself before its domain. */
    @Nullable Suppression suppression(EmailAddress address) {
      Suppression domain = null;
      for (Suppression s : suppressions) {
        if (s.matches(address)) {
          if (s.scope() == Suppression.Scope.ADDRESS) {
            return s;
          }
          domain = s;
        }
      }
      return domain;
    }
  }

  /**
   * Why a candidate cannot be enrolled, or null if it can: already in the campaign (by id, or by
   * one of its addresses — the same person imported twice, also one who replied, bounced or was
   * removed), suppressed, or — in bulk — invalid.
   */
  private static @Nullable EnrollResult refusal(
      Known known, Compiled compiled, Candidate c, boolean single) {
    EnrollmentId existing = known.byCandidate.get(c.id());
    if (existing != null) {
      return new EnrollResult.AlreadyEnrolled(existing);
    }
    for (EmailAddress a : c.addresses()) {
      EnrollmentId same = known.byAddress.get(a.key());
      if (same != null) {
        return new EnrollResult.AlreadyEnrolled(same);
      }
    }
    Suppression suppressed = known.suppression(c.email());
    if (suppressed != null) {
      return new EnrollResult.Suppressed(suppressed);
    }
    if (!single) {
      try {
        compiled.checkCandidate(c);
      } catch (InvalidInputException e) {
        return new EnrollResult.Invalid(c.id(), e.field(), e.problem());
      }
    }
    return null;
  }

  private Editor newEnrollment(Campaign campaign, Compiled compiled, Candidate c, Instant now) {
    List<StepExecution> steps = new ArrayList<>();
    campaign.steps().forEach(s -> steps.add(StepExecution.pending(s.number(), s.type())));
    Enrollment fresh =
        new Enrollment(
            new EnrollmentId(engine.ids.uuid()),
            campaign.id(),
            c,
            EnrollmentStatus.NOT_STARTED,
            null,
            null,
            0,
            steps,
            null,
            now,
            now,
            0);
    Editor ed = new Editor(campaign, fresh, now);
    ed.event(EnrollmentEvent.Type.ENROLLED, 0, "");
    if (campaign.status() != CampaignStatus.NOT_STARTED) {
      ed.status(EnrollmentStatus.STARTED, null);
      engine.rules.advance(ed, compiled, now);
    }
    return ed;
  }

  // ---- candidate actions ------------------------------------------------------------------

  Enrollment pause(EnrollmentId id) {
    return mutate(id, Rules::pause);
  }

  Enrollment resume(EnrollmentId id) {
    return mutate(id, ed -> engine.rules.unpause(ed, engine.compiled(ed.campaign)));
  }

  Enrollment remove(EnrollmentId id) {
    return mutate(id, ed -> Rules.end(ed, EnrollmentStatus.REMOVED, null));
  }

  Enrollment finishTask(StepRef ref, boolean completed) {
    return mutate(
        ref.enrollmentId(),
        ed -> {
          StepExecution s = step(ed, ref);
          StepState to = completed ? StepState.SENT : StepState.STOPPED;
          if (s.state() != StepState.MANUAL_TASK) {
            // only an open task can be completed or skipped
            throw new IllegalTransitionException(
                "enrollment " + ref.enrollmentId() + " step " + ref.step() + " (not an open task)",
                s.status(),
                to);
          }
          ed.step(
              ref.step(),
              to,
              s.scheduledAt(),
              ed.now,
              completed ? TodoItem.Removal.COMPLETED : TodoItem.Removal.SKIPPED);
          engine.rules.advance(ed, engine.compiled(ed.campaign), ed.now);
        });
  }

  Enrollment record(StepRef ref, InboundEvent event) {
    return record(ref, event, null);
  }

  /** Records an inbound event; the receipt of the mail it came in, if any, in the same commit. */
  Enrollment record(StepRef ref, InboundEvent event, @Nullable InboundEntry receipt) {
    Logs.INBOUND.debug(
        "enrollment {} step {}: {} recorded", ref.enrollmentId(), ref.step(), kind(event));
    if (event instanceof InboundEvent.Unsubscribe u) {
      EmailAddress address = addressOf(ref);
      unsubscribe(address, u.wholeDomain(), "unsubscribed", ref, receipt);
      return find(ref.enrollmentId());
    }
    if (event instanceof InboundEvent.Complaint c) {
      EmailAddress address = addressOf(ref);
      unsubscribe(
          address,
          false,
          "complaint" + (c.feedbackType() == null ? "" : " (" + c.feedbackType() + ")"),
          ref,
          receipt);
      return find(ref.enrollmentId());
    }
    return mutate(
        ref.enrollmentId(),
        ed -> {
          step(ed, ref);
          Compiled compiled = engine.compiled(ed.campaign);
          if (event instanceof InboundEvent.Reply r) {
            Rules.reply(ed, ref.step(), r);
          } else if (event instanceof InboundEvent.Bounce b) {
            engine.deliveries.bounce(
                ed, compiled, ref.step(), b, () -> heardFrom(ed.original().id()));
          } else if (event instanceof InboundEvent.AutoReply a) {
            engine.rules.autoReply(ed, compiled, ref.step(), a);
          }
        },
        receipt);
  }

  /**
   * Whether the candidate replied to, unsubscribed from or complained about the enrollment, or was
   * erased — also after it ended, when only the activity log keeps it: a late bounce must not undo
   * that [S9, S12].
   */
  private boolean heardFrom(EnrollmentId id) {
    return engine.store.activity().list(id).stream()
        .anyMatch(e -> CANDIDATE_SPOKE.contains(e.type()));
  }

  private static String kind(InboundEvent event) {
    if (event instanceof InboundEvent.Bounce b) {
      return b.type() + " bounce " + (b.statusCode() == null ? "" : b.statusCode());
    }
    return event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  boolean recordOpen(String token, boolean prefetching) {
    Optional<StepRef> ref = engine.tokens.verify(Tokens.Purpose.OPEN, token);
    if (ref.isEmpty() || engine.store.enrollments().find(ref.get().enrollmentId()).isEmpty()) {
      return false;
    }
    StepRef r = ref.get();
    mutate(
        r.enrollmentId(),
        ed -> {
          StepExecution s = step(ed, r);
          boolean machine = prefetching || sentWithin(s, ed.now, engine.tuning.machineOpenWindow());
          ed.replace(s.withEngagement(s.engagement().withOpen(ed.now, machine)));
          ed.event(EnrollmentEvent.Type.OPENED, r.step(), machine ? "machine" : "human");
        });
    return true;
  }

  private static boolean sentWithin(StepExecution s, Instant now, Duration window) {
    Optional<SendAttempt> last = s.lastAttempt();
    return last.isPresent() && !now.isAfter(last.get().at().plus(window));
  }

  boolean unsubscribe(String token) {
    Optional<StepRef> ref = engine.tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token);
    if (ref.isEmpty() || engine.store.enrollments().find(ref.get().enrollmentId()).isEmpty()) {
      return false;
    }
    unsubscribe(addressOf(ref.get()), false, "unsubscribed", ref.get(), null);
    return true;
  }

  /**
   * Suppresses the address (or its domain) and completes, in the same commit, every active
   * enrollment for the address as UNSUBSCRIBED [S12].
   */
  void unsubscribe(
      EmailAddress address,
      boolean wholeDomain,
      String reason,
      @Nullable StepRef ref,
      @Nullable InboundEntry receipt) {
    boolean complaint = reason.startsWith("complaint");
    engine.commitRetrying(
        () -> {
          Instant now = engine.now();
          List<Editor> editors = new ArrayList<>();
          for (Enrollment e : engine.store.enrollments().findByAddress(address)) {
            Editor ed = new Editor(engine.requireCampaign(e.campaignId()), e, now);
            int step = ref != null && ref.enrollmentId().equals(e.id()) ? ref.step() : 0;
            ed.event(
                complaint ? EnrollmentEvent.Type.COMPLAINED : EnrollmentEvent.Type.UNSUBSCRIBED,
                step,
                reason);
            if (!ed.status().isTerminal()) {
              Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.UNSUBSCRIBED);
            }
            editors.add(ed);
          }
          Changes.Builder changes =
              Changes.builder()
                  .suppress(
                      wholeDomain
                          ? Suppression.ofDomain(address, now, reason)
                          : Suppression.ofAddress(address, now, reason));
          return Plan.of(changes, editors, Boolean.TRUE);
        },
        receipt);
  }

  /** Removes and anonymizes every enrollment of a candidate. */
  int erase(CandidateId id) {
    List<Enrollment> found = engine.store.enrollments().find(new EnrollmentLookup.ByCandidate(id));
    // first the log of received mails, while the addresses are known: a retry after a failure
    // finds them again on the enrollments
    Set<EmailAddress> addresses = new LinkedHashSet<>();
    List<EnrollmentId> ids = new ArrayList<>();
    for (Enrollment e : found) {
      addresses.addAll(e.candidate().addresses());
      ids.add(e.id());
    }
    if (!found.isEmpty()) {
      engine.store.inbound().forget(addresses, ids);
    }
    int erased = 0;
    for (Enrollment e : found) {
      mutate(
          e.id(),
          ed -> {
            if (!ed.status().isTerminal()) {
              Rules.end(ed, EnrollmentStatus.REMOVED, null);
            }
            Candidate anonymous = ed.candidate().anonymized("erased.invalid");
            for (int n = 1; n <= ed.stepCount(); n++) {
              ed.replace(Erasure.scrub(ed.step(n), anonymous.email()));
            }
            ed.candidate(anonymous);
            ed.addressIndex(0);
            ed.event(EnrollmentEvent.Type.ERASED, 0, "");
          });
      erased++;
    }
    if (!found.isEmpty()) {
      // and again: a mail from the candidate logged while the enrollments were being anonymized
      engine.store.inbound().forget(addresses, ids);
    }
    return erased;
  }

  // ---- helpers ----------------------------------------------------------------------------

  Enrollment mutate(EnrollmentId id, Consumer<Editor> action) {
    return mutate(id, action, null);
  }

  private Enrollment mutate(
      EnrollmentId id, Consumer<Editor> action, @Nullable InboundEntry receipt) {
    return engine.commitRetrying(
        () -> {
          Enrollment e = find(id);
          Editor ed = new Editor(engine.requireCampaign(e.campaignId()), e, engine.now());
          action.accept(ed);
          if (!ed.changed()) {
            return new Plan<>(Changes.builder().build(), List.of(), List.of(), e);
          }
          Enrollment next = ed.result();
          return new Plan<>(
              Changes.builder()
                  .update(next, null, ed.original())
                  .activity(ed.events)
                  .expect(ed.campaign)
                  .build(),
              List.of(ed),
              List.of(),
              next);
        },
        receipt);
  }

  private Enrollment find(EnrollmentId id) {
    return engine
        .store
        .enrollments()
        .find(id)
        .orElseThrow(() -> new NotFoundException("enrollment", id));
  }

  private static StepExecution step(Editor ed, StepRef ref) {
    if (ref.step() > ed.stepCount()) {
      throw new InvalidInputException(
          "step",
          "enrollment "
              + ref.enrollmentId()
              + " has "
              + ed.stepCount()
              + " steps, not "
              + ref.step());
    }
    return ed.step(ref.step());
  }

  /** The address a step was written to, else the enrollment's current address. */
  private EmailAddress addressOf(StepRef ref) {
    Enrollment e = find(ref.enrollmentId());
    if (ref.step() <= e.steps().size()) {
      Optional<SendAttempt> last = e.step(ref.step()).lastAttempt();
      if (last.isPresent()) {
        return last.get().to();
      }
    }
    return e.address();
  }
}

package dev.nudge.testkit;

import static dev.nudge.testkit.StoreData.micros;

import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.CompletionReason;
import dev.nudge.Engagement;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** An enrollment being built or changed; every instant given is truncated to microseconds. */
public final class EnrollmentDraft {
  private EnrollmentId id;
  private CampaignId campaignId;
  private Candidate candidate;
  private EnrollmentStatus status;
  private @Nullable CompletionReason reason;
  private @Nullable EnrollmentStatus pausedFrom;
  private int addressIndex;
  private final List<StepExecution> steps;
  private @Nullable Instant holdUntil;
  private Instant enrolledAt;
  private Instant lastActivityAt;
  private long version;

  EnrollmentDraft(
      EnrollmentId id,
      CampaignId campaignId,
      Candidate candidate,
      EnrollmentStatus status,
      @Nullable CompletionReason reason,
      @Nullable EnrollmentStatus pausedFrom,
      int addressIndex,
      List<StepExecution> steps,
      @Nullable Instant holdUntil,
      Instant enrolledAt,
      Instant lastActivityAt,
      long version) {
    this.id = id;
    this.campaignId = campaignId;
    this.candidate = candidate;
    this.status = status;
    this.reason = reason;
    this.pausedFrom = pausedFrom;
    this.addressIndex = addressIndex;
    this.steps = new ArrayList<>(steps);
    this.holdUntil = holdUntil;
    this.enrolledAt = enrolledAt;
    this.lastActivityAt = lastActivityAt;
    this.version = version;
  }

  /** Sets the id. */
  public EnrollmentDraft id(EnrollmentId id) {
    this.id = id;
    return this;
  }

  /** Moves the enrollment to another campaign (for building, not for updates). */
  public EnrollmentDraft campaign(CampaignId campaignId) {
    this.campaignId = campaignId;
    return this;
  }

  /** Replaces the candidate (an address change, an erasure). */
  public EnrollmentDraft candidate(Candidate candidate) {
    this.candidate = candidate;
    return this;
  }

  /** Sets the status. */
  public EnrollmentDraft status(EnrollmentStatus status) {
    this.status = status;
    return this;
  }

  /** Completes the enrollment for a reason. */
  public EnrollmentDraft completed(CompletionReason reason) {
    this.status = EnrollmentStatus.COMPLETED;
    this.reason = reason;
    return this;
  }

  /** Pauses the enrollment, remembering the status to resume to. */
  public EnrollmentDraft paused(EnrollmentStatus from) {
    this.status = EnrollmentStatus.PAUSED;
    this.pausedFrom = from;
    return this;
  }

  /** Writes to the candidate's address with this index. */
  public EnrollmentDraft addressIndex(int index) {
    this.addressIndex = index;
    return this;
  }

  /** Holds the next step until then. */
  public EnrollmentDraft holdUntil(Instant until) {
    this.holdUntil = micros(until);
    return this;
  }

  /** Sets when the candidate was enrolled, and the last activity to the same time. */
  public EnrollmentDraft enrolledAt(Instant at) {
    this.enrolledAt = micros(at);
    this.lastActivityAt = micros(at);
    return this;
  }

  /** Sets the time of the last activity. */
  public EnrollmentDraft lastActivity(Instant at) {
    this.lastActivityAt = micros(at);
    return this;
  }

  /** Sets the version. */
  public EnrollmentDraft version(long version) {
    this.version = version;
    return this;
  }

  /** Changes one step. */
  public EnrollmentDraft step(int number, UnaryOperator<StepExecution> change) {
    steps.set(number - 1, change.apply(steps.get(number - 1)));
    return this;
  }

  /** Schedules a step at {@code at}; a not started enrollment becomes started. */
  public EnrollmentDraft scheduled(int number, Instant at) {
    if (status == EnrollmentStatus.NOT_STARTED) {
      status = EnrollmentStatus.STARTED;
    }
    return step(number, s -> with(s, StepState.SCHEDULED, micros(at), null));
  }

  /** Records a step as handed to the transport at {@code at} under a Message-ID. */
  public EnrollmentDraft inFlight(int number, Instant at, String messageId) {
    Instant t = micros(at);
    return step(
        number,
        s -> {
          List<SendAttempt> attempts = new ArrayList<>(s.attempts());
          attempts.add(
              new SendAttempt(
                  messageId,
                  candidate.addresses().get(addressIndex),
                  t,
                  SendAttempt.Outcome.IN_FLIGHT,
                  null));
          return with(s, StepState.IN_FLIGHT, s.scheduledAt() == null ? t : s.scheduledAt(), null)
              .withAttempts(attempts);
        });
  }

  /** Records a step's email as accepted at {@code at}, with an attempt under a Message-ID. */
  public EnrollmentDraft sent(int number, Instant at, String messageId) {
    Instant t = micros(at);
    return step(
        number,
        s -> {
          List<SendAttempt> attempts = new ArrayList<>();
          for (SendAttempt a : s.attempts()) {
            if (!a.messageId().equals(messageId)) {
              attempts.add(a);
            }
          }
          attempts.add(
              new SendAttempt(
                  messageId,
                  candidate.addresses().get(addressIndex),
                  t,
                  SendAttempt.Outcome.ACCEPTED,
                  "250 2.0.0 Ok"));
          return with(s, StepState.SENT, s.scheduledAt() == null ? t : s.scheduledAt(), t)
              .withAttempts(attempts);
        });
  }

  /** Opens a manual task step owned by {@code owner}, due at {@code dueAt}. */
  public EnrollmentDraft task(int number, String owner, Instant dueAt) {
    status = EnrollmentStatus.MANUAL_TASK;
    return step(
        number, s -> with(s, StepState.MANUAL_TASK, micros(dueAt), null).withTaskOwner(owner));
  }

  /** Completes a manual task step at {@code at}; the enrollment goes on. */
  public EnrollmentDraft taskDone(int number, Instant at) {
    status = EnrollmentStatus.STARTED;
    return step(
        number, s -> with(s, StepState.SENT, s.scheduledAt(), micros(at)).withTaskOwner(null));
  }

  /** A copy of a step in another state with other times, as a store would read it back. */
  private static StepExecution with(
      StepExecution s, StepState state, @Nullable Instant scheduledAt, @Nullable Instant doneAt) {
    return new StepExecution(
        s.number(),
        s.type(),
        state,
        scheduledAt,
        doneAt,
        s.attempts(),
        s.engagement(),
        s.taskOwner());
  }

  /** Changes a step's engagement. */
  public EnrollmentDraft engagement(int number, UnaryOperator<Engagement> change) {
    return step(number, s -> s.withEngagement(change.apply(s.engagement())));
  }

  /** The enrollment. */
  public Enrollment build() {
    return new Enrollment(
        id,
        campaignId,
        candidate,
        status,
        reason,
        pausedFrom,
        addressIndex,
        steps,
        holdUntil,
        enrolledAt,
        lastActivityAt,
        version);
  }
}

package dev.nudge;

import dev.nudge.internal.Engine;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.transport.MailTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outreach engine: campaigns, enrollments and everything that happens to them. Build one with
 * {@link #builder()}; it is thread-safe. Call {@link #runDue()} from your own scheduler, or {@link
 * #start()} the background runner and {@link #close()} it on shutdown.
 */
public interface Nudge extends AutoCloseable {

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  // ---- campaigns --------------------------------------------------------------------------

  /** Creates a campaign in status {@code NOT_STARTED}. */
  Campaign createCampaign(CampaignDefinition definition);

  /** Starts a campaign: every enrollment starts and its first step is scheduled [S8]. */
  Campaign startCampaign(CampaignId id);

  /** Pauses a campaign: every scheduled step becomes {@code PENDING} [S15]. */
  Campaign pauseCampaign(CampaignId id);

  /**
   * Resumes a paused campaign [S15]: a pending step keeps its planned time if that is still ahead,
   * else it is due now — spread over a short while, not all at once.
   */
  Campaign resumeCampaign(CampaignId id);

  /** Archives a campaign: active candidates complete and their remaining steps stop. */
  Campaign archiveCampaign(CampaignId id);

  // ---- enrollments ------------------------------------------------------------------------

  /**
   * Enrolls one candidate.
   *
   * @throws InvalidInputException when a template needs a field the candidate lacks, or a value
   *     would put a line break into a header
   */
  EnrollResult enroll(CampaignId campaignId, Candidate candidate);

  /**
   * Enrolls many candidates; each gets its own result, so a bad row does not stop the others. The
   * enrollments are written together.
   */
  List<EnrollResult> enrollAll(CampaignId campaignId, List<Candidate> candidates);

  /** Pauses one candidate: its scheduled step becomes {@code PENDING} [S13]. */
  Enrollment pauseCandidate(EnrollmentId id);

  /** Resumes a paused candidate, rescheduling its step from now [S13]. */
  Enrollment resumeCandidate(EnrollmentId id);

  /** Removes a candidate from the campaign; remaining steps stop, history stays [S14]. */
  Enrollment removeCandidate(EnrollmentId id);

  /**
   * Marks a manual task done; the next step is scheduled.
   *
   * @throws IllegalTransitionException when the step is not an open task — for instance because the
   *     candidate replied and the task was withdrawn
   */
  Enrollment completeTask(StepRef step);

  /** Skips a manual task; it is {@code STOPPED} and the next step is scheduled. */
  Enrollment skipTask(StepRef step);

  /**
   * Records something the candidate's side did to a step: reply, bounce, auto-reply, unsubscribe,
   * complaint [S9–S12].
   */
  Enrollment record(StepRef step, InboundEvent event);

  /**
   * Finds the step an inbound message answers [S20]: in thread through {@code In-Reply-To} and
   * {@code References}, else by the sender's address; a bounce through its returned Message-ID,
   * VERP return path or DSN recipient. Record what it was with {@link #record}. A match by address
   * names one step: the one last sent to that address, in an active enrollment if there is one; a
   * candidate enrolled in several campaigns who writes on a new thread stops the campaign that
   * wrote last.
   */
  Optional<InboundMatch> match(InboundMessage message);

  /**
   * Records an open from the tracking pixel's token.
   *
   * @param prefetching whether the host saw the request come from a prefetching proxy or scanner
   * @return false when the token is not valid (the host should still serve the pixel)
   */
  boolean recordOpen(String token, boolean prefetching);

  /**
   * Unsubscribes the address behind an unsubscribe link's token.
   *
   * @return false when the token is not valid
   */
  boolean unsubscribeByToken(String token);

  /**
   * Puts an address (or its domain) on the suppression list and completes every enrollment for that
   * address as {@code UNSUBSCRIBED} [S12]. Other addresses of a suppressed domain are stopped when
   * their next step comes due ({@code COMPLETED} as {@code SUPPRESSED}); nothing is sent to them.
   */
  void unsubscribe(EmailAddress address, boolean wholeDomain);

  /** Takes an entry off the suppression list; false if there was none. */
  boolean removeSuppression(Suppression.Scope scope, String value);

  /**
   * Erases a candidate's personal data in every campaign (privacy request): active enrollments are
   * removed, and every enrollment keeps its statuses, times and counts but loses the name, title,
   * company, photo, fields, addresses, reply and auto-reply texts and server responses. The
   * activity log holds no personal data to begin with. Suppression entries stay, so the person is
   * not written to again.
   *
   * @return how many enrollments were erased
   */
  int eraseCandidate(CandidateId id);

  // ---- running ----------------------------------------------------------------------------

  /** Processes everything due now in the calling thread and reports what it did. */
  RunReport runDue();

  /** Starts the background runner (poll interval and worker threads from {@link Tuning}). */
  void start();

  /** Stops the runner, letting in-flight sends finish within the shutdown timeout. */
  @Override
  void close();

  // ---- queries ----------------------------------------------------------------------------

  /** A campaign. */
  Optional<Campaign> campaign(CampaignId id);

  /** Every campaign, oldest first. */
  List<Campaign> campaigns();

  /** An enrollment. */
  Optional<Enrollment> enrollment(EnrollmentId id);

  /** A page of a campaign's Candidates tab [S26]. */
  Page<CandidateRow> candidates(CampaignId campaignId, CandidatesQuery query);

  /** Sent, opened, replied and bounced totals per step [S26]. */
  List<StepTotals> stepTotals(CampaignId campaignId);

  /** Open manual tasks of an owner, oldest first [S23]. */
  List<TodoItem> openTasks(String owner);

  /** The activity log of an enrollment [S25]. */
  List<EnrollmentEvent> activity(EnrollmentId id);

  /** The suppression entry covering an address, if any. */
  Optional<Suppression> suppression(EmailAddress address);

  /**
   * Collects the ports and settings of a {@link Nudge}. Each setter may be called once; {@link
   * #build()} names any missing port.
   */
  final class Builder {
    private @Nullable Clock clock;
    private @Nullable Store store;
    private @Nullable MailTransport mailTransport;
    private @Nullable TodoSink todoSink;
    private final List<EventListener> listeners = new ArrayList<>();
    private @Nullable Tuning tuning;
    private @Nullable TokenKeys tokenKeys;
    private @Nullable Tracking tracking;
    private @Nullable String nodeId;

    private Builder() {}

    /** The clock; use {@link SettableClock} in tests. Required. */
    public Builder clock(Clock clock) {
      this.clock = once("clock", this.clock, clock);
      return this;
    }

    /** The store. Required. */
    public Builder store(Store store) {
      this.store = once("store", this.store, store);
      return this;
    }

    /** The mail transport. Required. */
    public Builder mailTransport(MailTransport transport) {
      this.mailTransport = once("mailTransport", this.mailTransport, transport);
      return this;
    }

    /** The to-do sink. Required; use {@link TodoSink#none()} to only query open tasks. */
    public Builder todoSink(TodoSink sink) {
      this.todoSink = once("todoSink", this.todoSink, sink);
      return this;
    }

    /** Adds an event listener; may be called several times. */
    public Builder listener(EventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Engine settings; {@link Tuning#defaults()} when not set. */
    public Builder tuning(Tuning tuning) {
      this.tuning = once("tuning", this.tuning, tuning);
      return this;
    }

    /** Keys of open and unsubscribe tokens; random per process when not set. */
    public Builder tokenKeys(TokenKeys keys) {
      this.tokenKeys = once("tokenKeys", this.tokenKeys, keys);
      return this;
    }

    /** Tracking endpoints; none when not set. */
    public Builder tracking(Tracking tracking) {
      this.tracking = once("tracking", this.tracking, tracking);
      return this;
    }

    /** Names this engine in claims; a random id when not set. */
    public Builder nodeId(String nodeId) {
      if (nodeId == null || nodeId.isBlank() || nodeId.length() > 100) {
        throw new InvalidInputException("nodeId", "must be 1 to 100 characters");
      }
      this.nodeId = once("nodeId", this.nodeId, nodeId);
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException naming the first missing port
     */
    public Nudge build() {
      return new Engine(
          require("clock", clock),
          require("store", store),
          require("mailTransport", mailTransport),
          require("todoSink", todoSink),
          listeners,
          tuning == null ? Tuning.defaults() : tuning,
          tokenKeys == null ? TokenKeys.random() : tokenKeys,
          tracking == null ? Tracking.none() : tracking,
          nodeId == null ? "node-" + java.util.UUID.randomUUID() : nodeId);
    }

    private static <T> T once(String name, @Nullable T current, T value) {
      Objects.requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " is already set");
      }
      return value;
    }

    private static <T> T require(String name, @Nullable T value) {
      if (value == null) {
        throw new IllegalStateException("Nudge.builder(): " + name + " is required but not set");
      }
      return value;
    }
  }
}

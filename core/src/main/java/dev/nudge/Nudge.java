package dev.nudge;

import dev.nudge.internal.Engines;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.inbound.ReadMail;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.transport.MailTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outreach engine: sender mailboxes, campaigns, enrollments and everything that happens to
 * them. Build one with {@link #builder()}; it is thread-safe. Call {@link #runDue()} from your own
 * scheduler, or {@link #start()} the background runner; {@link #close()} it on shutdown. After
 * {@code close()} every call is refused with a {@link ClosedException}.
 */
public interface Nudge extends AutoCloseable {

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  // ---- sender mailboxes -------------------------------------------------------------------

  /**
   * Registers a sender mailbox, once for every campaign that sends from it: its daily cap and
   * minimum gap hold across all of them. Registering the same definition again changes nothing.
   *
   * @return the registered mailbox
   * @throws InvalidInputException naming the setting, when the address is registered already with
   *     other settings (change them with {@link #updateMailbox})
   */
  SenderMailbox registerMailbox(SenderMailbox mailbox);

  /**
   * Changes the settings of a registered mailbox (display name, zone, daily cap, minimum gap); the
   * sends counted today still count.
   *
   * @throws NotFoundException when no mailbox with that address is registered
   */
  SenderMailbox updateMailbox(SenderMailbox mailbox);

  /** The registered mailbox with this address (compared ignoring case). */
  Optional<SenderMailbox> mailbox(EmailAddress address);

  /** Every registered mailbox, by address. */
  List<SenderMailbox> mailboxes();

  /**
   * Whether a registered mailbox can send, and if not why and until when: a mailbox is held
   * (disconnected) when its server refuses its credentials, and paused when receiving servers
   * refuse or throttle it. Its steps wait meanwhile, without counting against its cap.
   */
  Optional<MailboxStatus> mailboxStatus(EmailAddress address);

  /** The mailboxes that are held now, by address. */
  List<MailboxStatus> heldMailboxes();

  /**
   * Tries a held mailbox at once, without waiting for its next retry: asks the transport whether it
   * can send (a login, for SMTP). When it can, the hold ends and its waiting steps go out as they
   * come due again (at the latest when the hold would have been retried).
   *
   * @return whether the mailbox works now
   * @throws NotFoundException when no mailbox with that address is registered
   */
  boolean reconnectMailbox(EmailAddress address);

  // ---- campaigns --------------------------------------------------------------------------

  /**
   * Holds a sender mailbox as disconnected because its credentials were refused by a server other
   * than the mail transport (an IMAP poller's login, say): its steps wait, exactly as after a
   * refused SMTP login, until the retry time or {@link #reconnectMailbox}.
   *
   * @param reason what the server said, without credentials
   * @return the hold now in place
   * @throws NotFoundException when the mailbox is not registered
   */
  MailboxHold disconnectMailbox(EmailAddress address, String reason);

  /**
   * Creates a campaign in status {@code NOT_STARTED}.
   *
   * @throws InvalidInputException when its sender mailbox is not registered
   */
  Campaign createCampaign(CampaignDefinition definition);

  /**
   * Starts a campaign: every enrollment starts and its first step is scheduled at the first time
   * the sending schedule allows. Starting a started campaign changes nothing.
   */
  Campaign startCampaign(CampaignId id);

  /**
   * Pauses a campaign: every scheduled step becomes {@code PENDING}. Pausing a paused campaign
   * changes nothing.
   */
  Campaign pauseCampaign(CampaignId id);

  /**
   * Resumes a paused campaign: a pending step keeps its planned time if that is still ahead, else
   * it is due now — spread over {@link Tuning#resumeSpread()}, not all at once. Resuming a started
   * campaign changes nothing.
   *
   * @throws IllegalTransitionException when the campaign was never started or is archived
   */
  Campaign resumeCampaign(CampaignId id);

  /**
   * Archives a campaign: active candidates complete and their remaining steps stop. Archiving an
   * archived campaign changes nothing.
   */
  Campaign archiveCampaign(CampaignId id);

  // ---- enrollments ------------------------------------------------------------------------

  /**
   * Enrolls one candidate. A candidate already in the campaign (by id or by address) or whose
   * address is suppressed is not enrolled; the result says why.
   *
   * @throws InvalidInputException when a template needs a field the candidate lacks, or a value
   *     would put a line break into a header
   */
  EnrollResult enroll(CampaignId campaignId, Candidate candidate);

  /**
   * Enrolls many candidates; each gets its own result, in the order of the input list, so a bad row
   * does not stop the others. The enrollments are written together, normally in one commit, and the
   * engine holds the call's candidates and their new enrollments in memory until it is written; a
   * conflict (a campaign changed meanwhile, a candidate enrolled by someone else at the same time)
   * makes it plan the call again or enroll its candidates one by one. So import a long list a
   * thousand or so candidates a call: the memory a call needs, and the work a conflict repeats,
   * grow with its size (calls of 500 to 2,000 measured alike; see {@code benchmarks/HISTORY.md}).
   */
  List<EnrollResult> enrollAll(CampaignId campaignId, List<Candidate> candidates);

  /** Pauses one candidate: its scheduled step or open task becomes {@code PENDING}. */
  Enrollment pauseCandidate(EnrollmentId id);

  /** Resumes a paused candidate, rescheduling its step from now (never in the past). */
  Enrollment resumeCandidate(EnrollmentId id);

  /** Removes a candidate from the campaign; remaining steps stop, history stays. */
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
   * Records something the candidate's side did to a step: a reply, bounce, auto-reply, unsubscribe
   * request or complaint. A bounce of the last email that comes after the candidate finished sends
   * it again (to her next address after a hard bounce) or, with no address left, marks her {@code
   * BOUNCED}, as a hard bounce of an earlier email with no address left does; after a reply or an
   * opt-out a bounce is only recorded.
   */
  Enrollment record(StepRef step, InboundEvent event);

  /**
   * Finds the step an inbound message answers: in thread through {@code In-Reply-To} and {@code
   * References}, else by the sender's address; a bounce through its returned Message-ID, VERP
   * return path or DSN recipient. Record what it was with {@link #record}. A match by address reads
   * the message as a reply and names one step: from any of the candidate's addresses, the step that
   * last reached her (an email accepted for one of her addresses, or a task done), in an active
   * enrollment if there is one; a candidate enrolled in several campaigns who writes on a new
   * thread stops the campaign that wrote last, and one that has not reached her only when none has.
   * A message dated before the candidate was enrolled answers nothing.
   */
  Optional<InboundMatch> match(InboundMessage message);

  /**
   * Takes a received mail from raw bytes to its effect: reads it with the builder's {@link
   * Builder#inboundReader inbound reader}, finds the step it answers ({@link #match}), records what
   * it was ({@link #record}) and logs it in the same commit, under its Message-ID (a hash of the
   * bytes when it has none). Mail that matches no step is logged as {@code UNMATCHED}; a delivery
   * report, unrelated or unreadable mail as {@code NOTED}; a request to stop suppresses the sender
   * even when no step matches. A mail handed over again has no further effect and comes back as
   * {@code DUPLICATE}, so a poller that dies between this call and its checkpoint may safely hand
   * it over again. Never throws for what the mail holds.
   *
   * @param raw the mail as received (RFC 5322), with any line endings
   * @return the log entry: what the mail was, the step it matched and what became of it
   * @throws IllegalStateException when no inbound reader was configured
   * @throws StoreException when the store could not record it: nothing was recorded, hand it over
   *     again later
   * @throws dev.nudge.spi.store.ConflictException when concurrent changes to the enrollment kept
   *     the commit from holding after every retry: nothing was recorded, hand it over again later
   */
  InboundEntry receive(byte[] raw);

  /**
   * Like {@link #receive(byte[])} for mail a host read and classified itself; without a Message-ID,
   * its key is a hash of its parsed parts.
   */
  InboundEntry receive(ReadMail mail);

  /** The most recently received mails as logged by {@link #receive}, newest first. */
  List<InboundEntry> inbound(int limit);

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
   * address as {@code UNSUBSCRIBED}. Other addresses of a suppressed domain are stopped when their
   * next step comes due ({@code COMPLETED} as {@code SUPPRESSED}); nothing is sent to them.
   */
  void unsubscribe(EmailAddress address, boolean wholeDomain);

  /** Takes an entry off the suppression list; false if there was none. */
  boolean removeSuppression(Suppression.Scope scope, String value);

  /**
   * Erases a candidate's personal data in every campaign (privacy request): active enrollments are
   * removed, and every enrollment keeps its statuses, times and counts but loses the name, title,
   * company, photo, fields, addresses, reply and auto-reply texts and server responses. The log of
   * received mails forgets the sender and details of the candidate's mails (their keys stay, so a
   * mail handed over again is still recognized). The activity log holds no personal data to begin
   * with. Suppression entries stay, so the person is not written to again.
   *
   * @return how many enrollments were erased
   */
  int eraseCandidate(CandidateId id);

  // ---- running ----------------------------------------------------------------------------

  /** Processes everything due now in the calling thread and reports what it did. */
  RunReport runDue();

  /**
   * Starts the background runner: {@link Tuning#workerThreads()} threads work on due steps, claimed
   * every {@link Tuning#pollInterval()}.
   *
   * @throws IllegalStateException when the runner is started already
   */
  void start();

  /**
   * Waits until everything due by the clock's current time has been processed and nothing is being
   * sent: for tests that move a {@link SettableClock} and then look at the result. With the
   * background runner started, it asks the runner to look for due work at once and waits for it;
   * without, it processes due work in the calling thread.
   *
   * @throws NudgeException when the engine is not idle within {@code timeout}
   */
  void awaitIdle(Duration timeout);

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

  /** A page of a campaign's Candidates tab. */
  Page<CandidateRow> candidates(CampaignId campaignId, CandidatesQuery query);

  /** Sent, opened, replied and bounced totals per step. */
  List<StepTotals> stepTotals(CampaignId campaignId);

  /** Open manual tasks of an owner, oldest due first. */
  List<TodoItem> openTasks(String owner);

  /** Open manual tasks of every owner, oldest due first. */
  List<TodoItem> openTasks();

  /** The activity log of an enrollment, oldest first. */
  List<EnrollmentEvent> activity(EnrollmentId id);

  /** The suppression entry covering an address, if any. */
  Optional<Suppression> suppression(EmailAddress address);

  /**
   * Collects the ports and settings of a {@link Nudge}. Each setter may be called once ({@code
   * listener} adds one listener each time); {@link #build()} names any missing port. Only the store
   * and the mail transport are required.
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
    private @Nullable Long seed;
    private @Nullable InboundReader inboundReader;

    private Builder() {}

    /** The clock; {@link Clock#systemUTC()} when not set. Use {@link SettableClock} in tests. */
    public Builder clock(Clock clock) {
      this.clock = once("clock", this.clock, clock);
      return this;
    }

    /** The store, e.g. {@code new InMemoryStore()} or a {@code JdbcStore}. Required. */
    public Builder store(Store store) {
      this.store = once("store", this.store, store);
      return this;
    }

    /** The mail transport, e.g. an {@code SmtpMailTransport}. Required. */
    public Builder mailTransport(MailTransport transport) {
      this.mailTransport = once("mailTransport", this.mailTransport, transport);
      return this;
    }

    /**
     * Where manual tasks go when they come due; when not set, tasks are only listed by {@link
     * Nudge#openTasks}.
     */
    public Builder todoSink(TodoSink sink) {
      this.todoSink = once("todoSink", this.todoSink, sink);
      return this;
    }

    /** Adds an event listener; may be called several times. */
    public Builder listener(EventListener listener) {
      if (listener == null) {
        throw new InvalidInputException("listener", "must not be null");
      }
      listeners.add(listener);
      return this;
    }

    /** Engine settings; {@link Tuning#defaults()} when not set. */
    public Builder tuning(Tuning tuning) {
      this.tuning = once("tuning", this.tuning, tuning);
      return this;
    }

    /**
     * Keys of open and unsubscribe tokens; a random key per process when not set, so links in sent
     * mail stop working after a restart — set your own keys in production.
     */
    public Builder tokenKeys(TokenKeys keys) {
      this.tokenKeys = once("tokenKeys", this.tokenKeys, keys);
      return this;
    }

    /** Tracking endpoints; no pixel, unsubscribe link or VERP when not set. */
    public Builder tracking(Tracking tracking) {
      this.tracking = once("tracking", this.tracking, tracking);
      return this;
    }

    /** Names this engine in claims (visible in the store); a random id when not set. */
    public Builder nodeId(String nodeId) {
      if (nodeId == null || nodeId.isBlank() || nodeId.length() > 100) {
        throw new InvalidInputException("nodeId", "must be 1 to 100 characters");
      }
      this.nodeId = once("nodeId", this.nodeId, nodeId);
      return this;
    }

    /**
     * Makes a run reproducible: campaign and enrollment ids, Message-IDs and send jitter come from
     * a generator seeded with this value, so that the same program with the same seed sends at the
     * same instants. For tests and demos; when not set, ids are time-ordered version 7 UUIDs (the
     * millisecond they were made, then 74 random bits) and the rest is random.
     */
    public Builder seed(long seed) {
      this.seed = once("seed", this.seed, seed);
      return this;
    }

    /**
     * Reads received mail for {@link Nudge#receive(byte[])}, e.g. the mail adapter's {@code
     * MailReader}; without one, hosts hand over mail they read themselves.
     */
    public Builder inboundReader(InboundReader reader) {
      this.inboundReader = once("inboundReader", this.inboundReader, reader);
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws InvalidInputException naming the first missing port
     */
    public Nudge build() {
      return Engines.create(
          clock == null ? Clock.systemUTC() : clock,
          require("store", store),
          require("mailTransport", mailTransport),
          todoSink == null ? TodoSink.none() : todoSink,
          listeners,
          tuning == null ? Tuning.defaults() : tuning,
          tokenKeys == null ? TokenKeys.random() : tokenKeys,
          tracking == null ? Tracking.none() : tracking,
          nodeId == null ? "node-" + java.util.UUID.randomUUID() : nodeId,
          seed,
          inboundReader);
    }

    private static <T> T once(String name, @Nullable T current, @Nullable T value) {
      if (value == null) {
        throw new InvalidInputException(name, "must not be null");
      }
      if (current != null) {
        throw new InvalidInputException(name, "is already set; each setter may be called once");
      }
      return value;
    }

    private static <T> T require(String name, @Nullable T value) {
      if (value == null) {
        throw new InvalidInputException(
            name, "is required but not set: call Nudge.builder()." + name + "(...)");
      }
      return value;
    }
  }
}

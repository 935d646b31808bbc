package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.CampaignStatus;
import dev.nudge.CandidateId;
import dev.nudge.CandidateRow;
import dev.nudge.CandidatesQuery;
import dev.nudge.ClosedException;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EventListener;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEvent;
import dev.nudge.InboundMatch;
import dev.nudge.InvalidInputException;
import dev.nudge.MailboxHold;
import dev.nudge.MailboxStatus;
import dev.nudge.NotFoundException;
import dev.nudge.Nudge;
import dev.nudge.NudgeEvent;
import dev.nudge.NudgeException;
import dev.nudge.Page;
import dev.nudge.RunReport;
import dev.nudge.SendAttempt;
import dev.nudge.SenderMailbox;
import dev.nudge.StepRef;
import dev.nudge.StepTotals;
import dev.nudge.StoreException;
import dev.nudge.Suppression;
import dev.nudge.TaskAction;
import dev.nudge.TodoItem;
import dev.nudge.TodoSink;
import dev.nudge.TokenKeys;
import dev.nudge.Tracking;
import dev.nudge.Tuning;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.inbound.ReadMail;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.transport.MailTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The {@link Nudge} implementation: wires the ports, commits every change atomically with its
 * activity entries, then publishes events and to-do effects. Commands on enrollments live in {@link
 * EnrollmentCommands}, campaign-wide ones in {@link CampaignCommands}, reads in {@link Views}.
 */
public final class Engine implements Nudge {
  private static final Logger log = Logs.EVENTS;

  final Clock clock;
  final Store store;
  final TodoSink todoSink;
  final List<EventListener> listeners;
  final Tuning tuning;
  final String nodeId;
  final Rules rules;
  final Deliveries deliveries;
  final Tokens tokens;
  final IdSource ids;
  final Mailboxes mailboxes;
  private final Map<CampaignId, Compiled> compiled = new ConcurrentHashMap<>();
  private final Map<CampaignId, Campaign> campaignCache = new ConcurrentHashMap<>();
  final Handovers handovers;
  private final DueProcessor due;
  private final Batches batches;
  private final CampaignCommands campaigns;
  private final EnrollmentCommands enrollments;
  private final Views views;
  private final Matcher matcher;
  private final Receiver receiver;
  private final Runner runner;
  final LeaseKeeper leases;
  private volatile boolean closed;

  Engine(
      Clock clock,
      Store store,
      MailTransport transport,
      TodoSink todoSink,
      List<EventListener> listeners,
      Tuning tuning,
      TokenKeys keys,
      Tracking tracking,
      String nodeId,
      IdSource ids,
      @Nullable InboundReader reader) {
    this.clock = clock;
    this.store = store;
    this.todoSink = todoSink;
    this.listeners = List.copyOf(listeners);
    this.tuning = tuning;
    this.nodeId = nodeId;
    this.rules = new Rules(tuning.resumeSpread());
    this.deliveries = new Deliveries(rules, tuning);
    this.tokens = new Tokens(keys);
    this.ids = ids;
    this.mailboxes = new Mailboxes(store.mailboxes());
    this.handovers = new Handovers(tuning.lease());
    this.due =
        new DueProcessor(this, transport, new Composer(tokens, tracking, ids), rules, tuning);
    this.enrollments = new EnrollmentCommands(this);
    this.campaigns = new CampaignCommands(this, enrollments);
    this.views = new Views(this);
    this.matcher = new Matcher(store.enrollments());
    this.receiver = new Receiver(this, enrollments, matcher, reader);
    this.leases = new LeaseKeeper(this);
    this.batches = new Batches(due);
    this.runner = new Runner(this, batches);
  }

  /** The clock's time in microseconds, the precision stores keep. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Refuses every call once the engine is closed. */
  private void open() {
    if (closed) {
      throw new ClosedException(toString());
    }
  }

  /** The campaign as stored now; remembered for {@link #cachedCampaign}. */
  Campaign requireCampaign(CampaignId id) {
    Campaign c =
        store.campaigns().find(id).orElseThrow(() -> new NotFoundException("campaign", id));
    campaignCache.merge(id, c, (a, b) -> a.version() >= b.version() ? a : b);
    return c;
  }

  /**
   * The campaign as this engine last read it: for due work, whose every commit checks the
   * campaign's version, so that a stale copy costs a retry, never a wrong write.
   */
  Campaign cachedCampaign(CampaignId id) {
    Campaign c = campaignCache.get(id);
    return c != null ? c : requireCampaign(id);
  }

  /**
   * Commits a command's changes, then remembers the campaigns they wrote for {@link
   * #cachedCampaign}. Once it returns, no send of a changed enrollment starts from this engine: a
   * send in progress is waited for ({@link Handovers}).
   */
  void write(Changes changes) {
    boolean mayHaveHeld = true;
    try {
      store.commit(changes);
    } catch (ConflictException refused) {
      mayHaveHeld = false; // refused as a whole: nothing was written
      throw refused;
    } finally {
      // also when the store failed otherwise: a commit cut off may have held
      // a suppression added changes no enrollment of its domain's other addresses, but a send in
      // progress to one of them has to look again
      if (mayHaveHeld
          && (!changes.updatedEnrollments().isEmpty() || !changes.suppressions().isEmpty())) {
        List<EnrollmentId> ids = new ArrayList<>(changes.updatedEnrollments().size());
        for (Changes.EnrollmentUpdate u : changes.updatedEnrollments()) {
          ids.add(u.next().id());
        }
        handovers.changed(ids);
      }
    }
    for (Campaign c : changes.insertedCampaigns()) {
      campaignCache.merge(c.id(), c, (a, b) -> a.version() >= b.version() ? a : b);
    }
    for (Campaign c : changes.updatedCampaigns()) {
      campaignCache.merge(c.id(), c, (a, b) -> a.version() >= b.version() ? a : b);
    }
  }

  /** How long a claim lasts unless renewed. */
  java.time.Duration lease() {
    return tuning.lease();
  }

  /**
   * How long recording a send's answer keeps trying through store failures: half the lease, so that
   * it is recorded before another engine could take the enrollment over.
   */
  java.time.Duration recordPatience() {
    return tuning.lease().dividedBy(2);
  }

  /**
   * After the commit of in-flight records failed without telling whether it held: whether it held,
   * asked again (with patience) until the store answers. It held when a stored enrollment holds the
   * commit's attempt of its step (its Message-ID at its time), whether or not another writer moved
   * the enrollment on since (a reply, an auto-reply recorded meanwhile); the send then looks for
   * such changes before it is made. The version alone does not tell: another writer may have taken
   * the very version number the commit would have written.
   */
  boolean landed(List<DueProcessor.InFlight> written, StoreException failure) {
    List<EnrollmentId> ids = new ArrayList<>(written.size());
    for (DueProcessor.InFlight f : written) {
      ids.add(f.enrollment().id());
    }
    Patience patience = new Patience(recordPatience());
    while (true) {
      try {
        Map<EnrollmentId, Enrollment> stored = new HashMap<>();
        for (Enrollment e : store.enrollments().find(ids)) {
          stored.put(e.id(), e);
        }
        // one transaction: its attempts are all there, or none is
        for (DueProcessor.InFlight f : written) {
          Enrollment e = stored.get(f.enrollment().id());
          if (e != null && holdsAttempt(e, f)) {
            return true;
          }
        }
        return false;
      } catch (StoreException again) {
        if (!patience.pause()) {
          failure.addSuppressed(again);
          throw failure;
        }
      }
    }
  }

  /** Whether the stored enrollment holds the attempt the in-flight record added. */
  private static boolean holdsAttempt(Enrollment stored, DueProcessor.InFlight f) {
    SendAttempt mine = f.attempt();
    for (SendAttempt a : stored.step(f.ref().step()).attempts()) {
      if (a.messageId().equals(mine.messageId()) && a.at().equals(mine.at())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the store answers a read now. After a failed write it tells a change the store refused,
   * or a connection it has since replaced, from a store out of reach.
   */
  boolean storeAnswers(EnrollmentId any) {
    try {
      store.enrollments().find(any);
      return true;
    } catch (StoreException e) {
      return false;
    } catch (RuntimeException e) {
      // not an outage, but nothing to build on either: the callers then wait as for one
      log.warn("reading enrollment {} failed", any, e);
      return false;
    }
  }

  /** Forgets the remembered copy of a campaign, after a commit found it stale. */
  void forgetCampaign(CampaignId id) {
    campaignCache.remove(id);
  }

  /** How many command commits this engine made: sends look again when it moved. */
  long modifications() {
    return handovers.changes();
  }

  Compiled compiled(Campaign campaign) {
    return compiled.computeIfAbsent(campaign.id(), id -> Compiled.of(campaign));
  }

  String taskOwner(Campaign campaign, int step) {
    if (campaign.step(step).action() instanceof TaskAction t && t.assignee() != null) {
      return t.assignee();
    }
    return campaign.owner();
  }

  TodoItem todoItem(Campaign campaign, Compiled compiled, Enrollment e, int step) {
    TaskAction task = (TaskAction) campaign.step(step).action();
    var c = e.candidate();
    Instant due = e.step(step).scheduledAt();
    return new TodoItem(
        new StepRef(e.id(), step),
        campaign.id(),
        campaign.name(),
        taskOwner(campaign, step),
        task.kind(),
        compiled.step(step).body.render(v -> c.variable(v).orElse(null), false),
        c.name(),
        c.title(),
        c.company(),
        c.photoUrl(),
        e.address(),
        due == null ? e.lastActivityAt() : due);
  }

  // ---- committing -------------------------------------------------------------------------

  /**
   * Commits one editor's result under a claim (fenced), optionally releasing it; then publishes.
   */
  void commit(Editor ed, Claim claim, boolean release) {
    commit(ed, ed.result(), claim, release);
  }

  /** Commits {@code next}, the result of {@code ed} computed already, under a claim. */
  void commit(Editor ed, Enrollment next, Claim claim, boolean release) {
    Changes.Builder changes =
        Changes.builder()
            .update(next, claim, ed.original())
            .activity(ed.events)
            .expect(ed.campaign);
    if (release) {
      changes.release(claim);
    }
    store.commit(changes.build());
    publish(ed);
  }

  /** Commits a send result without fencing (the send happened, whoever holds the lease now). */
  void commitUnfenced(Editor ed, Claim claim) {
    store.commit(
        Changes.builder()
            .update(ed.result(), null, ed.original())
            .activity(ed.events)
            .expect(ed.campaign)
            .release(claim)
            .build());
    // given back: a listener that runs due work from here must not renew it
    leases.released(claim);
    publish(ed);
  }

  /** Publishes an editor's events and to-do effects after its commit. */
  void publish(Editor ed) {
    for (Editor.TodoEffect effect : ed.todos) {
      try {
        if (effect instanceof Editor.TodoEffect.Add add) {
          todoSink.add(add.item());
        } else if (effect instanceof Editor.TodoEffect.Remove remove) {
          todoSink.remove(remove.ref(), remove.why());
        }
      } catch (RuntimeException e) {
        log.warn("to-do sink failed on {}; the store still lists open tasks", effect, e);
      }
    }
    for (EnrollmentEvent event : ed.events) {
      publish(event);
    }
  }

  void publish(NudgeEvent event) {
    for (EventListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("event listener {} failed on {}", l, event, e);
      }
    }
  }

  /**
   * Reads, decides and commits, deciding again on fresh reads when a concurrent write got there
   * first; publishes once the commit holds.
   */
  <T> T commitRetrying(Supplier<Plan<T>> decide) {
    return commitRetrying(decide, null);
  }

  /**
   * Like {@link #commitRetrying(Supplier)}, logging a received mail in the same commit as its
   * effect: a duplicate receipt refuses the whole commit ({@link
   * ConflictException.Kind#DUPLICATE}).
   */
  <T> T commitRetrying(Supplier<Plan<T>> decide, @Nullable InboundEntry receipt) {
    for (int attempt = 0; ; attempt++) {
      Plan<T> plan = decide.get();
      Changes changes = receipt == null ? plan.changes() : plan.changes().withInbound(receipt);
      if (!changes.isEmpty()) {
        try {
          write(changes);
        } catch (ConflictException e) {
          if (e.kind() == ConflictException.Kind.VERSION
              && attempt + 1 < tuning.conflictRetries()) {
            continue;
          }
          throw e;
        }
      }
      plan.campaignEvents().forEach(this::publish);
      plan.editors().forEach(this::publish);
      return plan.result();
    }
  }

  // ---- Nudge ------------------------------------------------------------------------------

  @Override
  public SenderMailbox registerMailbox(SenderMailbox mailbox) {
    open();
    return mailboxes.register(mailbox);
  }

  @Override
  public SenderMailbox updateMailbox(SenderMailbox mailbox) {
    open();
    return mailboxes.update(mailbox);
  }

  @Override
  public Optional<SenderMailbox> mailbox(EmailAddress address) {
    open();
    return store.mailboxes().find(address).map(MailboxState::mailbox);
  }

  @Override
  public List<SenderMailbox> mailboxes() {
    open();
    return mailboxes.all().stream().map(MailboxState::mailbox).toList();
  }

  @Override
  public Optional<MailboxStatus> mailboxStatus(EmailAddress address) {
    open();
    return store.mailboxes().find(address).map(s -> new MailboxStatus(s.mailbox(), s.hold()));
  }

  @Override
  public List<MailboxStatus> heldMailboxes() {
    open();
    return mailboxes.all().stream()
        .filter(s -> s.hold() != null)
        .map(s -> new MailboxStatus(s.mailbox(), s.hold()))
        .toList();
  }

  @Override
  public boolean reconnectMailbox(EmailAddress address) {
    open();
    return due.reconnect(mailboxes.require(address).mailbox().address());
  }

  @Override
  public MailboxHold disconnectMailbox(EmailAddress address, String reason) {
    open();
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "must not be blank");
    }
    return due.disconnect(mailboxes.require(address).mailbox().address(), reason);
  }

  @Override
  public Campaign createCampaign(CampaignDefinition definition) {
    open();
    return campaigns.create(definition);
  }

  @Override
  public Campaign startCampaign(CampaignId id) {
    open();
    return campaigns.transition(given(id, "id"), CampaignStatus.STARTED);
  }

  @Override
  public Campaign pauseCampaign(CampaignId id) {
    open();
    return campaigns.transition(given(id, "id"), CampaignStatus.PAUSED);
  }

  @Override
  public Campaign resumeCampaign(CampaignId id) {
    open();
    Campaign c = requireCampaign(given(id, "id"));
    if (c.status() != CampaignStatus.PAUSED && c.status() != CampaignStatus.STARTED) {
      throw new IllegalTransitionException(
          "campaign " + id + " (only a paused campaign resumes)",
          c.status(),
          CampaignStatus.STARTED);
    }
    return campaigns.transition(id, CampaignStatus.STARTED);
  }

  @Override
  public Campaign archiveCampaign(CampaignId id) {
    open();
    return campaigns.transition(given(id, "id"), CampaignStatus.ARCHIVED);
  }

  @Override
  public EnrollResult enroll(CampaignId campaignId, dev.nudge.Candidate candidate) {
    open();
    return enrollments.enroll(given(campaignId, "campaignId"), candidate);
  }

  @Override
  public List<EnrollResult> enrollAll(CampaignId campaignId, List<dev.nudge.Candidate> candidates) {
    open();
    return enrollments.enrollAll(given(campaignId, "campaignId"), candidates);
  }

  @Override
  public Enrollment pauseCandidate(EnrollmentId id) {
    open();
    return enrollments.pause(given(id, "id"));
  }

  @Override
  public Enrollment resumeCandidate(EnrollmentId id) {
    open();
    return enrollments.resume(given(id, "id"));
  }

  @Override
  public Enrollment removeCandidate(EnrollmentId id) {
    open();
    return enrollments.remove(given(id, "id"));
  }

  @Override
  public Enrollment completeTask(StepRef step) {
    open();
    return enrollments.finishTask(given(step, "step"), true);
  }

  @Override
  public Enrollment skipTask(StepRef step) {
    open();
    return enrollments.finishTask(given(step, "step"), false);
  }

  @Override
  public Enrollment record(StepRef step, InboundEvent event) {
    open();
    return enrollments.record(given(step, "step"), given(event, "event"));
  }

  @Override
  public Optional<InboundMatch> match(InboundMessage message) {
    open();
    return matcher.match(message);
  }

  @Override
  public InboundEntry receive(byte[] raw) {
    open();
    return receiver.receive(raw);
  }

  @Override
  public InboundEntry receive(ReadMail mail) {
    open();
    return receiver.receive(mail);
  }

  @Override
  public List<InboundEntry> inbound(int limit) {
    open();
    return store.inbound().recent(limit);
  }

  @Override
  public boolean recordOpen(String token, boolean prefetching) {
    open();
    return enrollments.recordOpen(token, prefetching);
  }

  @Override
  public boolean unsubscribeByToken(String token) {
    open();
    return enrollments.unsubscribe(token);
  }

  @Override
  public void unsubscribe(EmailAddress address, boolean wholeDomain) {
    open();
    enrollments.unsubscribe(address, wholeDomain, "unsubscribed", null, null);
  }

  @Override
  public boolean removeSuppression(Suppression.Scope scope, String value) {
    open();
    if (value.indexOf('\0') >= 0) {
      // no entry holds a NUL (they are refused), and PostgreSQL refuses to look one up
      return false;
    }
    return store.suppressions().remove(scope, value);
  }

  @Override
  public int eraseCandidate(CandidateId id) {
    open();
    return enrollments.erase(id);
  }

  /** Finishes campaign status changes that did not reach every enrollment (after a crash). */
  void catchUpCampaigns() {
    campaigns.catchUp();
  }

  @Override
  public RunReport runDue() {
    open();
    return runDueInCaller();
  }

  /** Processes everything due now in the calling thread. */
  RunReport runDueInCaller() {
    campaigns.catchUp();
    RunReport total = RunReport.EMPTY;
    while (true) {
      List<Claim> claims =
          store.dueSteps().claim(nodeId, now(), tuning.lease(), tuning.claimBatchSize());
      if (claims.isEmpty()) {
        return total;
      }
      RunReport batch = batches.process(claims, now());
      total = total.plus(batch);
      if (batch.processed() == 0) {
        // nothing in this batch could be worked on (all changed underneath or failed): stop
        // rather than claim the same enrollments again; the next run picks them up
        return total;
      }
    }
  }

  @Override
  public void start() {
    open();
    runner.start();
  }

  @Override
  public void awaitIdle(Duration timeout) {
    open();
    if (timeout == null || timeout.isNegative()) {
      throw new InvalidInputException("timeout", "must be zero or positive");
    }
    if (!runner.awaitIdle(timeout)) {
      throw new NudgeException(this + " was not idle within " + timeout);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    runner.close();
    leases.close();
  }

  @Override
  public Optional<Campaign> campaign(CampaignId id) {
    open();
    return store.campaigns().find(given(id, "id"));
  }

  @Override
  public List<Campaign> campaigns() {
    open();
    return store.campaigns().findAll();
  }

  @Override
  public Optional<Enrollment> enrollment(EnrollmentId id) {
    open();
    return store.enrollments().find(given(id, "id"));
  }

  @Override
  public Page<CandidateRow> candidates(CampaignId campaignId, CandidatesQuery query) {
    open();
    return views.candidates(given(campaignId, "campaignId"), given(query, "query"));
  }

  @Override
  public List<StepTotals> stepTotals(CampaignId campaignId) {
    open();
    return store
        .enrollments()
        .statistics()
        .stepTotals(campaignId, requireCampaign(given(campaignId, "campaignId")).steps().size());
  }

  @Override
  public List<TodoItem> openTasks(String owner) {
    open();
    return views.openTasks(given(owner, "owner"));
  }

  @Override
  public List<TodoItem> openTasks() {
    open();
    return views.openTasks(null);
  }

  @Override
  public List<EnrollmentEvent> activity(EnrollmentId id) {
    open();
    return store.activity().list(given(id, "id"));
  }

  @Override
  public Optional<Suppression> suppression(EmailAddress address) {
    open();
    return store.suppressions().find(given(address, "address"));
  }

  /** A value the caller must give: a null is refused with an error naming the parameter [S27]. */
  private static <T> T given(@Nullable T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    return value;
  }

  @Override
  public String toString() {
    return "Nudge[" + nodeId + "]";
  }
}

package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignEvent;
import dev.nudge.CampaignId;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InvalidInputException;
import dev.nudge.TodoItem;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.store.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Campaign lifecycle [S3, S8, S15]: create, start, pause, resume, archive. A status change is
 * committed on the campaign first — from then on no step of a paused campaign is handed to the
 * transport, because every in-flight record is committed only if the campaign's version is
 * unchanged — and then brought to each enrollment in a commit of its own, so that a busy campaign
 * can always be paused. The campaign stays marked {@code syncPending} until every enrollment
 * followed; {@link #catchUp()} finishes the work after a crash.
 */
final class CampaignCommands {
  private static final Logger log = Logs.CAMPAIGN;

  /** Least time between two catch-up rounds of one engine. */
  static final Duration CATCH_UP_INTERVAL = Duration.ofSeconds(30);

  /** How many enrollments a status change brings along per read and per commit. */
  static final int SYNC_SLICE = 200;

  private static final Duration MAX_WAIT = Duration.ofHours(1);

  private final Engine engine;
  private final EnrollmentCommands enrollments;
  private final Set<CampaignId> syncing = ConcurrentHashMap.newKeySet();
  private final Map<CampaignId, Backoff> backoffs = new ConcurrentHashMap<>();
  private Instant nextCatchUp = Instant.MIN;

  CampaignCommands(Engine engine, EnrollmentCommands enrollments) {
    this.engine = engine;
    this.enrollments = enrollments;
  }

  Campaign create(CampaignDefinition d) {
    if (d == null) {
      throw new InvalidInputException("definition", "must not be null");
    }
    MailboxState mailbox =
        engine
            .store
            .mailboxes()
            .find(d.mailbox())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "mailbox",
                        "no sender mailbox "
                            + d.mailbox()
                            + " is registered; register it with Nudge.registerMailbox first"));
    ZoneId zone = d.zone();
    Campaign campaign =
        new Campaign(
            new CampaignId(engine.ids.uuid()),
            d.name(),
            d.owner(),
            mailbox.mailbox().address(),
            zone == null ? mailbox.mailbox().zone() : zone,
            d.schedule(),
            d.holidays(),
            d.steps(),
            d.options(),
            CampaignStatus.NOT_STARTED,
            engine.now(),
            null,
            false,
            1);
    Compiled.of(campaign); // parse every template once more: nothing half-valid is stored
    engine.write(Changes.builder().insert(campaign).build());
    return campaign;
  }

  Campaign transition(CampaignId id, CampaignStatus to) {
    Campaign after =
        engine.commitRetrying(
            () -> {
              Campaign before = engine.requireCampaign(id);
              if (before.status() == to) {
                // already there: starting a started campaign changes nothing
                return new Plan<>(Changes.builder().build(), List.of(), List.of(), before);
              }
              Campaign next = before.transition(to, engine.now());
              return new Plan<>(
                  Changes.builder().update(next).build(),
                  List.of(),
                  List.of(new CampaignEvent(id, engine.now(), before.status(), next.status())),
                  next);
            });
    if (!after.syncPending()) {
      return after;
    }
    try {
      return sync(after);
    } catch (RuntimeException e) {
      // the status holds already (no step of a paused campaign goes out); catch-up finishes it
      log.warn("campaign {} is {}, but not every enrollment followed yet", id, to, e);
      return after;
    }
  }

  /**
   * Finishes status changes that did not reach every enrollment (after a crash, or when a commit
   * failed). Runs at most every {@link #CATCH_UP_INTERVAL} of the engine's clock; a campaign whose
   * sync failed is tried again after a growing pause, and never holds up the others.
   */
  void catchUp() {
    Instant now = engine.now();
    synchronized (this) {
      if (now.isBefore(nextCatchUp)) {
        return;
      }
      nextCatchUp = now.plus(CATCH_UP_INTERVAL);
    }
    for (Campaign c : engine.store.campaigns().findSyncPending()) {
      Backoff backoff = backoffs.get(c.id());
      if (backoff != null && now.isBefore(backoff.next())) {
        continue;
      }
      try {
        sync(c);
      } catch (RuntimeException e) {
        Duration wait =
            backoff == null
                ? Duration.ofMinutes(1)
                : min(backoff.delay().multipliedBy(2), MAX_WAIT);
        backoffs.put(c.id(), new Backoff(now.plus(wait), wait));
        log.warn(
            "campaign {}: its enrollments could not follow its status; retrying in {}",
            c.id(),
            wait,
            e);
      }
    }
  }

  /**
   * Brings every enrollment to the campaign's status, a slice of {@link #SYNC_SLICE} per read and
   * per commit (so a campaign of a million is never held in memory at once), then clears {@code
   * syncPending} unless the campaign changed again meanwhile (the newer change syncs instead) or an
   * enrollment could not follow (catch-up tries again). A campaign this engine is already syncing
   * is left to that sync.
   */
  private Campaign sync(Campaign campaign) {
    if (!syncing.add(campaign.id())) {
      return campaign;
    }
    try {
      int failed = 0;
      RuntimeException first = null;
      EnrollmentId after = null;
      while (true) {
        List<Enrollment> slice =
            engine.store.enrollments().findInCampaign(campaign.id(), after, SYNC_SLICE);
        if (slice.isEmpty()) {
          break;
        }
        after = slice.get(slice.size() - 1).id();
        List<Enrollment> open = new ArrayList<>(slice.size());
        for (Enrollment e : slice) {
          if (!e.status().isTerminal()) {
            open.add(e);
          }
        }
        try {
          followAll(campaign, open);
        } catch (ConflictException conflict) {
          // one of them (or the campaign) changed meanwhile: one at a time, on fresh reads
          for (Enrollment e : open) {
            try {
              enrollments.mutate(e.id(), this::follow);
            } catch (RuntimeException ex) {
              failed++;
              first = first == null ? ex : first;
            }
          }
        }
      }
      if (first != null) {
        throw new IllegalStateException(
            failed + " enrollment(s) of campaign " + campaign.id() + " could not follow it", first);
      }
      try {
        Campaign synced = campaign.synced();
        engine.write(Changes.builder().update(synced).build());
        backoffs.remove(campaign.id());
        return synced;
      } catch (ConflictException e) {
        log.debug("campaign {} changed while its enrollments followed", campaign.id());
        return engine.requireCampaign(campaign.id());
      }
    } finally {
      syncing.remove(campaign.id());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private record Backoff(Instant next, Duration delay) {}

  /** Makes one enrollment follow its campaign's current status; idempotent. */
  /** Brings a slice of enrollments to the campaign's status in one commit. */
  private void followAll(Campaign campaign, List<Enrollment> slice) {
    Instant now = engine.now();
    Changes.Builder changes = Changes.builder().expect(campaign);
    List<Editor> editors = new ArrayList<>(slice.size());
    for (Enrollment e : slice) {
      Editor ed = new Editor(campaign, e, now);
      follow(ed);
      if (ed.changed()) {
        changes.update(ed.result(), null, ed.original()).activity(ed.events);
        editors.add(ed);
      }
    }
    if (editors.isEmpty()) {
      return;
    }
    engine.write(changes.build());
    editors.forEach(engine::publish);
  }

  private void follow(Editor ed) {
    EnrollmentStatus status = ed.status();
    if (status.isTerminal()) {
      return;
    }
    Compiled compiled = engine.compiled(ed.campaign);
    switch (ed.campaign.status()) {
      case STARTED -> {
        if (status == EnrollmentStatus.NOT_STARTED) {
          ed.status(EnrollmentStatus.STARTED, null);
          engine.rules.advance(ed, compiled, ed.now);
        } else if (status == EnrollmentStatus.STARTED) {
          engine.rules.resume(ed, compiled);
        }
      }
      case PAUSED -> {
        for (int n = 1; n <= ed.stepCount(); n++) {
          if (ed.step(n).state() == StepState.SCHEDULED) {
            ed.step(
                n, StepState.PENDING, ed.step(n).scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
          }
        }
      }
      case ARCHIVED -> Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.ARCHIVED);
      case NOT_STARTED -> {
        // nothing to follow: enrollments of a campaign not started wait as they are
      }
    }
  }
}

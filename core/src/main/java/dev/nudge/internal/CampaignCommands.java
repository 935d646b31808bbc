package dev.nudge.internal;

import dev.nudge.CampaignEvent;
import dev.nudge.CampaignId;
import dev.nudge.campaign.Campaign;
import dev.nudge.campaign.CampaignDefinition;
import dev.nudge.campaign.CampaignStatus;
import dev.nudge.campaign.CompletionReason;
import dev.nudge.campaign.Enrollment;
import dev.nudge.campaign.EnrollmentStatus;
import dev.nudge.campaign.StepExecution;
import dev.nudge.campaign.StepStatus;
import dev.nudge.port.Changes;
import dev.nudge.port.EnrollmentLookup;
import dev.nudge.port.TodoItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign lifecycle [S3, S8, S15]: create, start, pause, resume, archive. A status change and what
 * it does to every enrollment of the campaign are committed together.
 */
final class CampaignCommands {
  private final Engine engine;

  CampaignCommands(Engine engine) {
    this.engine = engine;
  }

  Campaign create(CampaignDefinition d) {
    Campaign campaign =
        new Campaign(
            CampaignId.random(),
            d.name(),
            d.owner(),
            d.mailbox(),
            d.zone(),
            d.schedule(),
            d.holidays(),
            d.steps(),
            d.options(),
            CampaignStatus.NOT_STARTED,
            engine.now(),
            null,
            1);
    Compiled.of(campaign); // parse every template once more: nothing half-valid is stored
    engine.store.commit(Changes.builder().insert(campaign).build());
    return campaign;
  }

  Campaign transition(CampaignId id, CampaignStatus to) {
    return engine.commitRetrying(
        () -> {
          Campaign before = engine.requireCampaign(id);
          Instant now = engine.now();
          Campaign after = before.transition(to, now);
          Compiled compiled = engine.compiled(after);
          List<Editor> editors = new ArrayList<>();
          for (Enrollment e :
              engine.store.enrollments().find(new EnrollmentLookup.ByCampaign(id))) {
            Editor ed = new Editor(after, e, now);
            apply(ed, compiled, before.status(), to);
            if (ed.changed()) {
              editors.add(ed);
            }
          }
          return Plan.of(Changes.builder().update(after), editors, after)
              .publishing(new CampaignEvent(id, now, before.status(), after.status()));
        });
  }

  private void apply(Editor ed, Compiled compiled, CampaignStatus from, CampaignStatus to) {
    EnrollmentStatus status = ed.status();
    if (status.isTerminal()) {
      return;
    }
    switch (to) {
      case STARTED -> {
        if (status == EnrollmentStatus.NOT_STARTED) {
          ed.status(EnrollmentStatus.STARTED, null);
          engine.rules.advance(ed, compiled, ed.now);
        } else if (from == CampaignStatus.PAUSED && status == EnrollmentStatus.STARTED) {
          engine.rules.resume(ed, compiled);
        }
      }
      case PAUSED -> {
        for (StepExecution s : stepsIn(ed, StepStatus.SCHEDULED)) {
          ed.step(
              s.number(), StepStatus.PENDING, s.scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
        }
      }
      case ARCHIVED -> Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.ARCHIVED);
      case NOT_STARTED -> throw new IllegalStateException("no transition leads to NOT_STARTED");
    }
  }

  private static List<StepExecution> stepsIn(Editor ed, StepStatus status) {
    List<StepExecution> found = new ArrayList<>();
    for (int n = 1; n <= ed.stepCount(); n++) {
      if (ed.step(n).status() == status) {
        found.add(ed.step(n));
      }
    }
    return found;
  }
}

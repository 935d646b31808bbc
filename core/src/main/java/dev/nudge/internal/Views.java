package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CandidateRow;
import dev.nudge.CandidatesQuery;
import dev.nudge.Enrollment;
import dev.nudge.Page;
import dev.nudge.StepCell;
import dev.nudge.StepExecution;
import dev.nudge.StepStatus;
import dev.nudge.TodoItem;
import dev.nudge.spi.store.EnrollmentKeys;
import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Read models: the Candidates tab [S26] and the to-do list [S23]. */
final class Views {
  private final Engine engine;

  Views(Engine engine) {
    this.engine = engine;
  }

  Page<CandidateRow> candidates(CampaignId campaignId, CandidatesQuery query) {
    engine.requireCampaign(campaignId);
    Page<Enrollment> page = engine.store.enrollments().page(campaignId, query);
    List<Enrollment> items = page.items();
    String next = null;
    if (items.size() == query.size()) {
      // whether a row follows, asked of the store: the total cannot tell once rows before a
      // cursor left the view or joined it
      CandidatesQuery.After end = EnrollmentKeys.endOf(query, items.get(items.size() - 1));
      CandidatesQuery probe =
          new CandidatesQuery(
              query.view(), query.sort(), query.descending(), end.page() + 1, 1, end);
      if (!engine.store.enrollments().page(campaignId, probe).items().isEmpty()) {
        next = end.cursor();
      }
    }
    return page.withNext(next).map(Views::row);
  }

  static CandidateRow row(Enrollment e) {
    List<StepCell> cells = new ArrayList<>(e.steps().size());
    for (StepExecution s : e.steps()) {
      StepStatus shown = s.status();
      Instant at =
          switch (shown) {
            case SCHEDULED, MANUAL_TASK -> s.scheduledAt();
            case SENT, STOPPED, DELIVERY_UNKNOWN -> s.doneAt();
            case PENDING -> null;
          };
      cells.add(new StepCell(s.number(), s.type(), shown, at, s.engagement()));
    }
    var c = e.candidate();
    return new CandidateRow(
        e.id(),
        c.id(),
        c.name(),
        c.title(),
        c.company(),
        c.photoUrl(),
        e.address(),
        e.status(),
        e.reason(),
        e.lastActivityAt(),
        cells);
  }

  List<TodoItem> openTasks(@Nullable String owner) {
    List<TodoItem> items = new ArrayList<>();
    for (Enrollment e : engine.store.enrollments().statistics().openTasks(owner)) {
      Campaign campaign = engine.requireCampaign(e.campaignId());
      for (StepExecution s : e.steps()) {
        if (s.state() == StepState.MANUAL_TASK) {
          items.add(engine.todoItem(campaign, engine.compiled(campaign), e, s.number()));
        }
      }
    }
    return items;
  }
}

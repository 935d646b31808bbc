package dev.nudge.spi.store;

import dev.nudge.CampaignId;
import dev.nudge.Enrollment;
import dev.nudge.StepTotals;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Aggregate reads over enrollments, computed where the data is. */
public interface EnrollmentStatistics {
  /**
   * Per-step totals of a campaign, one entry per step number from 1 to {@code steps}.
   *
   * @param steps how many steps the campaign has
   */
  List<StepTotals> stepTotals(CampaignId campaignId, int steps);

  /**
   * Enrollments with an open manual task, oldest due first (ties by enrollment id).
   *
   * @param owner the task owner, or null for every owner
   */
  List<Enrollment> openTasks(@Nullable String owner);
}

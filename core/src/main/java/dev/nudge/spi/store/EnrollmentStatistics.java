package dev.nudge.spi.store;

import dev.nudge.CampaignId;
import dev.nudge.Enrollment;
import dev.nudge.StepTotals;
import java.util.List;

/** Aggregate reads over enrollments, computed where the data is. */
public interface EnrollmentStatistics {
  /**
   * Per-step totals of a campaign [S26], one entry per step number from 1 to {@code steps}.
   *
   * @param steps how many steps the campaign has
   */
  List<StepTotals> stepTotals(CampaignId campaignId, int steps);

  /** Enrollments with an open manual task owned by {@code owner}, oldest due first. */
  List<Enrollment> openTasks(String owner);
}

package dev.nudge;

/** Lifecycle of a campaign: {@code NOT_STARTED → STARTED ⇄ PAUSED → ARCHIVED}. */
public enum CampaignStatus {
  /** Created; enrollments wait with their steps {@code PENDING}. */
  NOT_STARTED,
  /** Running: due steps are executed. */
  STARTED,
  /** Halted by the user; scheduled steps are {@code PENDING} until resumed. */
  PAUSED,
  /** Closed for good; remaining steps are stopped and nothing can be enrolled. */
  ARCHIVED;

  /** The campaign state machine. */
  public static final TransitionTable<CampaignStatus> TRANSITIONS =
      TransitionTable.of(CampaignStatus.class)
          .from(NOT_STARTED, STARTED, ARCHIVED)
          .from(STARTED, PAUSED, ARCHIVED)
          .from(PAUSED, STARTED, ARCHIVED)
          .build();
}

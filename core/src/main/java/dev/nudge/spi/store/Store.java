package dev.nudge.spi.store;

/**
 * Where Nudge keeps campaigns, enrollments and everything around them [S24]. A store is a set of
 * small ports plus one atomic {@link #commit}: every write the engine makes goes through it, so an
 * implementation puts each commit in one transaction and nothing is ever half-written. The same
 * contract test suite runs against every implementation.
 */
public interface Store {
  /** Reads campaigns. */
  CampaignRepository campaigns();

  /** Reads enrollments and answers the Candidates tab queries. */
  EnrollmentRepository enrollments();

  /** Claims due work with leases. */
  DueSteps dueSteps();

  /** Suppression list, mailbox counters, activity log and inbound checkpoints. */
  Registers registers();

  /**
   * Applies every change atomically, or none.
   *
   * @throws ConflictException when a version, a uniqueness rule or a lease does not hold; nothing
   *     was written
   */
  void commit(Changes changes);
}

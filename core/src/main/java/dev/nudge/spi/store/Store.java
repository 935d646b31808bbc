package dev.nudge.spi.store;

/**
 * Where Nudge keeps campaigns, enrollments and everything around them. A store is a set of small
 * ports plus one atomic {@link #commit}: every change of a campaign or enrollment goes through it,
 * so an implementation puts each commit in one transaction and nothing is ever half-written. The
 * contract test suite {@code dev.nudge.storetest.StoreContractTest} (in the {@code nudge-core}
 * test-jar) states what an implementation must do.
 */
public interface Store {
  /** Reads campaigns. */
  CampaignRepository campaigns();

  /** Reads enrollments and answers the Candidates tab queries. */
  EnrollmentRepository enrollments();

  /** Claims due work with leases. */
  DueSteps dueSteps();

  /** Addresses and domains that must not be written to. */
  SuppressionList suppressions();

  /** Registered sender mailboxes and their send counters. */
  MailboxRepository mailboxes();

  /** Activity log per enrollment. */
  ActivityLog activity();

  /** Positions of inbound pollers (IMAP UIDVALIDITY and last UID, ...). */
  Checkpoints checkpoints();

  /** Received mails and what became of them, one entry per mail. */
  InboundLog inbound();

  /**
   * Applies every change atomically, or none.
   *
   * @throws ConflictException when a version, a uniqueness rule or a lease does not hold; nothing
   *     was written
   * @throws dev.nudge.StoreException when the store could not do its work; nothing was written
   */
  void commit(Changes changes);
}

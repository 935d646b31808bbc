package dev.nudge.spi.store;

/** The store's small side tables. */
public interface Registers {
  /** Addresses and domains that must not be written to. */
  SuppressionList suppressions();

  /** Per-mailbox send counters that enforce caps across campaigns. */
  MailboxLedger mailboxes();

  /** Activity log per enrollment. */
  ActivityLog activity();

  /** Positions of inbound pollers (IMAP UIDVALIDITY and last UID, ...). */
  Checkpoints checkpoints();
}

package dev.nudge.testkit;

import dev.nudge.spi.store.ActivityLog;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Checkpoints;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.InboundLog;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.store.SuppressionList;

/** A store that hands every call to another; subclasses change the calls a test is about. */
public abstract class ForwardingStore implements Store {
  /** The store calls go to. */
  protected final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public CampaignRepository campaigns() {
    return delegate.campaigns();
  }

  @Override
  public EnrollmentRepository enrollments() {
    return delegate.enrollments();
  }

  @Override
  public DueSteps dueSteps() {
    return delegate.dueSteps();
  }

  @Override
  public SuppressionList suppressions() {
    return delegate.suppressions();
  }

  @Override
  public MailboxRepository mailboxes() {
    return delegate.mailboxes();
  }

  @Override
  public ActivityLog activity() {
    return delegate.activity();
  }

  @Override
  public Checkpoints checkpoints() {
    return delegate.checkpoints();
  }

  @Override
  public InboundLog inbound() {
    return delegate.inbound();
  }

  @Override
  public void commit(Changes changes) {
    delegate.commit(changes);
  }
}

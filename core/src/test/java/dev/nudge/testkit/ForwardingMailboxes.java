package dev.nudge.testkit;

import dev.nudge.EmailAddress;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import java.util.List;
import java.util.Optional;

/**
 * A mailbox ledger that hands every call to another; subclasses change the calls a test is about.
 */
public class ForwardingMailboxes implements MailboxRepository {
  /** The ledger calls go to. */
  protected final MailboxRepository delegate;

  public ForwardingMailboxes(MailboxRepository delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<MailboxState> find(EmailAddress address) {
    return delegate.find(address);
  }

  @Override
  public List<MailboxState> findAll() {
    return delegate.findAll();
  }

  @Override
  public boolean insert(MailboxState mailbox) {
    return delegate.insert(mailbox);
  }

  @Override
  public boolean compareAndSet(MailboxState next) {
    return delegate.compareAndSet(next);
  }
}

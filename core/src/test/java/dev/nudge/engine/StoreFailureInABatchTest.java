package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.StepStatus;
import dev.nudge.StoreException;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.ForwardingMailboxes;
import dev.nudge.testkit.ForwardingStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A store that fails while a batch of emails is being sent loses none of the answers given. */
class StoreFailureInABatchTest {

  /** A store whose mailbox ledger refuses every write while {@link #failing}. */
  private static final class FailingLedger extends ForwardingStore {
    volatile boolean failing;

    FailingLedger() {
      super(new InMemoryStore());
    }

    @Override
    public MailboxRepository mailboxes() {
      return new ForwardingMailboxes(delegate.mailboxes()) {
        @Override
        public boolean compareAndSet(MailboxState next) {
          if (failing) {
            throw new StoreException("connection to the database lost", null);
          }
          return delegate.compareAndSet(next);
        }
      };
    }
  }

  @Test
  void aStoreFailureHalfWayThroughABatch_stillRecordsTheEmailAlreadySent() {
    FailingLedger store = new FailingLedger();
    try (Fixture f =
        new Fixture(
            Fixture.MONDAY_9AM_NY, Tuning.builder().resumeSpread(Duration.ZERO).build(), store)) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      EnrollmentId grace = f.enroll(c.id(), "Grace Hopper");
      f.transport.answerWith(
          email -> {
            if (!store.failing) {
              // while the first email is with the transport the other candidate replies, and
              // then the store fails: the other email is held, and giving back its mailbox slot
              // fails too
              EnrollmentId other = email.step().enrollmentId().equals(ada) ? grace : ada;
              f.nudge.record(
                  Fixture.ref(other, 1),
                  new InboundEvent.Reply("No, thanks.", MatchMethod.IN_THREAD));
              store.failing = true;
            }
            return SendResult.accepted();
          });

      f.run();
      store.failing = false;

      assertThat(f.transport.sent()).hasSize(1);
      EnrollmentId sent = f.transport.sent().get(0).step().enrollmentId();
      EnrollmentId replied = sent.equals(ada) ? grace : ada;
      assertThat(f.step(sent, 1).status())
          .as("the answer of the email that left is recorded")
          .isEqualTo(StepStatus.SENT);
      assertThat(f.enrollment(replied).reason()).isEqualTo(CompletionReason.REPLIED);
      assertThat(f.step(replied, 1).status()).isNotEqualTo(StepStatus.SENT);
      f.run();
      assertThat(f.transport.sent()).as("nothing is sent twice").hasSize(1);
    }
  }
}

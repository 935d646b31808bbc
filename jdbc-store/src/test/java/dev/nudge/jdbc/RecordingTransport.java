package dev.nudge.jdbc;

import dev.nudge.EnrollmentId;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A transport that accepts everything and remembers each email and when the call began. */
final class RecordingTransport implements MailTransport {
  /** One call of the transport. */
  record Sent(OutboundEmail email, long startedNanos) {
    EnrollmentId enrollmentId() {
      return email.step().enrollmentId();
    }
  }

  private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

  @Override
  public SendResult send(OutboundEmail email) {
    sent.add(new Sent(email, System.nanoTime()));
    return SendResult.accepted();
  }

  int count() {
    return sent.size();
  }

  List<Sent> sent() {
    return new ArrayList<>(sent);
  }

  /** How many times each Message-ID was handed over. */
  Map<String, Integer> byMessageId() {
    Map<String, Integer> counts = new HashMap<>();
    for (Sent s : sent) {
      counts.merge(s.email().messageId(), 1, Integer::sum);
    }
    return counts;
  }

  /** How many emails each sender mailbox sent. */
  Map<String, Integer> byMailbox() {
    Map<String, Integer> counts = new HashMap<>();
    for (Sent s : sent) {
      counts.merge(s.email().from().key(), 1, Integer::sum);
    }
    return counts;
  }
}

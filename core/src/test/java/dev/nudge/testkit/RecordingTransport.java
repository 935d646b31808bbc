package dev.nudge.testkit;

import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link MailTransport} that keeps every email it is given and answers with scripted results
 * (accepted by default). Thread-safe.
 */
public final class RecordingTransport implements MailTransport {
  private final List<OutboundEmail> sent = new ArrayList<>();
  private final Deque<SendResult> scripted = new ArrayDeque<>();
  private Function<OutboundEmail, SendResult> otherwise = e -> SendResult.accepted();

  @Override
  public synchronized SendResult send(OutboundEmail email) {
    sent.add(email);
    SendResult next = scripted.poll();
    return next != null ? next : otherwise.apply(email);
  }

  /** The next sends get these results, in order; afterwards the default applies again. */
  public synchronized RecordingTransport thenAnswer(SendResult... results) {
    scripted.addAll(List.of(results));
    return this;
  }

  /** Answers every send not scripted with {@code f}. */
  public synchronized RecordingTransport answerWith(Function<OutboundEmail, SendResult> f) {
    this.otherwise = f;
    return this;
  }

  /** Every email handed over so far, oldest first. */
  public synchronized List<OutboundEmail> sent() {
    return List.copyOf(sent);
  }

  /** The emails handed over for one recipient address. */
  public synchronized List<OutboundEmail> sentTo(String address) {
    return sent.stream().filter(e -> e.to().value().equalsIgnoreCase(address)).toList();
  }

  /** The last email handed over. */
  public synchronized OutboundEmail last() {
    if (sent.isEmpty()) {
      throw new AssertionError("nothing was sent");
    }
    return sent.get(sent.size() - 1);
  }

  /** Forgets the emails recorded so far. */
  public synchronized void clear() {
    sent.clear();
  }
}

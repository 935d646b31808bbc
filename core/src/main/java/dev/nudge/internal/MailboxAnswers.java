package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.MailboxEvent;
import dev.nudge.MailboxHold;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SmtpStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What the mail server's answers mean for a sender mailbox: a refusal of the sender holds it
 * (disconnected or paused, with a retry time) and bounces nobody; a send that goes through, or a
 * check on request, ends a hold. Each change is logged and published as a {@link MailboxEvent}.
 */
final class MailboxAnswers {
  private static final Logger log = Logs.MAILBOX;

  private final Engine engine;
  private final MailTransport transport;

  MailboxAnswers(Engine engine, MailTransport transport) {
    this.engine = engine;
    this.transport = transport;
  }

  /**
   * What the transport's answer means for the sender mailbox: a refusal of the sender holds it and
   * gives the slot back (its steps do not count against the cap while it cannot send); a send that
   * went through ends a hold. Other mailboxes go on as before.
   *
   * @return when the mailbox is tried again, when the sender was refused; else null
   */
  @Nullable Instant answer(
      EmailAddress address, Mailboxes.Slot slot, SlotDecision.Granted granted, SendResult result) {
    SendResult.MailboxRejected.Kind refused = senderRefusal(result);
    Instant now = engine.now();
    if (refused != null) {
      engine.mailboxes.release(address, granted);
      Mailboxes.Held held = engine.mailboxes.hold(address, refused, reasonOf(result), now);
      MailboxHold hold = held.hold();
      if (held.started()) {
        MailboxEvent.Type type =
            hold.kind() == MailboxHold.Kind.DISCONNECTED
                ? MailboxEvent.Type.DISCONNECTED
                : MailboxEvent.Type.PAUSED;
        log.info(
            "sender mailbox {} {}: {}; its steps wait, tried again at {}",
            address,
            type == MailboxEvent.Type.DISCONNECTED ? "disconnected" : "paused",
            hold.reason(),
            hold.retryAt());
        engine.publish(new MailboxEvent(address, now, type, hold.reason()));
      } else {
        log.info(
            "sender mailbox {} still refused ({} times): {}; tried again at {}",
            address,
            hold.failures(),
            hold.reason(),
            hold.retryAt());
      }
      return hold.retryAt();
    }
    if (slot.held() && result instanceof SendResult.Accepted) {
      MailboxHold ended = engine.mailboxes.clear(address);
      if (ended != null) {
        log.info("sender mailbox {} works again", address);
        engine.publish(
            new MailboxEvent(address, now, MailboxEvent.Type.RECONNECTED, "a send went through"));
      }
    }
    return null;
  }

  /**
   * Holds a mailbox as disconnected because a server other than the transport refused its
   * credentials (an inbound poller's login): its steps wait, exactly as after a refused SMTP login.
   */
  MailboxHold disconnect(EmailAddress address, String reason) {
    Instant now = engine.now();
    Mailboxes.Held held =
        engine.mailboxes.hold(address, SendResult.MailboxRejected.Kind.AUTHENTICATION, reason, now);
    MailboxHold hold = held.hold();
    if (held.started()) {
      log.info(
          "sender mailbox {} disconnected: {}; its steps wait, tried again at {}",
          address,
          hold.reason(),
          hold.retryAt());
      engine.publish(new MailboxEvent(address, now, MailboxEvent.Type.DISCONNECTED, reason));
    }
    return hold;
  }

  /** Asks the transport whether a mailbox can send; ends its hold when it can. */
  boolean reconnect(EmailAddress address) {
    SendResult check;
    try {
      check = transport.checkMailbox(address);
    } catch (RuntimeException e) {
      log.warn("checking sender mailbox {} failed", address, e);
      return false;
    }
    Instant now = engine.now();
    if (check instanceof SendResult.Accepted) {
      MailboxHold ended = engine.mailboxes.clear(address);
      if (ended != null) {
        log.info("sender mailbox {} works again (checked on request)", address);
        engine.publish(
            new MailboxEvent(address, now, MailboxEvent.Type.RECONNECTED, "checked on request"));
      }
      return true;
    }
    SendResult.MailboxRejected.Kind refused = senderRefusal(check);
    if (refused != null) {
      MailboxHold hold = engine.mailboxes.hold(address, refused, reasonOf(check), now).hold();
      log.info(
          "sender mailbox {} still refused: {}; tried again at {}",
          address,
          hold.reason(),
          hold.retryAt());
    }
    return false;
  }

  /** What about the sender a result refused, or null when it did not refuse the sender. */
  static SendResult.MailboxRejected.@Nullable Kind senderRefusal(SendResult result) {
    if (result instanceof SendResult.MailboxRejected m) {
      return m.kind();
    }
    if (result instanceof SendResult.PermanentFailure p) {
      SmtpStatus.Verdict v = SmtpStatus.classify(0, p.statusCode(), p.reason());
      return switch (v.concern()) {
        case SENDER_AUTHENTICATION -> SendResult.MailboxRejected.Kind.AUTHENTICATION;
        case SENDER_POLICY -> SendResult.MailboxRejected.Kind.POLICY;
        case SENDER_RATE -> SendResult.MailboxRejected.Kind.RATE;
        case RECIPIENT, TRANSIENT -> null;
      };
    }
    return null;
  }

  private static String reasonOf(SendResult result) {
    String code = null;
    String reason = "";
    if (result instanceof SendResult.MailboxRejected m) {
      code = m.statusCode();
      reason = m.reason();
    } else if (result instanceof SendResult.PermanentFailure p) {
      code = p.statusCode();
      reason = p.reason();
    }
    return code == null || reason.startsWith(code) ? reason : code + " " + reason;
  }
}

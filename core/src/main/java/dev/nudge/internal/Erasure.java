package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.Engagement;
import dev.nudge.InboundEvent;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import java.util.ArrayList;
import java.util.List;

/** Removes personal data from a step while keeping what counts: statuses, times, opens. */
final class Erasure {
  private Erasure() {}

  static StepExecution scrub(StepExecution s, EmailAddress placeholder) {
    List<SendAttempt> attempts = new ArrayList<>();
    for (SendAttempt a : s.attempts()) {
      attempts.add(new SendAttempt(a.messageId(), placeholder, a.at(), a.outcome(), null));
    }
    Engagement g = s.engagement();
    InboundEvent.Reply reply =
        g.reply() == null ? null : new InboundEvent.Reply("", g.reply().matchedBy());
    InboundEvent.Bounce bounce =
        g.bounce() == null
            ? null
            : new InboundEvent.Bounce(
                placeholder, g.bounce().type(), g.bounce().statusCode(), g.bounce().reason(), null);
    InboundEvent.AutoReply auto =
        g.autoReply() == null ? null : new InboundEvent.AutoReply(null, "");
    Engagement scrubbed =
        new Engagement(
            g.opens(),
            g.firstOpenAt(),
            g.lastOpenAt(),
            g.machineOpens(),
            g.repliedAt(),
            reply,
            g.bouncedAt(),
            bounce,
            g.softBounces(),
            g.autoRepliedAt(),
            auto);
    return s.withAttempts(attempts).withEngagement(scrubbed);
  }
}

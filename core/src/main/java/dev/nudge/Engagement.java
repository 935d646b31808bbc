package dev.nudge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the candidate did with a step — what a user sees on hover: opens (human and machine), reply,
 * bounce and auto-reply.
 *
 * @param opens opens counted as human
 * @param firstOpenAt first human open, or null
 * @param lastOpenAt last human open, or null
 * @param machineOpens opens flagged as machine opens: within a few seconds of the send, or from a
 *     prefetching proxy
 * @param repliedAt when the reply was recorded, or null
 * @param reply the reply, or null
 * @param bouncedAt when the last bounce was recorded, or null
 * @param bounce the last bounce, or null
 * @param softBounces soft bounces and transient send failures so far
 * @param autoRepliedAt when the last auto-reply was recorded, or null
 * @param autoReply the last auto-reply, or null
 */
public record Engagement(
    int opens,
    @Nullable Instant firstOpenAt,
    @Nullable Instant lastOpenAt,
    int machineOpens,
    @Nullable Instant repliedAt,
    InboundEvent.@Nullable Reply reply,
    @Nullable Instant bouncedAt,
    InboundEvent.@Nullable Bounce bounce,
    int softBounces,
    @Nullable Instant autoRepliedAt,
    InboundEvent.@Nullable AutoReply autoReply) {

  /** Nothing happened yet. */
  public static final Engagement NONE =
      new Engagement(0, null, null, 0, null, null, null, null, 0, null, null);

  /** Whether at least one open was flagged as a machine open. */
  public boolean machineOpened() {
    return machineOpens > 0;
  }

  /** A copy with one more open, human or machine. */
  public Engagement withOpen(Instant at, boolean machine) {
    if (machine) {
      return new Engagement(
          opens,
          firstOpenAt,
          lastOpenAt,
          machineOpens + 1,
          repliedAt,
          reply,
          bouncedAt,
          bounce,
          softBounces,
          autoRepliedAt,
          autoReply);
    }
    return new Engagement(
        opens + 1,
        firstOpenAt == null ? at : firstOpenAt,
        at,
        machineOpens,
        repliedAt,
        reply,
        bouncedAt,
        bounce,
        softBounces,
        autoRepliedAt,
        autoReply);
  }

  /** A copy with the reply recorded. */
  public Engagement withReply(Instant at, InboundEvent.Reply r) {
    return new Engagement(
        opens,
        firstOpenAt,
        lastOpenAt,
        machineOpens,
        at,
        r,
        bouncedAt,
        bounce,
        softBounces,
        autoRepliedAt,
        autoReply);
  }

  /** A copy with a bounce recorded; a soft one also counts towards {@link #softBounces}. */
  public Engagement withBounce(Instant at, InboundEvent.Bounce b) {
    int soft = b.type() == dev.nudge.BounceType.SOFT ? softBounces + 1 : softBounces;
    return new Engagement(
        opens,
        firstOpenAt,
        lastOpenAt,
        machineOpens,
        repliedAt,
        reply,
        at,
        b,
        soft,
        autoRepliedAt,
        autoReply);
  }

  /** A copy counting one more transient send failure. */
  public Engagement withTransientFailure() {
    return new Engagement(
        opens,
        firstOpenAt,
        lastOpenAt,
        machineOpens,
        repliedAt,
        reply,
        bouncedAt,
        bounce,
        softBounces + 1,
        autoRepliedAt,
        autoReply);
  }

  /** A copy with the auto-reply recorded. */
  public Engagement withAutoReply(Instant at, InboundEvent.AutoReply a) {
    return new Engagement(
        opens,
        firstOpenAt,
        lastOpenAt,
        machineOpens,
        repliedAt,
        reply,
        bouncedAt,
        bounce,
        softBounces,
        at,
        a);
  }
}

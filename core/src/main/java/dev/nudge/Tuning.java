package dev.nudge;

import java.time.Duration;

/**
 * How the engine runs: claiming, retries, bounces, opens, the background runner. Start from {@link
 * #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param claimBatchSize due enrollments claimed per store round trip
 * @param lease how long a claim lasts unless renewed; a dead node's claims are taken over after it
 * @param maxSendAttempts transient send failures of one step to one address before it counts as a
 *     hard bounce
 * @param retryBackoff wait after the first transient failure; doubled after each further one
 * @param maxRetryBackoff longest wait between two tries
 * @param maxSoftBounces soft bounces of one step before they count as a hard bounce
 * @param softBounceMaxAge age of a step's first send after which a soft bounce counts as hard
 * @param machineOpenWindow an open this soon after the send is flagged as a machine open
 * @param deliveryUnknown what to do with a step whose node died while it was in flight
 * @param conflictRetries how often a change is recomputed after a concurrent write before giving up
 * @param pollInterval how often the background runner claims due work
 * @param workerThreads threads of the background runner that process claimed work
 * @param shutdownTimeout how long {@code close()} waits for in-flight sends to finish
 */
public record Tuning(
    int claimBatchSize,
    Duration lease,
    int maxSendAttempts,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    int maxSoftBounces,
    Duration softBounceMaxAge,
    Duration machineOpenWindow,
    DeliveryUnknownPolicy deliveryUnknown,
    int conflictRetries,
    Duration pollInterval,
    int workerThreads,
    Duration shutdownTimeout) {

  /** Validates every component, naming the field at fault. */
  public Tuning {
    atLeast("tuning.claimBatchSize", claimBatchSize, 1);
    positive("tuning.lease", lease);
    atLeast("tuning.maxSendAttempts", maxSendAttempts, 1);
    positive("tuning.retryBackoff", retryBackoff);
    positive("tuning.maxRetryBackoff", maxRetryBackoff);
    atLeast("tuning.maxSoftBounces", maxSoftBounces, 1);
    positive("tuning.softBounceMaxAge", softBounceMaxAge);
    if (machineOpenWindow == null || machineOpenWindow.isNegative()) {
      throw new InvalidInputException("tuning.machineOpenWindow", "must be zero or positive");
    }
    if (deliveryUnknown == null) {
      throw new InvalidInputException("tuning.deliveryUnknown", "is required");
    }
    atLeast("tuning.conflictRetries", conflictRetries, 1);
    positive("tuning.pollInterval", pollInterval);
    atLeast("tuning.workerThreads", workerThreads, 1);
    if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
      throw new InvalidInputException("tuning.shutdownTimeout", "must be zero or positive");
    }
  }

  /**
   * Batches of 100, 5-minute leases, 5 send attempts backing off from 5 minutes to 6 hours, 3 soft
   * bounces or 3 days, machine opens within 10 seconds, at-most-once, polling every second with 2
   * workers, 30 seconds to shut down.
   */
  public static Tuning defaults() {
    return new Tuning(
        100,
        Duration.ofMinutes(5),
        5,
        Duration.ofMinutes(5),
        Duration.ofHours(6),
        3,
        Duration.ofDays(3),
        Duration.ofSeconds(10),
        DeliveryUnknownPolicy.AT_MOST_ONCE,
        20,
        Duration.ofSeconds(1),
        2,
        Duration.ofSeconds(30));
  }

  /** A copy with another claim batch size. */
  public Tuning withClaimBatchSize(int n) {
    return new Tuning(
        n,
        lease,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        machineOpenWindow,
        deliveryUnknown,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with another lease. */
  public Tuning withLease(Duration d) {
    return new Tuning(
        claimBatchSize,
        d,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        machineOpenWindow,
        deliveryUnknown,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with other send retry settings. */
  public Tuning withSendRetries(int maxAttempts, Duration backoff, Duration maxBackoff) {
    return new Tuning(
        claimBatchSize,
        lease,
        maxAttempts,
        backoff,
        maxBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        machineOpenWindow,
        deliveryUnknown,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with other soft-bounce limits. */
  public Tuning withSoftBounceLimits(int maxSoft, Duration maxAge) {
    return new Tuning(
        claimBatchSize,
        lease,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoft,
        maxAge,
        machineOpenWindow,
        deliveryUnknown,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with another machine-open window. */
  public Tuning withMachineOpenWindow(Duration d) {
    return new Tuning(
        claimBatchSize,
        lease,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        d,
        deliveryUnknown,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with another policy for steps whose outcome is unknown after a crash. */
  public Tuning withDeliveryUnknown(DeliveryUnknownPolicy policy) {
    return new Tuning(
        claimBatchSize,
        lease,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        machineOpenWindow,
        policy,
        conflictRetries,
        pollInterval,
        workerThreads,
        shutdownTimeout);
  }

  /** A copy with other background runner settings. */
  public Tuning withRunner(Duration poll, int workers, Duration shutdown) {
    return new Tuning(
        claimBatchSize,
        lease,
        maxSendAttempts,
        retryBackoff,
        maxRetryBackoff,
        maxSoftBounces,
        softBounceMaxAge,
        machineOpenWindow,
        deliveryUnknown,
        conflictRetries,
        poll,
        workers,
        shutdown);
  }

  private static void atLeast(String field, int value, int min) {
    if (value < min) {
      throw new InvalidInputException(field, "must be at least " + min + ", was " + value);
    }
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new InvalidInputException(field, "must be positive");
    }
  }

  /** What happens to a step found in flight after its node died [S24]. */
  public enum DeliveryUnknownPolicy {
    /** Never send again; the step shows {@code DELIVERY_UNKNOWN} and the campaign goes on. */
    AT_MOST_ONCE,
    /** Send again (the email may arrive twice). */
    RESEND
  }
}

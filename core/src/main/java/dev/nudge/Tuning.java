package dev.nudge;

import java.time.Duration;

/**
 * How the engine runs: claiming, retries, bounces, opens, the background runner. Start from {@link
 * #defaults()} and change what you need with the {@code with...} methods or {@link #toBuilder()}.
 *
 * @param claimBatchSize due enrollments claimed per store round trip
 * @param lease how long a claim lasts unless renewed; a dead node's claims are taken over after it.
 *     Sends in progress are renewed every third of it, so it must exceed the transport's timeout
 * @param maxSendAttempts transient send failures of one step to one address before it counts as a
 *     hard bounce
 * @param retryBackoff wait after the first transient failure; doubled after each further one
 * @param maxRetryBackoff longest wait between two tries
 * @param maxSoftBounces soft bounces of one step before they count as a hard bounce
 * @param softBounceMaxAge age of a step's first send after which a soft bounce counts as hard
 * @param machineOpenWindow an open this soon after the send is flagged as a machine open
 * @param deliveryUnknown what to do with a step whose node died while it was in flight
 * @param resumeSpread steps overdue when a candidate or campaign resumes are spread over this much
 *     time (inside the sending window), so a resume is never a burst
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
    Duration resumeSpread,
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
    notNegative("tuning.machineOpenWindow", machineOpenWindow);
    if (deliveryUnknown == null) {
      throw new InvalidInputException("tuning.deliveryUnknown", "is required");
    }
    notNegative("tuning.resumeSpread", resumeSpread);
    if (resumeSpread.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidInputException("tuning.resumeSpread", "must be at most one day");
    }
    atLeast("tuning.conflictRetries", conflictRetries, 1);
    positive("tuning.pollInterval", pollInterval);
    atLeast("tuning.workerThreads", workerThreads, 1);
    notNegative("tuning.shutdownTimeout", shutdownTimeout);
  }

  /**
   * Batches of 100, 5-minute leases, 5 send attempts backing off from 5 minutes to 6 hours, 3 soft
   * bounces or 3 days, machine opens within 10 seconds, at-most-once, resumes spread over 30
   * minutes, polling every second with 2 workers, 30 seconds to shut down.
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
        Duration.ofMinutes(30),
        20,
        Duration.ofSeconds(1),
        2,
        Duration.ofSeconds(30));
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another claim batch size. */
  public Tuning withClaimBatchSize(int n) {
    return toBuilder().claimBatchSize(n).build();
  }

  /** A copy with another lease. */
  public Tuning withLease(Duration d) {
    return toBuilder().lease(d).build();
  }

  /** A copy with other send retry settings. */
  public Tuning withSendRetries(int maxAttempts, Duration backoff, Duration maxBackoff) {
    return toBuilder()
        .maxSendAttempts(maxAttempts)
        .retryBackoff(backoff)
        .maxRetryBackoff(maxBackoff)
        .build();
  }

  /** A copy with other soft-bounce limits. */
  public Tuning withSoftBounceLimits(int maxSoft, Duration maxAge) {
    return toBuilder().maxSoftBounces(maxSoft).softBounceMaxAge(maxAge).build();
  }

  /** A copy with another machine-open window. */
  public Tuning withMachineOpenWindow(Duration d) {
    return toBuilder().machineOpenWindow(d).build();
  }

  /** A copy with another policy for steps whose outcome is unknown after a crash. */
  public Tuning withDeliveryUnknown(DeliveryUnknownPolicy policy) {
    return toBuilder().deliveryUnknown(policy).build();
  }

  /** A copy with another spread of overdue steps on resume. */
  public Tuning withResumeSpread(Duration d) {
    return toBuilder().resumeSpread(d).build();
  }

  /** A copy with other background runner settings. */
  public Tuning withRunner(Duration poll, int workers, Duration shutdown) {
    return toBuilder().pollInterval(poll).workerThreads(workers).shutdownTimeout(shutdown).build();
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

  private static void notNegative(String field, Duration d) {
    if (d == null || d.isNegative()) {
      throw new InvalidInputException(field, "must be zero or positive");
    }
  }

  /** What happens to a step found in flight after its node died [S24]. */
  public enum DeliveryUnknownPolicy {
    /** Never send again; the step shows {@code DELIVERY_UNKNOWN} and the campaign goes on. */
    AT_MOST_ONCE,
    /** Send again (the email may arrive twice). */
    RESEND
  }

  /** Changes some values of a {@link Tuning}; {@link #build()} checks them all. */
  public static final class Builder {
    private int claimBatchSize;
    private Duration lease;
    private int maxSendAttempts;
    private Duration retryBackoff;
    private Duration maxRetryBackoff;
    private int maxSoftBounces;
    private Duration softBounceMaxAge;
    private Duration machineOpenWindow;
    private DeliveryUnknownPolicy deliveryUnknown;
    private Duration resumeSpread;
    private int conflictRetries;
    private Duration pollInterval;
    private int workerThreads;
    private Duration shutdownTimeout;

    private Builder(Tuning t) {
      claimBatchSize = t.claimBatchSize;
      lease = t.lease;
      maxSendAttempts = t.maxSendAttempts;
      retryBackoff = t.retryBackoff;
      maxRetryBackoff = t.maxRetryBackoff;
      maxSoftBounces = t.maxSoftBounces;
      softBounceMaxAge = t.softBounceMaxAge;
      machineOpenWindow = t.machineOpenWindow;
      deliveryUnknown = t.deliveryUnknown;
      resumeSpread = t.resumeSpread;
      conflictRetries = t.conflictRetries;
      pollInterval = t.pollInterval;
      workerThreads = t.workerThreads;
      shutdownTimeout = t.shutdownTimeout;
    }

    /** See {@link Tuning#claimBatchSize()}. */
    public Builder claimBatchSize(int v) {
      claimBatchSize = v;
      return this;
    }

    /** See {@link Tuning#lease()}. */
    public Builder lease(Duration v) {
      lease = v;
      return this;
    }

    /** See {@link Tuning#maxSendAttempts()}. */
    public Builder maxSendAttempts(int v) {
      maxSendAttempts = v;
      return this;
    }

    /** See {@link Tuning#retryBackoff()}. */
    public Builder retryBackoff(Duration v) {
      retryBackoff = v;
      return this;
    }

    /** See {@link Tuning#maxRetryBackoff()}. */
    public Builder maxRetryBackoff(Duration v) {
      maxRetryBackoff = v;
      return this;
    }

    /** See {@link Tuning#maxSoftBounces()}. */
    public Builder maxSoftBounces(int v) {
      maxSoftBounces = v;
      return this;
    }

    /** See {@link Tuning#softBounceMaxAge()}. */
    public Builder softBounceMaxAge(Duration v) {
      softBounceMaxAge = v;
      return this;
    }

    /** See {@link Tuning#machineOpenWindow()}. */
    public Builder machineOpenWindow(Duration v) {
      machineOpenWindow = v;
      return this;
    }

    /** See {@link Tuning#deliveryUnknown()}. */
    public Builder deliveryUnknown(DeliveryUnknownPolicy v) {
      deliveryUnknown = v;
      return this;
    }

    /** See {@link Tuning#resumeSpread()}. */
    public Builder resumeSpread(Duration v) {
      resumeSpread = v;
      return this;
    }

    /** See {@link Tuning#conflictRetries()}. */
    public Builder conflictRetries(int v) {
      conflictRetries = v;
      return this;
    }

    /** See {@link Tuning#pollInterval()}. */
    public Builder pollInterval(Duration v) {
      pollInterval = v;
      return this;
    }

    /** See {@link Tuning#workerThreads()}. */
    public Builder workerThreads(int v) {
      workerThreads = v;
      return this;
    }

    /** See {@link Tuning#shutdownTimeout()}. */
    public Builder shutdownTimeout(Duration v) {
      shutdownTimeout = v;
      return this;
    }

    /** The tuning, every value checked. */
    public Tuning build() {
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
          resumeSpread,
          conflictRetries,
          pollInterval,
          workerThreads,
          shutdownTimeout);
    }
  }
}

package dev.nudge;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the engine runs: claiming, retries, bounces, opens and the background runner. Start from
 * {@link #defaults()} or {@link #builder()} and change what you need; {@link Builder#build()}
 * checks every value and names the one at fault. Immutable.
 */
public final class Tuning {
  private static final Tuning DEFAULTS = new Builder().build();
  private final int claimBatchSize;
  private final Duration lease;
  private final int maxSendAttempts;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;
  private final int maxSoftBounces;
  private final Duration softBounceMaxAge;
  private final Duration machineOpenWindow;
  private final DeliveryUnknownPolicy deliveryUnknown;
  private final Duration resumeSpread;
  private final int conflictRetries;
  private final Duration pollInterval;
  private final int workerThreads;
  private final Duration shutdownTimeout;

  private Tuning(Builder b) {
    this.claimBatchSize = b.claimBatchSize;
    this.lease = b.lease;
    this.maxSendAttempts = b.maxSendAttempts;
    this.retryBackoff = b.retryBackoff;
    this.maxRetryBackoff = b.maxRetryBackoff;
    this.maxSoftBounces = b.maxSoftBounces;
    this.softBounceMaxAge = b.softBounceMaxAge;
    this.machineOpenWindow = b.machineOpenWindow;
    this.deliveryUnknown = b.deliveryUnknown;
    this.resumeSpread = b.resumeSpread;
    this.conflictRetries = b.conflictRetries;
    this.pollInterval = b.pollInterval;
    this.workerThreads = b.workerThreads;
    this.shutdownTimeout = b.shutdownTimeout;
  }

  /** Every value at its default. */
  public static Tuning defaults() {
    return DEFAULTS;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The claimBatchSize: due enrollments claimed per store round trip; 100 by default. */
  public int claimBatchSize() {
    return claimBatchSize;
  }

  /**
   * The lease: how long a claim lasts unless renewed; a dead engine's claims are taken over after
   * it. Sends in progress are renewed every third of it, so it must exceed the transport's timeout;
   * 5 minutes by default.
   */
  public Duration lease() {
    return lease;
  }

  /**
   * The maxSendAttempts: transient send failures of one step to one address before they count as a
   * hard bounce; 5 by default.
   */
  public int maxSendAttempts() {
    return maxSendAttempts;
  }

  /**
   * The retryBackoff: wait after the first transient failure, doubled after each further one; 5
   * minutes by default.
   */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** The maxRetryBackoff: longest wait between two tries; 6 hours by default. */
  public Duration maxRetryBackoff() {
    return maxRetryBackoff;
  }

  /**
   * The maxSoftBounces: soft bounces of one step before they count as a hard bounce; 3 by default.
   */
  public int maxSoftBounces() {
    return maxSoftBounces;
  }

  /**
   * The softBounceMaxAge: age of a step's first send after which a soft bounce counts as hard; 3
   * days by default.
   */
  public Duration softBounceMaxAge() {
    return softBounceMaxAge;
  }

  /**
   * The machineOpenWindow: an open this soon after the send is flagged as a machine open; 10
   * seconds by default.
   */
  public Duration machineOpenWindow() {
    return machineOpenWindow;
  }

  /**
   * The deliveryUnknown: what happens to a step whose engine stopped while its email was in flight;
   * {@link DeliveryUnknownPolicy#AT_MOST_ONCE} by default.
   */
  public DeliveryUnknownPolicy deliveryUnknown() {
    return deliveryUnknown;
  }

  /**
   * The resumeSpread: steps overdue when a candidate or campaign resumes are spread over this much
   * time (inside the sending window), so that a resume is never a burst; at most a day, 30 minutes
   * by default.
   */
  public Duration resumeSpread() {
    return resumeSpread;
  }

  /**
   * The conflictRetries: how often a change is decided again after a concurrent write before the
   * command gives up; 20 by default.
   */
  public int conflictRetries() {
    return conflictRetries;
  }

  /** The pollInterval: how often the background runner looks for due work; 1 second by default. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The workerThreads: threads of the background runner that work on due steps; 2 by default. */
  public int workerThreads() {
    return workerThreads;
  }

  /**
   * The shutdownTimeout: how long {@code close()} waits for sends in progress to finish; 30 seconds
   * by default.
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Tuning t
        && claimBatchSize == t.claimBatchSize
        && lease.equals(t.lease)
        && maxSendAttempts == t.maxSendAttempts
        && retryBackoff.equals(t.retryBackoff)
        && maxRetryBackoff.equals(t.maxRetryBackoff)
        && maxSoftBounces == t.maxSoftBounces
        && softBounceMaxAge.equals(t.softBounceMaxAge)
        && machineOpenWindow.equals(t.machineOpenWindow)
        && deliveryUnknown.equals(t.deliveryUnknown)
        && resumeSpread.equals(t.resumeSpread)
        && conflictRetries == t.conflictRetries
        && pollInterval.equals(t.pollInterval)
        && workerThreads == t.workerThreads
        && shutdownTimeout.equals(t.shutdownTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
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

  @Override
  public String toString() {
    return "Tuning["
        + "claimBatchSize="
        + claimBatchSize
        + ", lease="
        + lease
        + ", maxSendAttempts="
        + maxSendAttempts
        + ", retryBackoff="
        + retryBackoff
        + ", maxRetryBackoff="
        + maxRetryBackoff
        + ", maxSoftBounces="
        + maxSoftBounces
        + ", softBounceMaxAge="
        + softBounceMaxAge
        + ", machineOpenWindow="
        + machineOpenWindow
        + ", deliveryUnknown="
        + deliveryUnknown
        + ", resumeSpread="
        + resumeSpread
        + ", conflictRetries="
        + conflictRetries
        + ", pollInterval="
        + pollInterval
        + ", workerThreads="
        + workerThreads
        + ", shutdownTimeout="
        + shutdownTimeout
        + "]";
  }

  /** What happens to a step whose engine stopped while its email was in flight. */
  public enum DeliveryUnknownPolicy {
    /** Never send again; the step shows {@code DELIVERY_UNKNOWN} and the campaign goes on. */
    AT_MOST_ONCE,
    /** Send again with the same Message-ID (the email may arrive twice). */
    RESEND
  }

  /** Collects the values of a {@link Tuning}; {@link #build()} checks them all. */
  public static final class Builder {
    private int claimBatchSize = 100;
    private Duration lease = Duration.ofMinutes(5);
    private int maxSendAttempts = 5;
    private Duration retryBackoff = Duration.ofMinutes(5);
    private Duration maxRetryBackoff = Duration.ofHours(6);
    private int maxSoftBounces = 3;
    private Duration softBounceMaxAge = Duration.ofDays(3);
    private Duration machineOpenWindow = Duration.ofSeconds(10);
    private DeliveryUnknownPolicy deliveryUnknown = DeliveryUnknownPolicy.AT_MOST_ONCE;
    private Duration resumeSpread = Duration.ofMinutes(30);
    private int conflictRetries = 20;
    private Duration pollInterval = Duration.ofSeconds(1);
    private int workerThreads = 2;
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

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

    /** Sets the claimBatchSize: due enrollments claimed per store round trip; 100 by default. */
    public Builder claimBatchSize(int value) {
      claimBatchSize = value;
      return this;
    }

    /**
     * Sets the lease: how long a claim lasts unless renewed; a dead engine's claims are taken over
     * after it. Sends in progress are renewed every third of it, so it must exceed the transport's
     * timeout; 5 minutes by default.
     */
    public Builder lease(Duration value) {
      lease = value;
      return this;
    }

    /**
     * Sets the maxSendAttempts: transient send failures of one step to one address before they
     * count as a hard bounce; 5 by default.
     */
    public Builder maxSendAttempts(int value) {
      maxSendAttempts = value;
      return this;
    }

    /**
     * Sets the retryBackoff: wait after the first transient failure, doubled after each further
     * one; 5 minutes by default.
     */
    public Builder retryBackoff(Duration value) {
      retryBackoff = value;
      return this;
    }

    /** Sets the maxRetryBackoff: longest wait between two tries; 6 hours by default. */
    public Builder maxRetryBackoff(Duration value) {
      maxRetryBackoff = value;
      return this;
    }

    /**
     * Sets the maxSoftBounces: soft bounces of one step before they count as a hard bounce; 3 by
     * default.
     */
    public Builder maxSoftBounces(int value) {
      maxSoftBounces = value;
      return this;
    }

    /**
     * Sets the softBounceMaxAge: age of a step's first send after which a soft bounce counts as
     * hard; 3 days by default.
     */
    public Builder softBounceMaxAge(Duration value) {
      softBounceMaxAge = value;
      return this;
    }

    /**
     * Sets the machineOpenWindow: an open this soon after the send is flagged as a machine open; 10
     * seconds by default.
     */
    public Builder machineOpenWindow(Duration value) {
      machineOpenWindow = value;
      return this;
    }

    /**
     * Sets the deliveryUnknown: what happens to a step whose engine stopped while its email was in
     * flight; {@link DeliveryUnknownPolicy#AT_MOST_ONCE} by default.
     */
    public Builder deliveryUnknown(DeliveryUnknownPolicy value) {
      deliveryUnknown = value;
      return this;
    }

    /**
     * Sets the resumeSpread: steps overdue when a candidate or campaign resumes are spread over
     * this much time (inside the sending window), so that a resume is never a burst; at most a day,
     * 30 minutes by default.
     */
    public Builder resumeSpread(Duration value) {
      resumeSpread = value;
      return this;
    }

    /**
     * Sets the conflictRetries: how often a change is decided again after a concurrent write before
     * the command gives up; 20 by default.
     */
    public Builder conflictRetries(int value) {
      conflictRetries = value;
      return this;
    }

    /**
     * Sets the pollInterval: how often the background runner looks for due work; 1 second by
     * default.
     */
    public Builder pollInterval(Duration value) {
      pollInterval = value;
      return this;
    }

    /**
     * Sets the workerThreads: threads of the background runner that work on due steps; 2 by
     * default.
     */
    public Builder workerThreads(int value) {
      workerThreads = value;
      return this;
    }

    /**
     * Sets the shutdownTimeout: how long {@code close()} waits for sends in progress to finish; 30
     * seconds by default.
     */
    public Builder shutdownTimeout(Duration value) {
      shutdownTimeout = value;
      return this;
    }

    /**
     * The tuning, every value checked.
     *
     * @throws InvalidInputException naming the first value at fault
     */
    public Tuning build() {
      atLeast("tuning.claimBatchSize", claimBatchSize, 1);
      positive("tuning.lease", lease);
      atLeast("tuning.maxSendAttempts", maxSendAttempts, 1);
      positive("tuning.retryBackoff", retryBackoff);
      positive("tuning.maxRetryBackoff", maxRetryBackoff);
      atLeast("tuning.maxSoftBounces", maxSoftBounces, 1);
      positive("tuning.softBounceMaxAge", softBounceMaxAge);
      notNegative("tuning.machineOpenWindow", machineOpenWindow);
      required("tuning.deliveryUnknown", deliveryUnknown);
      notNegative("tuning.resumeSpread", resumeSpread);
      if (resumeSpread.compareTo(Duration.ofDays(1)) > 0) {
        throw new InvalidInputException("tuning.resumeSpread", "must be at most one day");
      }
      atLeast("tuning.conflictRetries", conflictRetries, 1);
      positive("tuning.pollInterval", pollInterval);
      atLeast("tuning.workerThreads", workerThreads, 1);
      notNegative("tuning.shutdownTimeout", shutdownTimeout);
      return new Tuning(this);
    }

    private static void required(String field, @Nullable Object value) {
      if (value == null) {
        throw new InvalidInputException(field, "is required");
      }
    }

    private static void atLeast(String field, int value, int min) {
      if (value < min) {
        throw new InvalidInputException(field, "must be at least " + min + ", was " + value);
      }
    }

    private static void positive(String field, @Nullable Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new InvalidInputException(field, "must be positive");
      }
    }

    private static void notNegative(String field, @Nullable Duration d) {
      if (d == null || d.isNegative()) {
        throw new InvalidInputException(field, "must be zero or positive");
      }
    }
  }
}

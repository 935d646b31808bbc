package dev.nudge;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An entry of the suppression list.
 *
 * @param scope one address or a whole domain
 * @param value the address or the domain, in lower case
 * @param at when it was added
 * @param reason why (unsubscribed, complaint, added by the host)
 */
public record Suppression(Scope scope, String value, Instant at, String reason) {
  /** Checks the components and lower-cases the value. */
  public Suppression {
    Objects.requireNonNull(scope, "scope");
    value = Objects.requireNonNull(value, "value").toLowerCase(Locale.ROOT);
    Texts.storable("suppression.value", value);
    Objects.requireNonNull(at, "at");
    // control characters become spaces (PostgreSQL keeps no NUL in text)
    reason = Texts.controlsAsSpaces(Objects.requireNonNull(reason, "reason"));
  }

  /** An entry for one address. */
  public static Suppression ofAddress(EmailAddress address, Instant at, String reason) {
    return new Suppression(Scope.ADDRESS, address.key(), at, reason);
  }

  /** An entry for the whole domain of an address. */
  public static Suppression ofDomain(EmailAddress address, Instant at, String reason) {
    return new Suppression(Scope.DOMAIN, address.domain(), at, reason);
  }

  /** Whether this entry suppresses the address. */
  public boolean matches(EmailAddress address) {
    return switch (scope) {
      case ADDRESS -> value.equals(address.key());
      case DOMAIN -> value.equals(address.domain());
    };
  }

  /** What an entry covers. */
  public enum Scope {
    /** One address. */
    ADDRESS,
    /** Every address of a domain. */
    DOMAIN
  }
}

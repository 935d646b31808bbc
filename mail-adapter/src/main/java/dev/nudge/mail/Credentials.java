package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a route logs in to its SMTP server: a user name with a password, or with an OAuth2 access
 * token (SASL {@code XOAUTH2}). Secrets are asked for when a connection is opened, so a changed
 * password or a refreshed token is used from the next connection on; they never appear in {@link
 * #toString()}, a log line or a result.
 */
public final class Credentials {
  private final String user;
  private final @Nullable Supplier<String> password;
  private final @Nullable AccessTokenSupplier tokens;

  private Credentials(
      String user, @Nullable Supplier<String> password, @Nullable AccessTokenSupplier tokens) {
    if (user == null || user.isBlank()) {
      throw new InvalidInputException("credentials.user", "must not be blank");
    }
    if (user.indexOf('\r') >= 0 || user.indexOf('\n') >= 0) {
      throw new InvalidInputException("credentials.user", "contains a line break (CR or LF)");
    }
    this.user = user;
    this.password = password;
    this.tokens = tokens;
  }

  /** A user name and a fixed password (AUTH PLAIN or LOGIN). */
  public static Credentials password(String user, String password) {
    if (password == null || password.isEmpty()) {
      throw new InvalidInputException("credentials.password", "must not be empty");
    }
    return new Credentials(user, () -> password, null);
  }

  /**
   * A user name and a password read each time a connection is opened, e.g. from the host's secret
   * store: a password changed there is used without rebuilding the transport.
   */
  public static Credentials password(String user, Supplier<String> password) {
    if (password == null) {
      throw new InvalidInputException("credentials.password", "must not be null");
    }
    return new Credentials(user, password, null);
  }

  /**
   * A user name and OAuth2 access tokens, sent with SASL {@code XOAUTH2}. The supplier is asked for
   * the current token each time a connection is opened, and for a fresh one exactly once when the
   * server refuses the current one.
   */
  public static Credentials oauth2(String user, AccessTokenSupplier tokens) {
    if (tokens == null) {
      throw new InvalidInputException("credentials.tokens", "must not be null");
    }
    return new Credentials(user, null, tokens);
  }

  /** The user name the route logs in with. */
  public String user() {
    return user;
  }

  /** Whether the route logs in with OAuth2 access tokens rather than a password. */
  public boolean isOAuth2() {
    return tokens != null;
  }

  /** The password or the current access token. */
  String secret() {
    String s = tokens != null ? tokens.accessToken(false) : Objects.requireNonNull(password).get();
    return checked(s);
  }

  /** A fresh access token, after the server refused the current one. */
  String refreshedToken() {
    return checked(Objects.requireNonNull(tokens).accessToken(true));
  }

  private String checked(@Nullable String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException(
          (tokens != null ? "the access token supplier" : "the password supplier")
              + " of "
              + user
              + " returned nothing");
    }
    return secret;
  }

  /** Names the user and the kind of secret, never the secret. */
  @Override
  public String toString() {
    return "Credentials[" + user + ", " + (tokens != null ? "OAuth2 token" : "password") + "]";
  }

  /** Hands out OAuth2 access tokens, typically from the host's token store. */
  @FunctionalInterface
  public interface AccessTokenSupplier {
    /**
     * Returns an access token.
     *
     * @param refresh false for the current token (a cached one is fine); true when the server
     *     refused the last token returned, so a new one must be obtained (e.g. with the refresh
     *     token)
     * @return the token, without the {@code Bearer} prefix
     */
    String accessToken(boolean refresh);
  }
}

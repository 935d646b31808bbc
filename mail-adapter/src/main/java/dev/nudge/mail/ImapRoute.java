package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where and how an {@link ImapInboxPoller} reads one sender mailbox's inbox: server, port, TLS,
 * credentials and timeouts — the IMAP counterpart of {@link SmtpRoute}, with the same {@link
 * Credentials} (password or OAuth2 {@code XOAUTH2}). Build one with {@link #builder(String, int)};
 * it is immutable.
 */
public final class ImapRoute {
  private final String host;
  private final int port;
  private final TlsMode tls;
  private final Credentials credentials;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final @Nullable SSLContext sslContext;

  private ImapRoute(Builder b, Credentials credentials) {
    this.host = b.host;
    this.port = b.port;
    this.tls = b.tls != null ? b.tls : (b.port == 993 ? TlsMode.IMPLICIT : TlsMode.STARTTLS);
    this.credentials = credentials;
    this.connectTimeout = b.connectTimeout != null ? b.connectTimeout : Duration.ofSeconds(15);
    this.readTimeout = b.readTimeout != null ? b.readTimeout : Duration.ofMinutes(2);
    this.sslContext = b.sslContext;
  }

  /**
   * Starts a route to a server.
   *
   * @param host the server's host name (also the name its certificate must carry)
   * @param port the server's port, e.g. 993 (implicit TLS) or 143 (STARTTLS)
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** The server's host name. */
  public String host() {
    return host;
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** How the connection is protected. */
  public TlsMode tls() {
    return tls;
  }

  /** How the route logs in. */
  public Credentials credentials() {
    return credentials;
  }

  /** Longest wait for the TCP connection (and an implicit TLS handshake) to open. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Longest wait for any answer of the server. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** The TLS context whose trust verifies the server, if the host configured one. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** Names the server, the TLS mode and the user; never a secret. */
  @Override
  public String toString() {
    return "ImapRoute[" + host + ":" + port + ", " + tls + ", user " + credentials.user() + "]";
  }

  /**
   * Collects a route's settings. Each setter may be called once; the credentials are required.
   * Defaults: implicit TLS on port 993 and STARTTLS (required) on any other port, 15 s to connect,
   * 2 min to read, the JDK's trusted authorities.
   */
  public static final class Builder {
    private final String host;
    private final int port;
    private @Nullable TlsMode tls;
    private @Nullable Credentials credentials;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable SSLContext sslContext;

    private Builder(String host, int port) {
      this.host = Hosts.check("imapRoute.host", host);
      if (port < 1 || port > 65_535) {
        throw new InvalidInputException("imapRoute.port", "must be between 1 and 65535");
      }
      this.port = port;
    }

    /** How the connection is protected; {@link TlsMode#NONE} must be chosen explicitly. */
    public Builder tls(TlsMode tls) {
      this.tls = SmtpRoute.Builder.once("imapRoute.tls", this.tls, tls);
      return this;
    }

    /** Logs in with these credentials (after TLS is up); usually those of the SMTP route. */
    public Builder credentials(Credentials credentials) {
      this.credentials =
          SmtpRoute.Builder.once("imapRoute.credentials", this.credentials, credentials);
      return this;
    }

    /** Longest wait for the TCP connection (and an implicit TLS handshake) to open. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout =
          SmtpRoute.Builder.once(
              "imapRoute.connectTimeout",
              this.connectTimeout,
              positive("imapRoute.connectTimeout", timeout));
      return this;
    }

    /**
     * Longest wait for an answer of the server. An IMAP {@code IDLE} is renewed before half of it
     * has passed, so a quiet inbox does not time out.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout =
          SmtpRoute.Builder.once(
              "imapRoute.readTimeout",
              this.readTimeout,
              positive("imapRoute.readTimeout", timeout));
      return this;
    }

    /**
     * Verifies the server against this TLS context's trust (e.g. a private authority, or a test
     * server's self-signed certificate) instead of the JDK's trusted authorities. The host name is
     * verified either way.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = SmtpRoute.Builder.once("imapRoute.sslContext", this.sslContext, context);
      return this;
    }

    /**
     * Builds the route.
     *
     * @throws InvalidInputException when no credentials are set
     */
    public ImapRoute build() {
      Credentials c = credentials;
      if (c == null) {
        throw new InvalidInputException(
            "imapRoute.credentials", "is required but not set: call .credentials(...)");
      }
      return new ImapRoute(this, c);
    }

    private static Duration positive(String field, @Nullable Duration d) {
      if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new InvalidInputException(field, "must be positive and under 24 days");
      }
      return d;
    }
  }
}

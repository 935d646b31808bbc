package dev.nudge.mail;

import dev.nudge.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where and how one sender mailbox (or every mailbox, as the default route) hands its mail over:
 * server, port, TLS, credentials, timeouts and how many connections may be open at once. Build one
 * with {@link #builder(String, int)}; it is immutable.
 */
public final class SmtpRoute {
  /** Connections open at once per route when not set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  private final String host;
  private final int port;
  private final TlsMode tls;
  private final @Nullable Credentials credentials;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final int maxConnections;
  private final @Nullable SSLContext sslContext;

  private SmtpRoute(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.tls = b.tls != null ? b.tls : (b.port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS);
    this.credentials = b.credentials;
    this.connectTimeout = b.connectTimeout != null ? b.connectTimeout : Duration.ofSeconds(15);
    this.readTimeout = b.readTimeout != null ? b.readTimeout : Duration.ofMinutes(2);
    this.writeTimeout = b.writeTimeout != null ? b.writeTimeout : Duration.ofMinutes(1);
    this.maxConnections = b.maxConnections != null ? b.maxConnections : DEFAULT_MAX_CONNECTIONS;
    this.sslContext = b.sslContext;
  }

  /**
   * Starts a route to a server.
   *
   * @param host the server's host name (also the name its certificate must carry)
   * @param port the server's port, e.g. 587 (STARTTLS) or 465 (implicit TLS)
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

  /** How the route logs in, if it does. */
  public Optional<Credentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  /** Longest wait for the TCP connection to open. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Longest wait for any answer of the server, the one to the message data included. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** Longest a single write to the server may block. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** Most connections open to this route at once. */
  public int maxConnections() {
    return maxConnections;
  }

  /** The TLS context whose trust verifies the server, if the host configured one. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** Names the server, the TLS mode and the user; never a secret. */
  @Override
  public String toString() {
    return "SmtpRoute["
        + host
        + ":"
        + port
        + ", "
        + tls
        + (credentials == null ? "" : ", user " + credentials.user())
        + ", max "
        + maxConnections
        + " connections]";
  }

  /**
   * Collects a route's settings. Each setter may be called once. Defaults: implicit TLS on port 465
   * and STARTTLS (required) on any other port, no login, 15 s to connect, 2 min to read, 1 min to
   * write, {@value #DEFAULT_MAX_CONNECTIONS} connections, the JDK's trusted authorities.
   */
  public static final class Builder {
    private final String host;
    private final int port;
    private @Nullable TlsMode tls;
    private @Nullable Credentials credentials;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Duration writeTimeout;
    private @Nullable Integer maxConnections;
    private @Nullable SSLContext sslContext;

    private Builder(String host, int port) {
      this.host = Hosts.check("route.host", host);
      if (port < 1 || port > 65_535) {
        throw new InvalidInputException("route.port", "must be between 1 and 65535");
      }
      this.port = port;
    }

    /** How the connection is protected; {@link TlsMode#NONE} must be chosen explicitly. */
    public Builder tls(TlsMode tls) {
      this.tls = once("route.tls", this.tls, tls);
      return this;
    }

    /** Logs in with these credentials after TLS is up. */
    public Builder credentials(Credentials credentials) {
      this.credentials = once("route.credentials", this.credentials, credentials);
      return this;
    }

    /** Longest wait for the TCP connection (and an implicit TLS handshake) to open. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout =
          once(
              "route.connectTimeout",
              this.connectTimeout,
              positive("route.connectTimeout", timeout));
      return this;
    }

    /**
     * Longest wait for an answer of the server. When the answer to the message data does not come
     * in time, the delivery is unknown (not sent again by default), so keep it generous.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout =
          once("route.readTimeout", this.readTimeout, positive("route.readTimeout", timeout));
      return this;
    }

    /** Longest a single write to the server may block before the connection is dropped. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout =
          once("route.writeTimeout", this.writeTimeout, positive("route.writeTimeout", timeout));
      return this;
    }

    /** Most connections open to this route at once; further sends wait for one to be free. */
    public Builder maxConnections(int max) {
      if (max < 1 || max > 100) {
        throw new InvalidInputException("route.maxConnections", "must be between 1 and 100");
      }
      this.maxConnections = once("route.maxConnections", this.maxConnections, max);
      return this;
    }

    /**
     * Verifies the server against this TLS context's trust (e.g. a private authority, or a test
     * server's self-signed certificate) instead of the JDK's trusted authorities. The host name is
     * verified either way.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = once("route.sslContext", this.sslContext, context);
      return this;
    }

    /** Builds the route. */
    public SmtpRoute build() {
      return new SmtpRoute(this);
    }

    private static Duration positive(String field, @Nullable Duration d) {
      if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new InvalidInputException(field, "must be positive and under 24 days");
      }
      return d;
    }

    static <T> T once(String field, @Nullable T current, @Nullable T value) {
      if (value == null) {
        throw new InvalidInputException(field, "must not be null");
      }
      if (current != null) {
        throw new InvalidInputException(field, "is already set; each setter may be called once");
      }
      return value;
    }
  }
}

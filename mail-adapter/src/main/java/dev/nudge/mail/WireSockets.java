package dev.nudge.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands Jakarta Mail the sockets of one connection: {@code mail.smtp.socketFactory} creates the
 * {@link WireSocket} (which does implicit TLS itself), and {@link #startTls()} is the {@code
 * mail.smtp.ssl.socketFactory} that STARTTLS calls to upgrade it in place. Remembers the socket so
 * that the connection can abort it.
 */
final class WireSockets extends SocketFactory {
  private final Wire wire;
  private final String host;
  private final @Nullable SSLContext tls;
  private final boolean implicitTls;
  private final ScheduledExecutorService timer;
  private final long writeTimeoutMillis;
  private @Nullable WireSocket socket;

  WireSockets(
      Wire wire,
      String host,
      @Nullable SSLContext tls,
      boolean implicitTls,
      ScheduledExecutorService timer,
      long writeTimeoutMillis) {
    this.wire = wire;
    this.host = host;
    this.tls = tls;
    this.implicitTls = implicitTls;
    this.timer = timer;
    this.writeTimeoutMillis = writeTimeoutMillis;
  }

  /** The socket created last, or null. */
  synchronized @Nullable WireSocket socket() {
    return socket;
  }

  @Override
  public synchronized Socket createSocket() {
    WireSocket s = new WireSocket(wire, host, tls, implicitTls, timer, writeTimeoutMillis);
    socket = s;
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  /** The factory STARTTLS uses: it upgrades this connection's socket in place. */
  SSLSocketFactory startTls() {
    return new StartTls();
  }

  private final class StartTls extends SSLSocketFactory {
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      if (!(s instanceof WireSocket ws) || ws != socket()) {
        throw new SocketException("STARTTLS on a socket this connection did not open");
      }
      ws.startTls();
      return ws;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls == null ? new String[0] : tls.getSocketFactory().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls == null ? new String[0] : tls.getSocketFactory().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      throw new SocketException("only upgrades an open connection");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      throw new SocketException("only upgrades an open connection");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      throw new SocketException("only upgrades an open connection");
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      throw new SocketException("only upgrades an open connection");
    }
  }
}

package dev.nudge.mail;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * The socket of one SMTP connection. It delegates to a plain socket, or to a TLS socket layered on
 * it (from the first byte, or after STARTTLS), and passes every byte of the plain-text conversation
 * through the connection's {@link Wire}. TLS always verifies the server's certificate against the
 * route's trust and its host name (endpoint identification {@code HTTPS}). A write that blocks
 * longer than the write timeout closes the socket.
 */
final class WireSocket extends Socket {
  private final Wire wire;
  private final String host;
  private final @Nullable SSLContext tls;
  private final boolean implicitTls;
  private final ScheduledExecutorService timer;
  private final long writeTimeoutMillis;
  private final Socket raw = new Socket();
  private volatile Socket active = raw;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;

  /**
   * @param tls the TLS context, or null for a route without TLS
   * @param implicitTls whether TLS starts with the first byte (else only on {@link #startTls})
   */
  WireSocket(
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

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    // SMTP is a conversation of small writes: without this, the end of the data waits for the
    // server's delayed acknowledgement of the message before it (Nagle's algorithm)
    raw.setTcpNoDelay(true);
    raw.connect(endpoint, timeout);
    if (implicitTls) {
      startTls();
    }
  }

  /** Layers TLS on the connection and completes the handshake, verifying the server. */
  void startTls() throws IOException {
    if (tls == null) {
      throw new SocketException("this route has no TLS");
    }
    if (active instanceof SSLSocket) {
      throw new SocketException("TLS is already on");
    }
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, raw.getPort(), true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.setUseClientMode(true);
    try {
      s.startHandshake();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    synchronized (this) {
      active = s;
      in = null;
      out = null;
    }
  }

  /** Closes the socket at once, from any thread; what blocks on it fails. */
  void abort() {
    try {
      close();
    } catch (IOException ignored) {
      // closing is all that was wanted
    }
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    InputStream s = in;
    if (s == null) {
      s = new WireInput(active.getInputStream());
      in = s;
    }
    return s;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    OutputStream s = out;
    if (s == null) {
      s = new WireOutput(active.getOutputStream());
      out = s;
    }
    return s;
  }

  @Override
  public synchronized void close() throws IOException {
    active.close();
    raw.close();
  }

  @Override
  public synchronized void setSoTimeout(int timeout) throws SocketException {
    raw.setSoTimeout(timeout);
    if (active != raw) {
      active.setSoTimeout(timeout);
    }
  }

  @Override
  public synchronized int getSoTimeout() throws SocketException {
    return active.getSoTimeout();
  }

  @Override
  public void bind(SocketAddress bindpoint) throws IOException {
    raw.bind(bindpoint);
  }

  @Override
  public @Nullable InetAddress getInetAddress() {
    return raw.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return raw.getLocalAddress();
  }

  @Override
  public int getPort() {
    return raw.getPort();
  }

  @Override
  public int getLocalPort() {
    return raw.getLocalPort();
  }

  @Override
  public @Nullable SocketAddress getRemoteSocketAddress() {
    return raw.getRemoteSocketAddress();
  }

  @Override
  public @Nullable SocketAddress getLocalSocketAddress() {
    return raw.getLocalSocketAddress();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    raw.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return raw.getTcpNoDelay();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    raw.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return raw.getKeepAlive();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    raw.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return raw.getSoLinger();
  }

  @Override
  public void shutdownInput() throws IOException {
    active.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    active.shutdownOutput();
  }

  @Override
  public boolean isConnected() {
    return raw.isConnected();
  }

  @Override
  public boolean isBound() {
    return raw.isBound();
  }

  @Override
  public boolean isClosed() {
    return active.isClosed() || raw.isClosed();
  }

  @Override
  public boolean isInputShutdown() {
    return active.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return active.isOutputShutdown();
  }

  @Override
  public String toString() {
    return "WireSocket[" + host + ", " + active + "]";
  }

  /** Passes what the server sends through the wire. */
  private final class WireInput extends FilterInputStream {
    WireInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        wire.read(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        wire.read(b, off, n);
      }
      return n;
    }
  }

  /** Passes what is sent through the wire; a write blocked too long closes the socket. */
  private final class WireOutput extends FilterOutputStream {
    WireOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      wire.writing(b);
      ScheduledFuture<?> watch = watch();
      try {
        out.write(b);
      } finally {
        unwatch(watch);
      }
      wire.written();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      wire.writing(b, off, len);
      ScheduledFuture<?> watch = watch();
      try {
        out.write(b, off, len);
      } finally {
        unwatch(watch);
      }
      wire.written();
    }

    @Override
    public void flush() throws IOException {
      ScheduledFuture<?> watch = watch();
      try {
        out.flush();
      } finally {
        unwatch(watch);
      }
    }

    private @Nullable ScheduledFuture<?> watch() {
      try {
        return timer.schedule(WireSocket.this::abort, writeTimeoutMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        return null; // the transport is closing; the write is not watched
      }
    }

    private void unwatch(@Nullable ScheduledFuture<?> watch) {
      if (watch != null) {
        watch.cancel(false);
      }
    }
  }
}

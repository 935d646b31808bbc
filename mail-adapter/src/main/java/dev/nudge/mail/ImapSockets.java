package dev.nudge.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hands Jakarta Mail the sockets of one IMAP session: plain ones ({@code mail.imap.socketFactory})
 * and TLS ones ({@code mail.imap.ssl.socketFactory}, for implicit TLS and STARTTLS alike) that
 * verify the server's host name as well as its certificate. Remembers every socket, so that the
 * session can be cut off at once — to end an IDLE when the poller closes.
 */
final class ImapSockets {
  private final SSLSocketFactory tls;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  ImapSockets(SSLSocketFactory tls) {
    this.tls = tls;
  }

  /** The factory of plain sockets. */
  SocketFactory plain() {
    return new Plain();
  }

  /** The factory of TLS sockets, new or layered over a plain one. */
  SSLSocketFactory secure() {
    return new Secure();
  }

  /** Closes every socket of the session now, without a word to the server. */
  void abort() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closed is closed
      }
    }
    sockets.clear();
  }

  private <S extends Socket> S track(S socket) {
    sockets.removeIf(Socket::isClosed);
    sockets.add(socket);
    return socket;
  }

  private static Socket verified(Socket socket) {
    if (socket instanceof SSLSocket s) {
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
    }
    return socket;
  }

  private final class Plain extends SocketFactory {
    @Override
    public Socket createSocket() {
      return track(new Socket());
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
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      Socket s = createSocket();
      s.bind(new InetSocketAddress(localAddress, localPort));
      s.connect(new InetSocketAddress(address, port));
      return s;
    }
  }

  private final class Secure extends SSLSocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      return track(verified(tls.createSocket()));
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return track(verified(tls.createSocket(s, host, port, autoClose)));
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
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      Socket s = createSocket();
      s.bind(new InetSocketAddress(localAddress, localPort));
      s.connect(new InetSocketAddress(address, port));
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls.getSupportedCipherSuites();
    }
  }
}

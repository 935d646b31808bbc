package dev.nudge.mail;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from the self-signed test certificates in {@code src/test/resources/tls}: the
 * servers' keys, and the trust a host would configure for them.
 */
final class TestTls {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private TestTls() {}

  /** A server context presenting the certificate for {@code localhost} and {@code 127.0.0.1}. */
  static SSLContext localhostServer() {
    return server("tls/localhost.p12");
  }

  /** A server context presenting a certificate for {@code mail.other.example} only. */
  static SSLContext otherHostServer() {
    return server("tls/other-host.p12");
  }

  /** A client context that trusts both test certificates. */
  static SSLContext trustingClient() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load("tls/trust.p12"));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext server(String keystore) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keystore), PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(String resource) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestTls.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      ks.load(in, PASSWORD);
    }
    return ks;
  }
}

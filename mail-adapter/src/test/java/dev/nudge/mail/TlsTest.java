package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * TLS verifies the server's certificate and host name: against the host's own trust when it
 * configures one (here, a self-signed test certificate), else against the JDK's authorities — so a
 * self-signed server is refused by default. A refused certificate holds the mailbox for a person to
 * fix; nothing is sent in clear instead.
 */
class TlsTest {

  private static SmtpRoute.Builder route(int port, TlsMode tls) {
    return SmtpRoute.builder("localhost", port)
        .tls(tls)
        .connectTimeout(Duration.ofSeconds(3))
        .readTimeout(Duration.ofSeconds(3));
  }

  @Test
  void implicitTls_withTheHostsTrust_sends() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().implicitTls(TestTls.localhostServer()).start();
        SmtpMailTransport transport =
            Emails.transport(
                route(server.port(), TlsMode.IMPLICIT)
                    .sslContext(TestTls.trustingClient())
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r).isInstanceOf(SendResult.Accepted.class);
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void startTls_withTheHostsTrust_sends() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().startTls(TestTls.localhostServer()).start();
        SmtpMailTransport transport =
            Emails.transport(
                route(server.port(), TlsMode.STARTTLS)
                    .sslContext(TestTls.trustingClient())
                    .build())) {
      SendResult first = transport.send(Emails.to("ada@example.com"));
      SendResult second = transport.send(Emails.to("alan@example.com"));

      assertThat(first).isInstanceOf(SendResult.Accepted.class);
      assertThat(second).isInstanceOf(SendResult.Accepted.class);
      assertThat(server.received()).hasSize(2);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void implicitTls_selfSignedServer_isRefusedByDefault() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().implicitTls(TestTls.localhostServer()).start();
        SmtpMailTransport transport =
            Emails.transport(route(server.port(), TlsMode.IMPLICIT).build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> {
                assertThat(m.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(m.reason())
                    .contains("certificate")
                    .contains("localhost:" + server.port());
              });
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void startTls_selfSignedServer_isRefusedByDefault() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().startTls(TestTls.localhostServer()).start();
        SmtpMailTransport transport =
            Emails.transport(route(server.port(), TlsMode.STARTTLS).build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> assertThat(m.reason()).contains("certificate"));
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void trustedCertificateForAnotherHostName_isRefused() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().implicitTls(TestTls.otherHostServer()).start();
        SmtpMailTransport transport =
            Emails.transport(
                route(server.port(), TlsMode.IMPLICIT)
                    .sslContext(TestTls.trustingClient())
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> assertThat(m.reason()).contains("certificate"));
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void startTlsRequired_butNotOffered_sendsNothingInClear() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        SmtpMailTransport transport =
            Emails.transport(
                route(server.port(), TlsMode.STARTTLS)
                    .sslContext(TestTls.trustingClient())
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> assertThat(m.reason()).contains("does not offer STARTTLS"));
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void defaultTlsMode_isImplicitOnPort465_andRequiredStartTlsElsewhere() {
    assertThat(SmtpRoute.builder("smtp.example.com", 465).build().tls())
        .isEqualTo(TlsMode.IMPLICIT);
    assertThat(SmtpRoute.builder("smtp.example.com", 587).build().tls())
        .isEqualTo(TlsMode.STARTTLS);
    assertThat(SmtpRoute.builder("smtp.example.com", 25).build().tls()).isEqualTo(TlsMode.STARTTLS);
  }
}

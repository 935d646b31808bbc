package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One connection carries many messages; several threads share at most the route's number of
 * connections; a connection the server closed while idle is replaced without a failed send; idle
 * connections are closed.
 */
class ConnectionReuseTest {

  @Test
  void messagesInARow_travelOnOneConnection() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        SmtpMailTransport transport = Emails.transport(server.port())) {
      for (int i = 0; i < 5; i++) {
        assertThat(transport.send(Emails.to("c" + i + "@example.com")))
            .isInstanceOf(SendResult.Accepted.class);
      }

      assertThat(server.received()).hasSize(5);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void severalThreads_useAtMostTheRoutesConnections() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        SmtpMailTransport transport =
            Emails.transport(Emails.localRoute(server.port()).maxConnections(2).build())) {
      ExecutorService threads = Executors.newFixedThreadPool(6);
      List<Future<SendResult>> results = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String to = "c" + i + "@example.com";
        results.add(threads.submit(() -> transport.send(Emails.to(to))));
      }
      for (Future<SendResult> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(SendResult.Accepted.class);
      }
      threads.shutdown();

      assertThat(server.received()).hasSize(60);
      assertThat(server.mostOpenAtOnce()).isLessThanOrEqualTo(2);
      assertThat(server.connections()).isLessThanOrEqualTo(2);
      assertThat(transport.connectionsOpened(EmailAddress.of(Emails.SENDER)))
          .isLessThanOrEqualTo(2);
    }
  }

  @Test
  void connectionTheServerClosedWhileIdle_isReplaced_withoutAFailedSend() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().idleTimeout(Duration.ofMillis(300)).start();
        SmtpMailTransport transport = Emails.transport(server.port())) {
      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      Emails.sleep(Duration.ofMillis(700)); // closed by the server, too recently used to be checked
      assertThat(transport.send(Emails.to("alan@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      Emails.sleep(Duration.ofMillis(1500)); // closed by the server, checked before use
      assertThat(transport.send(Emails.to("grace@example.com")))
          .isInstanceOf(SendResult.Accepted.class);

      assertThat(server.received()).hasSize(3);
      assertThat(server.connections()).isEqualTo(3);
    }
  }

  @Test
  void connectionsIdlePastTheIdleTimeout_areClosed() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        SmtpMailTransport transport =
            SmtpMailTransport.builder()
                .defaultRoute(Emails.localRoute(server.port()).build())
                .idleTimeout(Duration.ofMillis(200))
                .build()) {
      transport.send(Emails.to("ada@example.com"));
      assertThat(server.openNow()).isEqualTo(1);

      Emails.sleep(Duration.ofMillis(1200));

      assertThat(server.openNow()).isZero();
    }
  }

  @Test
  void close_closesEveryConnection_andLaterSendsFailWithoutThrowing() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
      SmtpMailTransport transport = Emails.transport(server.port());
      transport.send(Emails.to("ada@example.com"));

      transport.close();
      Emails.sleep(Duration.ofMillis(300));

      assertThat(server.openNow()).isZero();
      assertThat(transport.send(Emails.to("alan@example.com")))
          .isInstanceOf(SendResult.TransientFailure.class);
    }
  }
}

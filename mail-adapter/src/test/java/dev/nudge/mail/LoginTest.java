package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logging in: a password or OAuth2 token refused disconnects the mailbox (an authentication
 * refusal), an expired token is refreshed exactly once, a changed password is used from the next
 * connection on, and no secret ever shows in a result or a {@code toString()}.
 */
class LoginTest {
  private static final EmailAddress ALICE = EmailAddress.of(Emails.SENDER);

  @Test
  void rightPassword_sends() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().password("alice", "s3cret-pw").start();
        SmtpMailTransport transport =
            Emails.transport(
                Emails.localRoute(server.port())
                    .credentials(Credentials.password("alice", "s3cret-pw"))
                    .build())) {
      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
    }
  }

  @Test
  void refusedPassword_isAnAuthenticationRefusal_withoutThePasswordInIt() {
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().password("alice", "new-password").start();
        SmtpMailTransport transport =
            Emails.transport(
                Emails.localRoute(server.port())
                    .credentials(Credentials.password("alice", "old-password"))
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> {
                assertThat(m.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(m.statusCode()).isEqualTo("535");
                assertThat(m.toString()).doesNotContain("old-password");
              });
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void changedPassword_isUsedFromTheNextConnection_andCheckMailboxSaysSo() {
    String[] stored = {"old-password"};
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().password("alice", "new-password").start();
        SmtpMailTransport transport =
            Emails.transport(
                Emails.localRoute(server.port())
                    .credentials(Credentials.password("alice", () -> stored[0]))
                    .build())) {
      assertThat(transport.checkMailbox(ALICE)).isInstanceOf(SendResult.MailboxRejected.class);

      stored[0] = "new-password";

      assertThat(transport.checkMailbox(ALICE)).isInstanceOf(SendResult.Accepted.class);
      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(server.connections()).as("the checked connection carries the send").isEqualTo(2);
    }
  }

  @Test
  void checkMailbox_whenTheServerIsDown_isTransient() {
    try (SmtpMailTransport transport = Emails.transport(ScriptedSmtpServer.freePort())) {
      assertThat(transport.checkMailbox(ALICE)).isInstanceOf(SendResult.TransientFailure.class);
    }
  }

  @Test
  void expiredAccessToken_isRefreshedExactlyOnce_andTheSendGoesThrough() {
    List<Boolean> asked = new ArrayList<>();
    boolean[] refreshed = {false};
    Credentials.AccessTokenSupplier tokens =
        refresh -> {
          synchronized (asked) {
            asked.add(refresh);
          }
          refreshed[0] |= refresh;
          return refreshed[0] ? "fresh-token" : "expired-token";
        };
    try (ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().xoauth2("fresh-token"::equals).start();
        SmtpMailTransport transport =
            Emails.transport(
                Emails.localRoute(server.port())
                    .credentials(Credentials.oauth2("alice@acme.example", tokens))
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));
      SendResult again = transport.send(Emails.to("alan@example.com"));

      assertThat(r).isInstanceOf(SendResult.Accepted.class);
      assertThat(again).isInstanceOf(SendResult.Accepted.class);
      assertThat(asked).containsExactly(false, true);
      assertThat(server.tokensTried()).containsExactly("expired-token", "fresh-token");
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void refreshedTokenRefusedToo_isAnAuthenticationRefusal_afterOneRefresh() {
    List<Boolean> asked = new ArrayList<>();
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().xoauth2(t -> false).start();
        SmtpMailTransport transport =
            Emails.transport(
                Emails.localRoute(server.port())
                    .credentials(
                        Credentials.oauth2(
                            "alice@acme.example",
                            refresh -> {
                              asked.add(refresh);
                              return refresh ? "revoked-2" : "revoked-1";
                            }))
                    .build())) {
      SendResult r = transport.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> {
                assertThat(m.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(m.toString()).doesNotContain("revoked");
              });
      assertThat(asked).containsExactly(false, true);
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void secrets_neverShowInToString() {
    Credentials password = Credentials.password("alice", "hunter2");
    Credentials oauth = Credentials.oauth2("alice", refresh -> "ya29.token");
    SmtpRoute route = SmtpRoute.builder("smtp.example.com", 587).credentials(password).build();

    assertThat(password.toString()).contains("alice").doesNotContain("hunter2");
    assertThat(oauth.toString()).contains("OAuth2").doesNotContain("ya29");
    assertThat(route.toString()).contains("smtp.example.com:587").doesNotContain("hunter2");
  }
}

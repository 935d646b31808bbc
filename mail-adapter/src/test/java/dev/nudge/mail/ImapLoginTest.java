package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.nudge.EmailAddress;
import dev.nudge.MailboxHold;
import dev.nudge.MailboxStatus;
import dev.nudge.memory.InMemoryStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logging in to the inbox [S2, S19]: a refused password holds the sender mailbox as disconnected —
 * as a refused SMTP login does — and a login that works again ends the hold; an expired OAuth2
 * token is refreshed once; TLS verifies the server against the host's trust, and a certificate that
 * is not trusted holds the mailbox too. Nothing escapes the poller, and no secret shows.
 */
class ImapLoginTest {
  static {
    // GreenMail's IMAPS presents the test certificate for localhost and 127.0.0.1
    System.setProperty("greenmail.tls.keystore.file", resource("tls/localhost.p12"));
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    System.setProperty("greenmail.tls.key.password", "changeit");
  }

  private static final EmailAddress ALICE = EmailAddress.of(ImapWorld.ALICE);

  private final ImapWorld world = new ImapWorld(new InMemoryStore(), true);

  @AfterEach
  void close() {
    world.close();
  }

  private static String resource(String name) {
    try {
      return Path.of(
              Objects.requireNonNull(ImapLoginTest.class.getClassLoader().getResource(name))
                  .toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<MailboxStatus> held() {
    return world.nudge.heldMailboxes();
  }

  @Test
  void refusedPassword_holdsTheMailboxAsDisconnected_untilTheLoginWorksAgain() {
    String[] password = {"old-password"};
    ImapInboxPoller poller =
        world.poller(
            ImapInbox.builder(
                    ALICE,
                    world.route(Credentials.password(ImapWorld.LOGIN, () -> password[0])).build())
                .build());
    world.deliver(Mails.replyOnANewThread("ada.lovelace@example.com"));

    // when: the server refuses the password
    ImapInboxPoller.Report refused = poller.pollOnce();

    // then: nothing escapes, the mailbox is held, and the reason holds no secret
    assertThat(refused.failed()).containsExactly(ALICE);
    assertThat(refused.handedOver()).isZero();
    assertThat(held())
        .singleElement()
        .satisfies(
            s -> {
              MailboxHold hold = Objects.requireNonNull(s.hold());
              assertThat(hold.kind()).isEqualTo(MailboxHold.Kind.DISCONNECTED);
              assertThat(hold.reason()).startsWith("IMAP login to 127.0.0.1:");
              assertThat(hold.reason()).doesNotContain("old-password");
            });
    assertThat(poller.pollOnce().failed()).containsExactly(ALICE);
    assertThat(held())
        .singleElement()
        .satisfies(s -> assertThat(Objects.requireNonNull(s.hold()).failures()).isEqualTo(1));

    // when: the password is renewed in the host's secret store
    password[0] = ImapWorld.PASSWORD;
    ImapInboxPoller.Report works = poller.pollOnce();

    // then: the inbox is read, and the mailbox (whose SMTP server takes it) sends again
    assertThat(works.failed()).isEmpty();
    assertThat(works.handedOver()).isEqualTo(1);
    assertThat(held()).isEmpty();
  }

  @Test
  void expiredAccessToken_isRefreshedOnce_andTheInboxIsRead() {
    List<Boolean> asked = new ArrayList<>();
    Credentials oauth =
        Credentials.oauth2(
            ImapWorld.LOGIN,
            refresh -> {
              asked.add(refresh);
              return refresh ? ImapWorld.PASSWORD : "expired-token";
            });
    ImapInboxPoller poller =
        world.poller(ImapInbox.builder(ALICE, world.route(oauth).build()).build());
    world.deliver(Mails.replyOnANewThread("ada.lovelace@example.com"));

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.failed()).isEmpty();
    assertThat(report.handedOver()).isEqualTo(1);
    assertThat(asked).containsExactly(false, true);
    assertThat(held()).isEmpty();
  }

  private ImapRoute.Builder imaps(Credentials credentials) {
    return ImapRoute.builder("127.0.0.1", world.greenMail.getImaps().getPort())
        .tls(TlsMode.IMPLICIT)
        .credentials(credentials)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10));
  }

  @Test
  void implicitTls_withTheHostsTrust_readsTheInbox() {
    ImapInboxPoller poller =
        world.poller(
            ImapInbox.builder(
                    ALICE,
                    imaps(Credentials.password(ImapWorld.LOGIN, ImapWorld.PASSWORD))
                        .sslContext(TestTls.trustingClient())
                        .build())
                .build());
    world.deliver(Mails.replyOnANewThread("ada.lovelace@example.com"));

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.failed()).isEmpty();
    assertThat(report.handedOver()).isEqualTo(1);
  }

  @Test
  void startTlsRequired_byAServerThatDoesNotOfferIt_holdsTheMailbox() {
    // GreenMail's plain IMAP offers no STARTTLS
    ImapInboxPoller poller =
        world.poller(
            ImapInbox.builder(
                    ALICE,
                    ImapRoute.builder("127.0.0.1", world.greenMail.getImap().getPort())
                        .tls(TlsMode.STARTTLS)
                        .credentials(Credentials.password(ImapWorld.LOGIN, ImapWorld.PASSWORD))
                        .connectTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(10))
                        .build())
                .build());
    world.deliver(Mails.replyOnANewThread("ada.lovelace@example.com"));

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.failed()).containsExactly(ALICE);
    assertThat(report.handedOver()).isZero();
    assertThat(held())
        .singleElement()
        .satisfies(
            s -> {
              MailboxHold hold = Objects.requireNonNull(s.hold());
              assertThat(hold.kind()).isEqualTo(MailboxHold.Kind.DISCONNECTED);
              assertThat(hold.reason())
                  .contains("does not offer STARTTLS")
                  .doesNotContain(ImapWorld.PASSWORD);
            });
  }

  @Test
  void implicitTls_withAnUntrustedCertificate_holdsTheMailbox_andSendsNoPassword() {
    ImapInboxPoller poller =
        world.poller(
            ImapInbox.builder(
                    ALICE, imaps(Credentials.password(ImapWorld.LOGIN, ImapWorld.PASSWORD)).build())
                .build());
    world.deliver(Mails.replyOnANewThread("ada.lovelace@example.com"));

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.failed()).containsExactly(ALICE);
    assertThat(report.handedOver()).isZero();
    assertThat(held())
        .singleElement()
        .satisfies(
            s ->
                assertThat(Objects.requireNonNull(s.hold()).reason())
                    .contains("TLS certificate of 127.0.0.1:"));
  }

  @Test
  void implicitTls_toAnAddressTheTrustedCertificateDoesNotName_isRefused() {
    // the same trusted certificate (for localhost and 127.0.0.1), served on another address
    ServerSetup elsewhere = new ServerSetup(0, "127.0.0.2", ServerSetup.PROTOCOL_IMAPS);
    elsewhere.setServerStartupTimeout(20_000);
    GreenMail other = new GreenMail(elsewhere);
    other.start();
    try {
      other.setUser(ImapWorld.ALICE, ImapWorld.LOGIN, ImapWorld.PASSWORD);
      ImapInboxPoller poller =
          world.poller(
              ImapInbox.builder(
                      ALICE,
                      ImapRoute.builder("127.0.0.2", other.getImaps().getPort())
                          .tls(TlsMode.IMPLICIT)
                          .credentials(Credentials.password(ImapWorld.LOGIN, ImapWorld.PASSWORD))
                          .sslContext(TestTls.trustingClient())
                          .connectTimeout(Duration.ofSeconds(5))
                          .readTimeout(Duration.ofSeconds(10))
                          .build())
                  .build());

      ImapInboxPoller.Report report = poller.pollOnce();

      assertThat(report.failed()).containsExactly(ALICE);
      assertThat(held())
          .singleElement()
          .satisfies(
              s ->
                  assertThat(Objects.requireNonNull(s.hold()).reason())
                      .contains("TLS certificate of 127.0.0.2:")
                      .contains("127.0.0.2"));
    } finally {
      other.stop();
    }
  }
}

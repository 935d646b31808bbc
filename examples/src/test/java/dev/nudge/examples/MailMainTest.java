package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.ImapInboxPoller;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mail example's settings: every missing one named at once, defaults for the rest. */
class MailMainTest {
  @Test
  void noSettings_namesEveryMissingVariable() {
    assertThatThrownBy(() -> MailMain.Settings.of(Map.of()))
        .hasMessageContaining("NUDGE_MAILBOX")
        .hasMessageContaining("NUDGE_PASSWORD")
        .hasMessageContaining("NUDGE_SMTP_HOST")
        .hasMessageContaining("NUDGE_IMAP_HOST")
        .hasMessageContaining("NUDGE_TO");
  }

  @Test
  void theRequiredSettings_getTheUsualPortsAndTheAddressAsLogin() {
    MailMain.Settings s =
        MailMain.Settings.of(
            Map.of(
                "NUDGE_MAILBOX", "alice@example.com",
                "NUDGE_PASSWORD", "secret",
                "NUDGE_SMTP_HOST", "smtp.example.com",
                "NUDGE_IMAP_HOST", "imap.example.com",
                "NUDGE_TO", "bob@example.org"));

    assertThat(s.user()).isEqualTo("alice@example.com");
    assertThat(s.smtpPort()).isEqualTo(587);
    assertThat(s.imapPort()).isEqualTo(993);
    assertThat(s.toString()).doesNotContain("secret");
  }

  @Test
  void aPortThatIsNoNumber_isNamed() {
    assertThatThrownBy(
            () ->
                MailMain.Settings.of(
                    Map.of(
                        "NUDGE_MAILBOX", "alice@example.com",
                        "NUDGE_PASSWORD", "secret",
                        "NUDGE_SMTP_HOST", "smtp.example.com",
                        "NUDGE_IMAP_HOST", "imap.example.com",
                        "NUDGE_TO", "bob@example.org",
                        "NUDGE_SMTP_PORT", "smtp")))
        .hasMessageContaining("NUDGE_SMTP_PORT");
  }

  @Test
  void againstALocalMailServer_sendsTheTestEmail_andReadsTheInbox() {
    GreenMail server =
        new GreenMail(
            ServerSetup.dynamicPort(
                new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));
    server.start();
    try {
      server.setUser("alice@acme.example", "alice", "s3cret");
      server.setUser("bob@example.org", "bob", "other");
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      ImapInboxPoller.Report read =
          MailMain.run(
              MailMain.Settings.of(
                  Map.of(
                      "NUDGE_MAILBOX", "alice@acme.example",
                      "NUDGE_USER", "alice",
                      "NUDGE_PASSWORD", "s3cret",
                      "NUDGE_SMTP_HOST", "127.0.0.1",
                      "NUDGE_SMTP_PORT", String.valueOf(server.getSmtp().getPort()),
                      "NUDGE_SMTP_TLS", "none",
                      "NUDGE_IMAP_HOST", "127.0.0.1",
                      "NUDGE_IMAP_PORT", String.valueOf(server.getImap().getPort()),
                      "NUDGE_IMAP_TLS", "none",
                      "NUDGE_TO", "alice@acme.example")),
              new PrintStream(out, true, StandardCharsets.UTF_8));

      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("sent: 1").doesNotContain("s3cret");
      // sent to the mailbox itself, the test email comes back into the inbox: read, and taken for
      // what it is, the engine's own mail, not an answer
      assertThat(read.handedOver()).isEqualTo(1);
      assertThat(read.noted()).isEqualTo(1);
      assertThat(printed).containsPattern("UNRELATED +NOTED +alice@acme.example");
      assertThat(server.getReceivedMessages()).hasSize(1);
    } finally {
      server.stop();
    }
  }
}

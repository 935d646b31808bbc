package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

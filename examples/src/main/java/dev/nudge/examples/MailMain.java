package dev.nudge.examples;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.InboundEntry;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import dev.nudge.mail.Credentials;
import dev.nudge.mail.ImapInbox;
import dev.nudge.mail.ImapInboxPoller;
import dev.nudge.mail.ImapRoute;
import dev.nudge.mail.MailReader;
import dev.nudge.mail.SmtpMailTransport;
import dev.nudge.mail.SmtpRoute;
import dev.nudge.mail.TlsMode;
import dev.nudge.memory.InMemoryStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * SMTP and IMAP against a real mail server: sends one email from your mailbox to a test address,
 * then reads your inbox once and prints what the engine made of each new mail (its text is never
 * printed). Nothing in the inbox is marked seen, moved or deleted.
 *
 * <p>Configured by environment variables; it lists what is missing: {@code NUDGE_MAILBOX} (your
 * address), {@code NUDGE_USER} (login, default the address), {@code NUDGE_PASSWORD}, {@code
 * NUDGE_SMTP_HOST}, {@code NUDGE_SMTP_PORT} (default 587, STARTTLS; 465 means implicit TLS), {@code
 * NUDGE_IMAP_HOST}, {@code NUDGE_IMAP_PORT} (default 993, implicit TLS; another port, STARTTLS),
 * {@code NUDGE_TO} (where the test email goes) and, to override the TLS mode the port implies,
 * {@code NUDGE_SMTP_TLS} and {@code NUDGE_IMAP_TLS} ({@code implicit}, {@code starttls}, or {@code
 * none} for a test server on this machine only). TLS checks the server's certificate and host name.
 */
public final class MailMain {
  private MailMain() {}

  /** Runs the example; exits with status 2 when settings are missing. */
  public static void main(String[] args) {
    Settings s;
    try {
      s = Settings.from(System.getenv()::get);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(s, System.out);
  }

  /** Sends the test email and reads the inbox once, printing to {@code out}. */
  static ImapInboxPoller.Report run(Settings s, PrintStream out) {
    Credentials login = Credentials.password(s.user(), s.password());
    SmtpMailTransport smtp =
        SmtpMailTransport.builder()
            .route(
                s.mailbox(),
                SmtpRoute.builder(s.smtpHost(), s.smtpPort())
                    .tls(s.smtpTls())
                    .credentials(login)
                    .build())
            .build();
    InMemoryStore store = new InMemoryStore();
    try (smtp;
        Nudge nudge =
            Nudge.builder()
                .store(store)
                .mailTransport(smtp)
                .inboundReader(MailReader.create())
                .build();
        ImapInboxPoller inbox =
            ImapInboxPoller.builder(nudge, store.checkpoints())
                .inbox(
                    ImapInbox.builder(
                            s.mailbox(),
                            ImapRoute.builder(s.imapHost(), s.imapPort())
                                .tls(s.imapTls())
                                .credentials(login)
                                .build())
                        // mail already in the inbox is history, not an answer to this test
                        .skipExistingMail()
                        .build())
                .build()) {
      // the inbox's position now: what arrives from here on is new
      out.println("inbox before sending: " + inbox.pollOnce());
      nudge.registerMailbox(
          SenderMailbox.of(s.mailbox(), "Nudge example").withMinimumGap(Duration.ZERO));
      Campaign c =
          nudge.createCampaign(
              CampaignDefinition.builder("Mail example", s.mailbox())
                  .schedule(SendingSchedule.always())
                  .email(Wait.none(), "A test from Nudge", "Hello {{firstName}}, this is a test.")
                  .build());
      nudge.enroll(c.id(), Candidate.builder("test", "Test Recipient", s.to()).build());
      nudge.startCampaign(c.id());
      out.println("sent: " + nudge.runDue().sent());

      ImapInboxPoller.Report read = inbox.pollOnce();
      out.println("read from the inbox: " + read);
      for (InboundEntry e : nudge.inbound(20)) {
        out.printf(
            "  %s %-15s %-9s %s%n",
            e.receivedAt(), e.kind(), e.outcome(), e.from() == null ? "" : e.from());
      }
      return read;
    }
  }

  /** The settings, read from the environment; every missing one named at once. */
  record Settings(
      String mailbox,
      String user,
      String password,
      String smtpHost,
      int smtpPort,
      String imapHost,
      int imapPort,
      String to,
      TlsMode smtpTls,
      TlsMode imapTls) {

    static Settings from(Function<String, @Nullable String> env) {
      List<String> missing = new ArrayList<>();
      String mailbox = need(env, "NUDGE_MAILBOX", missing);
      String password = need(env, "NUDGE_PASSWORD", missing);
      String smtpHost = need(env, "NUDGE_SMTP_HOST", missing);
      String imapHost = need(env, "NUDGE_IMAP_HOST", missing);
      String to = need(env, "NUDGE_TO", missing);
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            "MailMain needs these environment variables: "
                + String.join(", ", missing)
                + " (optional: NUDGE_USER, NUDGE_SMTP_PORT, NUDGE_IMAP_PORT, NUDGE_SMTP_TLS,"
                + " NUDGE_IMAP_TLS)");
      }
      String user = env.apply("NUDGE_USER");
      int smtpPort = port(env, "NUDGE_SMTP_PORT", 587);
      int imapPort = port(env, "NUDGE_IMAP_PORT", 993);
      return new Settings(
          mailbox,
          user == null || user.isBlank() ? mailbox : user,
          password,
          smtpHost,
          smtpPort,
          imapHost,
          imapPort,
          to,
          tls(env, "NUDGE_SMTP_TLS", smtpPort == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS),
          tls(env, "NUDGE_IMAP_TLS", imapPort == 993 ? TlsMode.IMPLICIT : TlsMode.STARTTLS));
    }

    private static TlsMode tls(
        Function<String, @Nullable String> env, String name, TlsMode otherwise) {
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        return otherwise;
      }
      return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "implicit" -> TlsMode.IMPLICIT;
        case "starttls" -> TlsMode.STARTTLS;
        case "none" -> TlsMode.NONE;
        default ->
            throw new IllegalArgumentException(
                name + " must be implicit, starttls or none, not '" + value + "'");
      };
    }

    private static String need(
        Function<String, @Nullable String> env, String name, List<String> missing) {
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
        return "";
      }
      return value;
    }

    private static int port(Function<String, @Nullable String> env, String name, int otherwise) {
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        return otherwise;
      }
      try {
        return Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
      }
    }

    @Override
    public String toString() {
      // no password
      return "Settings[" + mailbox + " via " + smtpHost + ":" + smtpPort + "]";
    }

    static Settings of(Map<String, String> env) {
      return from(env::get);
    }
  }
}

package dev.nudge.examples.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.EmailAction;
import dev.nudge.EnrollmentId;
import dev.nudge.HolidayCalendar;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.TaskKind;
import dev.nudge.TokenKeys;
import dev.nudge.Wait;
import dev.nudge.jdbc.JdbcStore;
import dev.nudge.mail.Credentials;
import dev.nudge.mail.ImapInbox;
import dev.nudge.mail.ImapInboxPoller;
import dev.nudge.mail.ImapRoute;
import dev.nudge.mail.MailReader;
import dev.nudge.mail.SmtpMailTransport;
import dev.nudge.mail.SmtpRoute;
import dev.nudge.mail.TlsMode;
import dev.nudge.tracking.JdkHttpTracking;
import dev.nudge.tracking.TrackingEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo runs on, on this machine: an H2 database in a file, GreenMail for SMTP and
 * IMAP on free ports, the JDK's HTTP server for the tracking endpoints, and a settable clock. The
 * engine is the one a host would build: {@link JdbcStore}, {@link SmtpMailTransport}, {@link
 * MailReader} and an {@link ImapInboxPoller} on the recruiter's inbox.
 */
final class Demo implements AutoCloseable {
  static final String RECRUITER = "alice@recruiting.example";
  static final String PASSWORD = "demo-password";
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Monday 2 March 2026, 07:00 in New York. */
  static final Instant START = Instant.parse("2026-03-02T12:00:00Z");

  static final int DAYS = 21;

  /** A company holiday in the campaign's weeks: nothing is sent on it. */
  static final LocalDate HOLIDAY = LocalDate.of(2026, 3, 13);

  static final int DAILY_CAP = 12;

  final SettableClock clock = new SettableClock(START);
  final GreenMail greenMail;
  final Inboxes inboxes;
  final HikariDataSource dataSource;
  final JdbcStore store;
  final HttpServer http;
  final String trackingBase;
  final SmtpMailTransport transport;
  final Nudge nudge;
  final ImapInboxPoller poller;
  final Campaign campaign;
  final Map<String, EnrollmentId> enrolled = new LinkedHashMap<>();
  final List<Cast.Person> people = Cast.people();

  /** What was started, to be stopped in reverse order, also when starting fails half-way. */
  private final java.util.Deque<AutoCloseable> started;

  private Demo(Path database, java.util.Deque<AutoCloseable> started) throws IOException {
    this.started = started;
    greenMail =
        new GreenMail(
            ServerSetup.dynamicPort(
                new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));
    greenMail.start();
    started.push(greenMail::stop);
    greenMail.setUser(RECRUITER, RECRUITER, PASSWORD);
    for (Cast.Person p : people) {
      for (var address : p.candidate().addresses()) {
        greenMail.setUser(address.value(), address.value(), PASSWORD);
      }
    }
    inboxes = new Inboxes(greenMail);

    HikariConfig db = new HikariConfig();
    db.setJdbcUrl(
        "jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    db.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(db);
    started.push(dataSource);
    store = JdbcStore.builder(dataSource).migrateSchema(true).build();

    http =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    started.push(() -> http.stop(0));
    trackingBase = "http://127.0.0.1:" + http.getAddress().getPort() + "/nudge/";

    transport =
        SmtpMailTransport.builder()
            .route(
                RECRUITER,
                SmtpRoute.builder("127.0.0.1", greenMail.getSmtp().getPort())
                    .tls(TlsMode.NONE)
                    .build())
            .build();
    started.push(transport);
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .inboundReader(MailReader.create())
            .tracking(TrackingEndpoints.trackingAt(trackingBase))
            .tokenKeys(
                TokenKeys.signingWith(
                    "demo",
                    "demo-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8)))
            .seed(42)
            .nodeId("demo")
            .build();
    started.push(nudge);
    JdkHttpTracking.register(http, "/nudge/", TrackingEndpoints.of(nudge).named("Acme Recruiting"));
    http.start();

    poller =
        ImapInboxPoller.builder(nudge, store.checkpoints())
            .inbox(
                ImapInbox.builder(
                        RECRUITER,
                        ImapRoute.builder("127.0.0.1", greenMail.getImap().getPort())
                            .tls(TlsMode.NONE)
                            .credentials(Credentials.password(RECRUITER, PASSWORD))
                            .build())
                    .build())
            .build();
    started.push(poller);

    nudge.registerMailbox(
        SenderMailbox.of(RECRUITER, "Alice Martin")
            .withDailyCap(DAILY_CAP)
            .withMinimumGap(Duration.ofMinutes(3))
            .withZone(NEW_YORK));
    campaign = nudge.createCampaign(definition());
  }

  /** The enrollment of a candidate of the cast, by name. */
  EnrollmentId id(String name) {
    EnrollmentId id = enrolled.get(name);
    if (id == null) {
      throw new IllegalArgumentException("no candidate named " + name);
    }
    return id;
  }

  /** Starts everything; the database file is made fresh under {@code dir}. */
  static Demo start(Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    for (String suffix : List.of(".mv.db", ".trace.db")) {
      java.nio.file.Files.deleteIfExists(dir.resolve("nudge" + suffix));
    }
    java.util.Deque<AutoCloseable> started = new java.util.ArrayDeque<>();
    try {
      return new Demo(dir.resolve("nudge"), started);
    } catch (IOException | RuntimeException e) {
      stop(started);
      throw e;
    }
  }

  /**
   * Email; a follow-up in its thread two business days later; a call; a final email. Monday to
   * Friday, 09:00 to 17:00 in each candidate's zone, none on the company holiday.
   */
  private static CampaignDefinition definition() {
    String first =
        "Hi {{firstName}},\n\nI lead hiring for Acme's platform team. Your work caught my eye, and"
            + " I think you would like what we are building.\n\nWould you have 20 minutes this"
            + " week?\n\nAlice";
    String followUp =
        "Hi {{firstName}}, bringing this back up in case it got buried. Happy to share more"
            + " details first.\n\nAlice";
    String last =
        "Hi {{firstName}},\n\nI will not write again. If the timing is ever better, my door is"
            + " open.\n\nAlice";
    return CampaignDefinition.builder("Staff engineers, platform team", RECRUITER)
        .owner("alice")
        .zone(NEW_YORK)
        .schedule(SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)))
        .holidays(HolidayCalendar.of(HOLIDAY))
        .step(
            Wait.none(),
            EmailAction.newThread("{{firstName}}, the platform team at Acme", first)
                .withHtml(html(first)))
        .step(Wait.businessDays(2), EmailAction.replyInThread(followUp).withHtml(html(followUp)))
        .task(Wait.businessDays(2), TaskKind.CALL, "Call {{firstName}} about the platform role")
        .step(
            Wait.businessDays(3),
            EmailAction.newThread("Last note from me, {{firstName}}", last).withHtml(html(last)))
        .build();
  }

  /** The HTML body of a text: its paragraphs; the engine adds the open pixel. */
  private static String html(String text) {
    StringBuilder h = new StringBuilder("<html><body>");
    for (String paragraph : text.split("\n\n", -1)) {
      h.append("<p>").append(paragraph.replace("\n", "<br>")).append("</p>");
    }
    return h.append("</body></html>").toString();
  }

  @Override
  public void close() {
    stop(started);
  }

  private static void stop(java.util.Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("stopping the demo: " + e);
      }
    }
  }
}

package dev.nudge.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.Store;
import dev.nudge.testkit.Fixture;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A GreenMail server (SMTP, IMAP, IMAPS) with the recruiter's mailbox {@code alice@acme.example}
 * (login {@code alice}), and an engine on an in-memory store that sends through it and reads its
 * inbox with {@link MailReader}: the world of the IMAP poller's tests.
 */
final class ImapWorld implements AutoCloseable {
  static final String ALICE = "alice@acme.example";
  static final String LOGIN = "alice";
  static final String PASSWORD = "alice-pw";

  final GreenMail greenMail;
  final GreenMailUser alice;
  final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  final Store store;
  final SmtpMailTransport transport;
  final Nudge nudge;
  private final Session mime = Session.getInstance(new Properties());
  private final List<ImapInboxPoller> pollers = new ArrayList<>();

  ImapWorld() {
    this(new InMemoryStore(), false);
  }

  /**
   * A world on a store of the test's, with IMAPS too when asked: GreenMail then presents the
   * certificate its system properties name (see {@code ImapLoginTest}).
   */
  ImapWorld(Store store, boolean imaps) {
    ServerSetup[] setups =
        ServerSetup.dynamicPort(
            imaps
                ? new ServerSetup[] {
                  ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.IMAPS
                }
                : new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP});
    for (ServerSetup s : setups) {
      s.setServerStartupTimeout(20_000);
    }
    this.greenMail = new GreenMail(setups);
    greenMail.start();
    this.alice = greenMail.setUser(ALICE, LOGIN, PASSWORD);
    this.store = store;
    this.transport =
        SmtpMailTransport.builder()
            .route(
                ALICE,
                SmtpRoute.builder("127.0.0.1", greenMail.getSmtp().getPort())
                    .tls(TlsMode.NONE)
                    .readTimeout(Duration.ofSeconds(10))
                    .build())
            .heloName("nudge.test")
            .build();
    this.nudge =
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .tuning(Tuning.builder().resumeSpread(Duration.ZERO).build())
            .inboundReader(MailReader.create())
            .nodeId("imap-test")
            .seed(7)
            .build();
    nudge.registerMailbox(Fixture.mailbox());
  }

  /** A plain IMAP route to the server, logging in as Alice with these credentials. */
  ImapRoute.Builder route(Credentials credentials) {
    return ImapRoute.builder("127.0.0.1", greenMail.getImap().getPort())
        .tls(TlsMode.NONE)
        .credentials(credentials)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10));
  }

  /** Alice's inbox over plain IMAP with her password. */
  ImapInbox.Builder inbox() {
    return ImapInbox.builder(ALICE, route(Credentials.password(LOGIN, PASSWORD)).build());
  }

  /** A poller of Alice's inbox over the store's checkpoints; closed with the world. */
  ImapInboxPoller poller(ImapInbox inbox) {
    ImapInboxPoller p = ImapInboxPoller.builder(nudge, store.checkpoints()).inbox(inbox).build();
    pollers.add(p);
    return p;
  }

  /** A poller of Alice's inbox with the default settings. */
  ImapInboxPoller poller() {
    return poller(inbox().build());
  }

  /** The enrollments of a campaign whose step 1 was sent, by candidate name. */
  final class Sent {
    private final Map<String, EnrollmentId> ids;

    private Sent(Map<String, EnrollmentId> ids) {
      this.ids = ids;
    }

    /** The enrollment of a candidate. */
    EnrollmentId id(String name) {
      EnrollmentId id = ids.get(name);
      if (id == null) {
        throw new AssertionError("no candidate " + name);
      }
      return id;
    }

    /** The Message-ID step 1 was sent to a candidate under. */
    String messageId(String name) {
      return nudge.enrollment(id(name)).orElseThrow().step(1).attempts().get(0).messageId();
    }

    /** The address of a candidate. */
    String address(String name) {
      return Fixture.candidate(name).build().email().toString();
    }
  }

  /** Starts the default campaign and sends step 1 to each candidate. */
  Sent sentStepOne(String... names) {
    Campaign c = nudge.startCampaign(nudge.createCampaign(Fixture.definition().build()).id());
    Map<String, EnrollmentId> ids = new LinkedHashMap<>();
    for (String name : names) {
      Candidate candidate = Fixture.candidate(name).build();
      ids.put(name, nudge.enroll(c.id(), candidate).enrollmentId().orElseThrow());
    }
    nudge.runDue();
    for (EnrollmentId id : ids.values()) {
      if (nudge.enrollment(id).orElseThrow().step(1).status() != StepStatus.SENT) {
        throw new AssertionError("step 1 was not sent to " + id);
      }
    }
    return new Sent(ids);
  }

  /** Delivers a raw mail (lines joined with CRLF) into Alice's inbox, as her server would. */
  void deliver(String... lines) {
    deliver(RawMails.crlf(lines));
  }

  /** Delivers raw bytes into Alice's inbox. */
  void deliver(byte[] raw) {
    try {
      alice.deliver(new MimeMessage(mime, new ByteArrayInputStream(raw)));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Alice's inbox as the server keeps it. */
  MailFolder aliceInbox() {
    try {
      return greenMail.getManagers().getImapHostManager().getInbox(alice);
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The flags of every message in Alice's inbox. */
  List<String> flagsInInbox() {
    List<String> out = new ArrayList<>();
    for (StoredMessage m : aliceInbox().getMessages()) {
      out.add(m.getUid() + ":" + m.getFlags());
    }
    return out;
  }

  /** The checkpoint of Alice's inbox, if any. */
  String checkpoint() {
    return store.checkpoints().get("imap:" + ALICE + ":INBOX").orElse("");
  }

  @Override
  public void close() {
    pollers.forEach(ImapInboxPoller::close);
    nudge.close();
    transport.close();
    greenMail.stop();
  }
}

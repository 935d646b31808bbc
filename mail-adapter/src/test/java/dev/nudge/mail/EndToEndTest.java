package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SettableClock;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.TaskKind;
import dev.nudge.Tracking;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.CollectingTodoSink;
import dev.nudge.testkit.Fixture;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A three-step campaign — a new-thread email, a manual task, a reply in the thread — sent by the
 * real engine through {@link SmtpMailTransport} to GreenMail, and read back over IMAP as the
 * candidate's mail program would see it [S18].
 */
class EndToEndTest {
  private static final String CANDIDATE = "zoe.mueller@example.com";

  private final GreenMail greenMail =
      new GreenMail(
          ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP}));
  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final CollectingTodoSink todos = new CollectingTodoSink();
  private final SmtpMailTransport transport;
  private final Nudge nudge;

  EndToEndTest() {
    greenMail.start();
    transport =
        SmtpMailTransport.builder()
            .route(
                "alice@acme.example",
                SmtpRoute.builder("127.0.0.1", greenMail.getSmtp().getPort())
                    .tls(TlsMode.NONE)
                    .readTimeout(Duration.ofSeconds(10))
                    .build())
            .heloName("nudge.test")
            .build();
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(transport)
            .todoSink(todos)
            .tracking(
                new Tracking(
                    URI.create("https://t.acme.example/o/"),
                    URI.create("https://t.acme.example/u/"),
                    EmailAddress.of("bounces@acme.example"),
                    EmailAddress.of("unsubscribe@acme.example")))
            .nodeId("e2e")
            .seed(42)
            .build();
    nudge.registerMailbox(
        SenderMailbox.of("alice@acme.example", "Zoë Ångström").withZone(Fixture.NEW_YORK));
  }

  @AfterEach
  void stop() {
    nudge.close();
    transport.close();
    greenMail.stop();
  }

  @Test
  void threeStepCampaign_arrivesThreaded_withItsHeaders_asStoredAndSent() throws Exception {
    Campaign campaign =
        nudge.startCampaign(
            nudge
                .createCampaign(
                    CampaignDefinition.builder("Backend engineers", "alice@acme.example")
                        .zone(Fixture.NEW_YORK)
                        .step(
                            Wait.none(),
                            EmailAction.newThread(
                                    "Grüße, {{firstName}} — ein Gespräch?",
                                    "Hi {{firstName}}, are you open to a chat?")
                                .withHtml("<p>Hi {{firstName}}, are you open to a chat?</p>"))
                        .task(Wait.days(1), TaskKind.CALL, "Call {{firstName}}")
                        .step(
                            Wait.days(1),
                            EmailAction.replyInThread("Just bumping this up, {{firstName}}.")
                                .withHtml("<p>Just bumping this up, {{firstName}}.</p>"))
                        .build())
                .id());
    EnrollmentId id =
        nudge
            .enroll(campaign.id(), Candidate.builder("c-zoe", "Zoë Müller", CANDIDATE).build())
            .enrollmentId()
            .orElseThrow();

    // when: step 1 now, the task a day later, step 3 a day after the task is done
    nudge.runDue();
    clock.advance(Duration.ofDays(1));
    nudge.runDue();
    assertThat(todos.open()).hasSize(1);
    nudge.completeTask(new StepRef(id, 2));
    clock.advance(Duration.ofDays(1));
    nudge.runDue();

    // then
    assertThat(nudge.enrollment(id).orElseThrow().step(1).status()).isEqualTo(StepStatus.SENT);
    assertThat(nudge.enrollment(id).orElseThrow().step(3).status()).isEqualTo(StepStatus.SENT);
    String firstId = nudge.enrollment(id).orElseThrow().step(1).attempts().get(0).messageId();
    String thirdId = nudge.enrollment(id).orElseThrow().step(3).attempts().get(0).messageId();

    List<MimeMessage> inbox = readInboxOverImap(CANDIDATE);
    assertThat(inbox).hasSize(2);
    MimeMessage first = inbox.get(0);
    MimeMessage reply = inbox.get(1);

    assertThat(first.getMessageID()).isEqualTo(firstId);
    assertThat(reply.getMessageID()).isEqualTo(thirdId);
    assertThat(first.getHeader("In-Reply-To")).isNull();
    assertThat(reply.getHeader("In-Reply-To")).containsExactly(firstId);
    assertThat(reply.getHeader("References", " ")).isEqualTo(firstId);

    assertThat(first.getSubject()).isEqualTo("Grüße, Zoë — ein Gespräch?");
    assertThat(reply.getSubject()).isEqualTo("Re: Grüße, Zoë — ein Gespräch?");
    assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Zoë Ångström");
    assertThat(((InternetAddress) first.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
        .isEqualTo("Zoë Müller");

    for (MimeMessage m : inbox) {
      assertThat(m.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
          .matches(
              "<https://t\\.acme\\.example/u/[^>]+>, <mailto:unsubscribe@acme\\.example[^>]*>");
      assertThat(m.getHeader("List-Unsubscribe-Post"))
          .containsExactly("List-Unsubscribe=One-Click");
      assertThat(m.getHeader("Return-Path")[0])
          .as("the envelope sender is the VERP address of the bounce mailbox")
          .matches("<bounces\\+[^@]+@acme\\.example>");

      MimeMultipart parts = (MimeMultipart) m.getContent();
      assertThat(m.getContentType()).startsWith("multipart/alternative");
      BodyPart text = parts.getBodyPart(0);
      BodyPart html = parts.getBodyPart(1);
      assertThat(text.getContentType()).startsWith("text/plain");
      assertThat(text.getContent().toString()).doesNotContain("t.acme.example/o/");
      assertThat(html.getContentType()).startsWith("text/html");
      assertThat(html.getContent().toString())
          .contains("<img")
          .contains("https://t.acme.example/o/");
    }
  }

  /** The candidate's inbox over IMAP, oldest first (GreenMail's login is the address). */
  private List<MimeMessage> readInboxOverImap(String address) throws Exception {
    Session session = Session.getInstance(new Properties());
    Store store = session.getStore("imap");
    store.connect("127.0.0.1", greenMail.getImap().getPort(), address, address);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<MimeMessage> messages = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        messages.add(new MimeMessage((MimeMessage) m)); // a copy that outlives the folder
      }
      inbox.close(false);
      messages.sort(Comparator.comparing(m -> sentDate(m)));
      return messages;
    } finally {
      store.close();
    }
  }

  private static java.util.Date sentDate(MimeMessage m) {
    try {
      return m.getSentDate();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}

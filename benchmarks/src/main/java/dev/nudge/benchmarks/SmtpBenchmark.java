package dev.nudge.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.StepRef;
import dev.nudge.mail.SmtpMailTransport;
import dev.nudge.mail.SmtpRoute;
import dev.nudge.mail.TlsMode;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Messages per second handed to a local GreenMail SMTP server by 4 sending threads: through {@link
 * SmtpMailTransport} (connections kept open and reused, at most 4), against one {@code
 * Transport.send} per message (a new connection, greeting and EHLO each), in the same run. Both
 * send the same email: text and HTML alternative, about 1 KB.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am compile exec:exec@smtp-benchmark} (messages per
 * thread with {@code -Dsmtp.args="5000 500"}: pooled, then one connection each; the baseline sends
 * fewer so that its closed connections do not use up the local ports).
 */
public final class SmtpBenchmark {
  private static final int THREADS = 4;
  private static final String TEXT =
      "Hi Ada,\n\nI came across your work on the analytical engine and wondered whether you would"
          + " be open to a short chat about a backend role at Acme.\n\nBest,\nAlice\n";
  private static final String HTML =
      "<p>Hi Ada,</p><p>I came across your work on the analytical engine and wondered whether"
          + " you would be open to a short chat about a backend role at Acme.</p><p>Best,<br>"
          + "Alice</p><img src=\"https://t.acme.example/o/abcdef\" width=\"1\" height=\"1\">";

  private SmtpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pooledPerThread = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int freshPerThread = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    greenMail.start();
    int port = greenMail.getSmtp().getPort();
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.localhost", "bench.local");
    Session session = Session.getInstance(props);
    try (SmtpMailTransport transport =
        SmtpMailTransport.builder()
            .defaultRoute(
                SmtpRoute.builder("127.0.0.1", port).tls(TlsMode.NONE).maxConnections(4).build())
            .heloName("bench.local")
            .build()) {
      Sender pooled =
          n -> {
            SendResult r = transport.send(email(n));
            if (!(r instanceof SendResult.Accepted)) {
              throw new IllegalStateException("not accepted: " + r);
            }
          };
      Sender fresh = n -> Transport.send(mime(session, n));

      // warm-up of both paths, then the measured runs
      run(pooled, 500);
      run(fresh, 100);
      greenMail.purgeEmailFromAllMailboxes();
      double pooledRate = run(pooled, pooledPerThread);
      greenMail.purgeEmailFromAllMailboxes();
      double freshRate = run(fresh, freshPerThread);
      greenMail.purgeEmailFromAllMailboxes();

      System.out.printf(
          Locale.ROOT,
          "SmtpMailTransport (pooled, %d threads, %d messages): %.0f messages/s%n",
          THREADS,
          THREADS * pooledPerThread,
          pooledRate);
      System.out.printf(
          Locale.ROOT,
          "Transport.send per message (%d threads, %d messages): %.0f messages/s%n",
          THREADS,
          THREADS * freshPerThread,
          freshRate);
      System.out.printf(Locale.ROOT, "ratio: %.1fx%n", pooledRate / freshRate);
    } finally {
      greenMail.stop();
    }
  }

  /** Sends {@code perThread} messages from each of the threads; returns messages per second. */
  private static double run(Sender sender, int perThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int base = t * perThread;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    sender.send(base + i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return THREADS * perThread / seconds;
    } finally {
      pool.shutdown();
    }
  }

  private static OutboundEmail email(int n) {
    return new OutboundEmail(
        new StepRef(EnrollmentId.random(), 1),
        "<bench-" + n + "@acme.example>",
        EmailAddress.of("alice@acme.example"),
        "Alice Recruiter",
        EmailAddress.of("candidate" + (n % 100) + "@example.com"),
        "Ada Lovelace",
        "Are you open to a chat, Ada?",
        TEXT,
        HTML,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        Instant.now());
  }

  private static MimeMessage mime(Session session, int n) throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("alice@acme.example", "Alice Recruiter", "UTF-8"));
    m.setRecipient(
        Message.RecipientType.TO,
        new InternetAddress("candidate" + (n % 100) + "@example.com", "Ada Lovelace", "UTF-8"));
    m.setSubject("Are you open to a chat, Ada?", "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(TEXT, "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(HTML, "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    m.setContent(alternative);
    return m;
  }

  @FunctionalInterface
  private interface Sender {
    void send(int n) throws Exception;
  }
}

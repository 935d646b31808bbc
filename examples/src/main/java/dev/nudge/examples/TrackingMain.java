package dev.nudge.examples;

import com.sun.net.httpserver.HttpServer;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.TokenKeys;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.tracking.JdkHttpTracking;
import dev.nudge.tracking.TrackingEndpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Open tracking and one-click unsubscribe served by the JDK's built-in HTTP server. One HTML email
 * goes out on the in-memory store; then the program plays the recipient's side over HTTP: the mail
 * client loads the pixel, a link scanner follows the unsubscribe link (nothing happens), and the
 * mail provider sends the RFC 8058 one-click POST. Run with {@code --serve} to keep the server up
 * and try the links in a browser.
 */
public final class TrackingMain {
  private TrackingMain() {}

  /** Runs the example; {@code --serve} keeps serving until Enter is pressed. */
  public static void main(String[] args) throws Exception {
    run(System.out, args.length > 0 && args[0].equals("--serve"));
  }

  static void run(PrintStream out, boolean serve) throws IOException, InterruptedException {
    // any free port on this machine; in production, the server sits behind your TLS proxy
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://localhost:" + server.getAddress().getPort() + "/nudge/";
    SettableClock clock = SettableClock.at("2026-03-02T14:00:00Z");
    List<OutboundEmail> outbox = new CopyOnWriteArrayList<>();

    try (Nudge nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(
                email -> {
                  outbox.add(email);
                  return SendResult.accepted();
                })
            // pixel and unsubscribe URLs under the base the endpoints below are served at
            .tracking(TrackingEndpoints.trackingAt(base))
            // production: TokenKeys.signingWith("k1", secret) with a secret kept across restarts
            .tokenKeys(TokenKeys.random())
            .build()) {
      JdkHttpTracking.register(
          server, "/nudge/", TrackingEndpoints.of(nudge).named("Acme Recruiting"));
      server.start();

      nudge.registerMailbox(SenderMailbox.of("alice@acme.example", "Alice"));
      CampaignId campaign =
          nudge
              .createCampaign(
                  CampaignDefinition.builder("Tracking", "alice@acme.example")
                      .schedule(SendingSchedule.always())
                      .step(
                          Wait.none(),
                          EmailAction.newThread("Hi {{firstName}}", "Hi {{firstName}}")
                              .withHtml("<p>Hi {{firstName}}</p>")) // the pixel needs HTML
                      .email(Wait.days(3), "Still interested, {{firstName}}?", "A last note.")
                      .build())
              .id();
      EnrollmentId ada =
          nudge
              .enroll(campaign, Candidate.builder("c1", "Ada Lovelace", "ada@example.com").build())
              .orElseThrow();
      nudge.startCampaign(campaign);
      nudge.runDue();
      OutboundEmail email = outbox.get(0);
      URI pixel = require(email.trackingPixelUrl());
      URI unsubscribe = require(email.unsubscribeUrl());
      out.println("pixel:       " + pixel);
      out.println("unsubscribe: " + unsubscribe);

      // an hour later the candidate opens the email: the mail client loads the pixel
      clock.advance(Duration.ofHours(1));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> gif =
          http.send(
              HttpRequest.newBuilder(pixel)
                  .header("User-Agent", "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      out.printf(
          "GET pixel -> %d %s, %d bytes; opens: %d%n",
          gif.statusCode(),
          gif.headers().firstValue("Content-Type").orElse("?"),
          gif.body().length,
          enrollment(nudge, ada).step(1).engagement().opens());

      // a link scanner follows the unsubscribe link: a page with a button, nothing recorded
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(unsubscribe).build(), HttpResponse.BodyHandlers.ofString());
      out.printf(
          "GET unsubscribe -> %d (a page with a button); candidate: %s%n",
          page.statusCode(), enrollment(nudge, ada).status());

      // the mail provider's one-click unsubscribe (RFC 8058)
      HttpResponse<String> done =
          http.send(
              HttpRequest.newBuilder(unsubscribe)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Enrollment after = enrollment(nudge, ada);
      out.printf(
          "POST one-click -> %d; candidate: %s (%s); suppressed: %s%n",
          done.statusCode(),
          after.status(),
          after.reason(),
          nudge.suppression(EmailAddress.of("ada@example.com")).isPresent());

      if (serve) {
        out.println("Serving " + base + " - open the links above in a browser; Enter stops.");
        System.in.read();
      }
    } finally {
      server.stop(0);
    }
  }

  private static Enrollment enrollment(Nudge nudge, EnrollmentId id) {
    return nudge.enrollment(id).orElseThrow();
  }

  private static URI require(URI uri) {
    if (uri == null) {
      throw new IllegalStateException("the email has no tracking URL");
    }
    return uri;
  }
}

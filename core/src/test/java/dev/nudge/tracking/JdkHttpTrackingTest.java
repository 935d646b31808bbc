package dev.nudge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.Nudge;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.StepStatus;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracking endpoints on a real JDK HTTP server, called over HTTP with the very URLs the engine
 * wrote into the email [S18, S22, S27].
 */
class JdkHttpTrackingTest {
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0";

  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final RecordingTransport transport = new RecordingTransport();
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private HttpServer server;
  private Nudge nudge;
  private EnrollmentId ada;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/nudge/";
    nudge =
        Fixture.registered(
            Nudge.builder()
                .clock(clock)
                .store(new InMemoryStore())
                .mailTransport(transport)
                .tracking(TrackingEndpoints.trackingAt(base))
                .build());
    JdkHttpTracking.register(server, "/nudge/", TrackingEndpoints.of(nudge));
    server.start();

    Campaign c =
        nudge.createCampaign(
            CampaignDefinition.builder("Html", Fixture.sender())
                .zone(Fixture.NEW_YORK)
                .schedule(SendingSchedule.always())
                .step(Wait.none(), EmailAction.newThread("Hi", "Hi").withHtml("<p>Hi</p>"))
                .email(Wait.days(2), "Again", "Hi again")
                .build());
    nudge.startCampaign(c.id());
    ada = nudge.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()).orElseThrow();
    nudge.runDue();
    clock.advance(Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    nudge.close();
  }

  private URI pixel() {
    return Objects.requireNonNull(transport.last().trackingPixelUrl());
  }

  private URI unsubscribe() {
    return Objects.requireNonNull(transport.last().unsubscribeUrl());
  }

  private static URI forged(URI url) {
    String s = url.toString();
    int middle = s.lastIndexOf('/') + 12;
    char changed = s.charAt(middle) == 'A' ? 'B' : 'A';
    return URI.create(s.substring(0, middle) + changed + s.substring(middle + 1));
  }

  private HttpResponse<byte[]> get(URI url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).GET().header("User-Agent", BROWSER);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> post(URI url, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private boolean suppressed() {
    return nudge.suppression(EmailAddress.of("ada.lovelace@example.com")).isPresent();
  }

  @Test
  void pixelWithAValidToken_recordsAnOpen_andAnswersAnUncachedTransparentGif() throws Exception {
    HttpResponse<byte[]> r = get(pixel());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("image/gif");
    assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertThat(image.getWidth()).isEqualTo(1);
    assertThat(image.getHeight()).isEqualTo(1);
    assertThat(image.getRGB(0, 0) >>> 24).as("alpha").isZero();
    assertThat(nudge.enrollment(ada).orElseThrow().step(1).engagement().opens()).isEqualTo(1);
  }

  @Test
  void pixelWithAForgedOrMissingToken_answersTheSameGif_andRecordsNothing() throws Exception {
    byte[] gif = get(pixel()).body();
    HttpResponse<byte[]> forged = get(forged(pixel()));
    String base = pixel().toString();
    HttpResponse<byte[]> missing = get(URI.create(base.substring(0, base.lastIndexOf('/') + 1)));
    HttpResponse<byte[]> garbage = get(URI.create(base + "%3Cscript%3E"));

    for (HttpResponse<byte[]> r : java.util.List.of(forged, missing, garbage)) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("image/gif");
      assertThat(r.body()).isEqualTo(gif);
    }
    var engagement = nudge.enrollment(ada).orElseThrow().step(1).engagement();
    assertThat(engagement.opens()).as("the valid request only").isEqualTo(1);
    assertThat(engagement.machineOpens()).isZero();
  }

  @Test
  void pixelFetchedByAPrefetchingProxy_isAMachineOpen() throws Exception {
    get(pixel(), "Sec-Purpose", "prefetch");

    var engagement = nudge.enrollment(ada).orElseThrow().step(1).engagement();
    assertThat(engagement.machineOpens()).isEqualTo(1);
    assertThat(engagement.opens()).isZero();
  }

  @Test
  void unsubscribeLinkFollowed_showsAButton_andUnsubscribesNobody() throws Exception {
    HttpResponse<byte[]> r = get(unsubscribe());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(text(r))
        .contains("<form method=\"post\"")
        .contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
    assertThat(nudge.enrollment(ada).orElseThrow().status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(suppressed()).isFalse();
  }

  @Test
  void oneClickPost_completesTheCandidateAsUnsubscribed_andSuppressesTheAddress() throws Exception {
    HttpResponse<String> r =
        post(unsubscribe(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("You are unsubscribed");
    var e = nudge.enrollment(ada).orElseThrow();
    assertThat(e.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(e.reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(e.step(2).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(suppressed()).isTrue();

    clock.advance(Duration.ofDays(3));
    nudge.runDue();
    assertThat(transport.sent()).hasSize(1);
  }

  @Test
  void oneClickPostAsMultipartForm_unsubscribesToo() throws Exception {
    String body =
        """
        --xyz\r
        Content-Disposition: form-data; name="List-Unsubscribe"\r
        \r
        One-Click\r
        --xyz--\r
        """;

    post(unsubscribe(), "multipart/form-data; boundary=xyz", body);

    assertThat(nudge.enrollment(ada).orElseThrow().reason())
        .isEqualTo(CompletionReason.UNSUBSCRIBED);
  }

  @Test
  void forgedOneClickPost_recordsNothing_andAnswersLikeAValidOne() throws Exception {
    HttpResponse<String> r =
        post(
            forged(unsubscribe()),
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("You are unsubscribed");
    assertThat(nudge.enrollment(ada).orElseThrow().status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(suppressed()).isFalse();
    assertThat(nudge.activity(ada))
        .extracting(EnrollmentEvent::type)
        .doesNotContain(EnrollmentEvent.Type.UNSUBSCRIBED);
  }

  @Test
  void postWithoutTheOneClickField_onlyShowsTheButton() throws Exception {
    HttpResponse<String> r = post(unsubscribe(), "application/x-www-form-urlencoded", "");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<form method=\"post\"");
    assertThat(suppressed()).isFalse();
  }

  @Test
  void headRequests_andOtherPaths_recordNothing() throws Exception {
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(pixel())
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    String base = pixel().toString();
    HttpResponse<byte[]> other = get(URI.create(base.substring(0, base.indexOf("/nudge/") + 7)));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).contains("image/gif");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(nudge.enrollment(ada).orElseThrow().step(1).engagement().opens()).isZero();
  }
}

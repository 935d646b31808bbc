package dev.nudge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InvalidInputException;
import dev.nudge.Tracking;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints as a host's web framework calls them, without a server [S18, S22, S27]. */
class TrackingEndpointsTest {
  private final Fixture f = new Fixture(); // pixel and unsubscribe bases .../o/ and .../u/
  private final TrackingEndpoints endpoints = TrackingEndpoints.of(f.nudge);
  private EnrollmentId ada;

  @BeforeEach
  void sendOne() {
    Campaign c =
        f.startedCampaign(
            d ->
                CampaignDefinition.builder("Html", Fixture.sender())
                    .zone(Fixture.NEW_YORK)
                    .step(Wait.none(), EmailAction.newThread("Hi", "Hi").withHtml("<p>Hi</p>")));
    ada = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.advance(Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    f.close();
  }

  private String token() {
    String s = String.valueOf(f.transport.last().trackingPixelUrl());
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private String unsubscribeToken() {
    String s = String.valueOf(f.transport.last().unsubscribeUrl());
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static String body(TrackingResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static final Map<String, String> ONE_CLICK = Map.of("List-Unsubscribe", "One-Click");

  @Test
  void tokenInTheQuery_isReadLikeATokenInThePath() {
    TrackingResponse r = endpoints.handle("GET", "/o", Map.of("t", token()), false);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("image/gif");
    assertThat(f.step(ada, 1).engagement().opens()).isEqualTo(1);
  }

  @Test
  void pixelAndPages_sayNeverToCache() {
    for (TrackingResponse r :
        new TrackingResponse[] {
          endpoints.handle("GET", "o/" + token(), Map.of(), false),
          endpoints.handle("GET", "u/" + unsubscribeToken(), Map.of(), false),
          endpoints.handle("POST", "u/x.y", ONE_CLICK, false)
        }) {
      assertThat(r.headers().get("Cache-Control")).contains("no-store");
      assertThat(r.headers()).containsEntry("X-Content-Type-Options", "nosniff");
    }
  }

  @Test
  void headOfThePixel_recordsNothing() {
    TrackingResponse r = endpoints.handle("HEAD", "o/" + token(), Map.of(), false);

    assertThat(r.contentType()).isEqualTo("image/gif");
    assertThat(f.step(ada, 1).engagement().opens()).isZero();
  }

  @Test
  void prefetchedPixel_isAMachineOpen() {
    endpoints.handle("GET", "o/" + token(), Map.of(), true);

    assertThat(f.step(ada, 1).engagement().machineOpens()).isEqualTo(1);
  }

  @Test
  void unsubscribeTokenOnThePixel_andPixelTokenOnTheUnsubscribe_recordNothing() {
    endpoints.handle("GET", "o/" + unsubscribeToken(), Map.of(), false);
    TrackingResponse r = endpoints.handle("POST", "u/" + token(), ONE_CLICK, false);

    assertThat(body(r)).contains("You are unsubscribed");
    assertThat(f.step(ada, 1).engagement().opens()).isZero();
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isEmpty();
  }

  @Test
  void missingToken_getsTheSamePages_andRecordsNothing() {
    TrackingResponse valid = endpoints.handle("GET", "u/" + unsubscribeToken(), Map.of(), false);
    TrackingResponse missing = endpoints.handle("GET", "u/", Map.of(), false);
    TrackingResponse posted = endpoints.handle("POST", "u", ONE_CLICK, false);

    assertThat(missing).isEqualTo(valid);
    assertThat(posted.status()).isEqualTo(200);
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isEmpty();
  }

  @Test
  void unknownRoute_isNotFound_andOtherMethods_areNotAllowed() {
    assertThat(endpoints.handle("GET", "x/" + token(), Map.of(), false).status()).isEqualTo(404);
    assertThat(endpoints.handle("GET", "", Map.of(), false).status()).isEqualTo(404);
    TrackingResponse put = endpoints.handle("PUT", "u/" + unsubscribeToken(), ONE_CLICK, false);
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.headers()).containsEntry("Allow", "GET, HEAD, POST");
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isEmpty();
  }

  @Test
  void organizationName_isEscapedOnThePages() {
    TrackingResponse r =
        endpoints
            .named("<Acme & \"Sons\">")
            .handle("GET", "u/" + unsubscribeToken(), Map.of(), false);

    assertThat(body(r))
        .contains("from &lt;Acme &amp; &quot;Sons&quot;&gt;")
        .doesNotContain("<Acme");
  }

  @Test
  void engineThatCannotRecord_stillServesThePixel_andAsksToTryTheUnsubscribeAgain() {
    f.nudge.close();

    TrackingResponse pixel = endpoints.handle("GET", "o/" + token(), Map.of(), false);
    TrackingResponse post = endpoints.handle("POST", "u/" + unsubscribeToken(), ONE_CLICK, false);

    assertThat(pixel.status()).isEqualTo(200);
    assertThat(pixel.contentType()).isEqualTo("image/gif");
    assertThat(post.status()).isEqualTo(503);
    assertThat(body(post)).contains("try again");
  }

  @Test
  void trackingAt_writesTheUrlsTheEndpointsRead() {
    Tracking t = TrackingEndpoints.trackingAt("https://t.example.com/nudge/");

    assertThat(t.openPixelBase()).hasToString("https://t.example.com/nudge/o/");
    assertThat(t.unsubscribeBase()).hasToString("https://t.example.com/nudge/u/");
    assertThatThrownBy(() -> TrackingEndpoints.trackingAt("https://t.example.com/nudge"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("publicBase");
    assertThatThrownBy(() -> TrackingEndpoints.trackingAt("ftp://t.example.com/"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void prefetchHeuristic_knowsPurposeHeadersProxiesAndScanners() {
    String browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15";
    assertThat(prefetch("User-Agent", browser)).isFalse();
    assertThat(prefetch("User-Agent", "Mozilla/5.0 (Windows NT 10.0) GoogleImageProxy")).isFalse();
    assertThat(prefetch("User-Agent", browser, "Sec-Purpose", "prefetch;prerender")).isTrue();
    assertThat(prefetch("User-Agent", browser, "X-Purpose", "preview")).isTrue();
    assertThat(prefetch("User-Agent", "Mozilla/5.0")).as("Apple's privacy proxy").isTrue();
    assertThat(prefetch()).as("no user agent").isTrue();
    assertThat(prefetch("User-Agent", "Barracuda Sentinel (EE)")).isTrue();
    assertThat(prefetch("User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)")).isTrue();
  }

  private static boolean prefetch(String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
    }
    return TrackingEndpoints.looksLikePrefetch(
        name -> map.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}

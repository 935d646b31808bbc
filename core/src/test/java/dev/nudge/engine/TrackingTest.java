package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EmailAction;
import dev.nudge.Engagement;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.TodoSink;
import dev.nudge.TokenKeys;
import dev.nudge.Tracking;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Open tracking through signed tokens, machine opens, key rotation [S22]. */
class TrackingTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static String token(java.net.URI url) {
    String s = url.toString();
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private EnrollmentId sentHtmlEmail() {
    Campaign c =
        f.startedCampaign(
            d ->
                dev.nudge.CampaignDefinition.builder("Html", Fixture.sender())
                    .zone(Fixture.NEW_YORK)
                    .step(Wait.none(), EmailAction.newThread("Hi", "Hi").withHtml("<p>Hi</p>")));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    return id;
  }

  @Test
  void opens_areCountedWithFirstAndLastTime() {
    EnrollmentId id = sentHtmlEmail();
    String token = token(f.transport.last().trackingPixelUrl());

    f.clock.advance(Duration.ofMinutes(5));
    assertThat(f.nudge.recordOpen(token, false)).isTrue();
    f.clock.advance(Duration.ofHours(2));
    assertThat(f.nudge.recordOpen(token, false)).isTrue();

    Engagement e = f.step(id, 1).engagement();
    assertThat(e.opens()).isEqualTo(2);
    assertThat(e.firstOpenAt()).isEqualTo(Fixture.MONDAY_9AM_NY.plus(Duration.ofMinutes(5)));
    assertThat(e.lastOpenAt())
        .isEqualTo(Fixture.MONDAY_9AM_NY.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(2)));
    assertThat(e.machineOpened()).isFalse();
    assertThat(f.nudge.stepTotals(f.enrollment(id).campaignId()).get(0).opened()).isEqualTo(1);
    assertThat(f.events.ofType(EnrollmentEvent.Type.OPENED)).hasSize(2);
  }

  @Test
  void openWithinSecondsOfTheSend_isAMachineOpen() {
    EnrollmentId id = sentHtmlEmail();
    String token = token(f.transport.last().trackingPixelUrl());

    f.clock.advance(Duration.ofSeconds(3));
    f.nudge.recordOpen(token, false);

    Engagement e = f.step(id, 1).engagement();
    assertThat(e.machineOpened()).isTrue();
    assertThat(e.machineOpens()).isEqualTo(1);
    assertThat(e.opens()).isZero();
    assertThat(e.firstOpenAt()).isNull();
  }

  @Test
  void openTheHostMarksAsPrefetching_isAMachineOpen() {
    EnrollmentId id = sentHtmlEmail();
    f.clock.advance(Duration.ofHours(1));

    f.nudge.recordOpen(token(f.transport.last().trackingPixelUrl()), true);

    assertThat(f.step(id, 1).engagement().machineOpens()).isEqualTo(1);
    assertThat(f.step(id, 1).engagement().opens()).isZero();
  }

  @Test
  void invalidTokens_recordNothing() {
    EnrollmentId id = sentHtmlEmail();
    String token = token(f.transport.last().trackingPixelUrl());
    String otherKey = "r2" + token.substring(2);
    String truncated = token.substring(0, token.length() - 3);

    assertThat(f.nudge.recordOpen(otherKey, false)).isFalse();
    assertThat(f.nudge.recordOpen(truncated, false)).isFalse();
    assertThat(f.nudge.recordOpen("no-dot", false)).isFalse();
    assertThat(f.nudge.recordOpen("r1.!!!", false)).isFalse();
    assertThat(f.nudge.recordOpen(token(f.transport.last().unsubscribeUrl()), false)).isFalse();
    assertThat(f.step(id, 1).engagement().opens()).isZero();
  }

  @Test
  void rotatedKeys_stillVerifyTokensSignedWithTheRetiredKey() {
    byte[] oldSecret = "an old secret that is 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
    byte[] newSecret = "a new secret that is 32 bytes!!!".getBytes(StandardCharsets.US_ASCII);
    SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
    dev.nudge.memory.InMemoryStore store = new dev.nudge.memory.InMemoryStore();
    RecordingTransport transport = new RecordingTransport();
    String token;
    try (Nudge before = nudge(clock, store, transport, TokenKeys.signingWith("k1", oldSecret))) {
      Campaign c = before.createCampaign(htmlCampaign());
      before.startCampaign(c.id());
      before.enroll(c.id(), Fixture.candidate("Ada Lovelace").build());
      before.runDue();
      token = token(transport.last().trackingPixelUrl());
    }
    clock.advance(Duration.ofHours(1));

    try (Nudge rotated =
        nudge(
            clock,
            store,
            transport,
            TokenKeys.signingWith("k2", newSecret).alsoVerifying("k1", oldSecret))) {
      assertThat(rotated.recordOpen(token, false)).isTrue();
    }
    try (Nudge forgotten = nudge(clock, store, transport, TokenKeys.signingWith("k2", newSecret))) {
      assertThat(forgotten.recordOpen(token, false)).isFalse();
    }
  }

  @Test
  void tokensSignedWithAnotherSecret_underTheSameKeyId_areRefused() {
    sentHtmlEmail();
    String token = token(f.transport.last().trackingPixelUrl());
    byte[] other = new byte[32];
    try (Nudge impostor =
        nudge(
            f.clock,
            f.store,
            new RecordingTransport(),
            TokenKeys.signingWith(f.keys.signingKeyId(), other))) {
      assertThat(impostor.recordOpen(token, false)).isFalse();
    }
  }

  private static dev.nudge.CampaignDefinition htmlCampaign() {
    return dev.nudge.CampaignDefinition.builder("Html", Fixture.sender())
        .zone(Fixture.NEW_YORK)
        .step(Wait.none(), EmailAction.newThread("Hi", "Hi").withHtml("<p>Hi</p>"))
        .build();
  }

  private static Nudge nudge(
      java.time.Clock clock,
      dev.nudge.spi.store.Store store,
      RecordingTransport transport,
      TokenKeys keys) {
    return Fixture.registered(
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .todoSink(TodoSink.none())
            .tokenKeys(keys)
            .tracking(Tracking.of("https://t.example.com/o/", "https://t.example.com/u/"))
            .build());
  }
}

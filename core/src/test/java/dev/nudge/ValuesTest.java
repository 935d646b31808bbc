package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is refused with an error naming the field [S27]. */
class ValuesTest {

  private static void refused(Runnable r, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "@example.com",
        "ada@",
        "ada@@example.com",
        "ada@example",
        "ada lovelace@example.com",
        "ada@exa mple.com",
        "ada\r\n@example.com",
        "ada@example.com\r\nBcc: x@y.z",
        ".ada@example.com",
        "ada..l@example.com",
        "ada@-example.com",
        "ada@example..com",
        "\"ada\"@example.com",
        "ada@[127.0.0.1]"
      })
  void invalidEmailAddresses_areRefusedNamingTheField(String address) {
    refused(() -> EmailAddress.of("candidate.email", address), "candidate.email");
  }

  @Test
  void emailAddress_isTrimmed_withItsDomainInLowerCase() {
    EmailAddress a = EmailAddress.of("  Ada.Lovelace@Example.COM ");

    assertThat(a.value()).isEqualTo("Ada.Lovelace@example.com");
    assertThat(a.localPart()).isEqualTo("Ada.Lovelace");
    assertThat(a.domain()).isEqualTo("example.com");
    assertThat(a.sameMailbox(EmailAddress.of("ada.lovelace@example.com"))).isTrue();
    assertThat(EmailAddress.of("jöran@bücher.example").domain()).isEqualTo("bücher.example");
  }

  @Test
  void tooLongAddressParts_areRefused() {
    refused(() -> EmailAddress.of("a".repeat(65) + "@example.com"), "email");
    refused(() -> EmailAddress.of("a@" + "b".repeat(250) + ".com"), "email");
  }

  @SuppressWarnings("NullAway") // the nulls are the point
  @Test
  void candidateFields_areChecked() {
    refused(() -> Candidate.builder("c1", " ", "ada@example.com").build(), "candidate.name");
    refused(
        () -> Candidate.builder("c1", "Ada\nLovelace", "ada@example.com").build(),
        "candidate.name");
    refused(
        () -> Candidate.builder("c1", "Ada\0Lovelace", "ada@example.com").build(),
        "candidate.name");
    refused(
        () -> Candidate.builder("c1", "Ann \uD83D Lee", "ann@example.com").build(),
        "candidate.name");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").company("\uDE00 Acme").build(),
        "candidate.company");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").field("team", "a\0b").build(),
        "candidate.fields.team");
    refused(() -> Candidate.builder("x\uD800", "Ada", "ada@example.com"), "candidate.id");
    assertThat(
            Candidate.builder("\uD83D\uDE00", "\uD83D\uDE00 Ada", "ada@example.com").build().name())
        .isEqualTo("\uD83D\uDE00 Ada");
    refused(() -> SenderMailbox.of("ada@acme.example", "Ada\0"), "mailbox.displayName");
    refused(() -> EmailAddress.of("email", "ad\uD83Da@example.com"), "email");
    // the record's own constructor checks as the builder does
    refused(
        () ->
            new Candidate(
                CandidateId.of("c1"),
                "Cy \uD83D",
                null,
                null,
                null,
                EmailAddress.of("cy@example.com"),
                java.util.List.of(),
                null,
                java.util.Map.of()),
        "candidate.name");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").title("CTO\r").build(),
        "candidate.title");
    refused(() -> Candidate.builder("c1", "Ada", "not-an-address").build(), "candidate.email");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").alternate("bad").build(),
        "candidate.alternates[0]");
    refused(
        () ->
            Candidate.builder("c1", "Ada", "ada@example.com").alternate("ADA@example.com").build(),
        "candidate.alternates");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").zone("Mars/Olympus"),
        "candidate.zone");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").zone((String) null),
        "candidate.zone");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").photoUrl(null),
        "candidate.photoUrl");
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").field("has space", "x").build(),
        "candidate.fields");
    refused(() -> Candidate.builder(" ", "Ada", "ada@example.com"), "candidate.id");
    refused(
        () ->
            Candidate.builder("c1", "Ada", "ada@example.com")
                .field("notes", "x".repeat(10_001))
                .build(),
        "candidate.fields.notes");
  }

  @Test
  void candidateVariables_includeNamePartsAndFreeFormFields() {
    Candidate c =
        Candidate.builder("c1", "Ada King Lovelace", "ada@example.com")
            .company("Engines")
            .field("project", "Difference Engine")
            .build();

    assertThat(c.variable("firstName")).contains("Ada");
    assertThat(c.variable("lastName")).contains("King Lovelace");
    assertThat(c.variable("company")).contains("Engines");
    assertThat(c.variable("project")).contains("Difference Engine");
    assertThat(c.variable("title")).isEmpty();
    assertThat(c.variable("email")).contains("ada@example.com");
  }

  @SuppressWarnings("NullAway") // the nulls are the point
  @Test
  void mailboxSettings_areChecked() {
    SenderMailbox m = SenderMailbox.of("alice@acme.example", "Alice");
    refused(() -> m.withDailyCap(0), "mailbox.dailyCap");
    refused(() -> m.withMinimumGap(Duration.ofSeconds(-1)), "mailbox.minimumGap");
    refused(() -> SenderMailbox.of("alice@acme.example", "Alice\r\nX: y"), "mailbox.displayName");
    refused(() -> SenderMailbox.of("alice", "Alice"), "mailbox.address");
    // a gap beyond a day would hold the mailbox's sends back without end (or overflow)
    refused(() -> m.withMinimumGap(Duration.ofDays(1).plusSeconds(1)), "mailbox.minimumGap");
    refused(() -> m.withMinimumGap(Duration.ofSeconds(Long.MAX_VALUE)), "mailbox.minimumGap");
    assertThat(m.withMinimumGap(Duration.ofDays(1)).minimumGap()).isEqualTo(Duration.ofDays(1));
    refused(() -> m.withZone(null), "mailbox.zone");
    refused(() -> CampaignDefinition.builder("Now", (EmailAddress) null), "mailbox");
    try (Nudge n =
        Nudge.builder()
            .store(new InMemoryStore())
            .mailTransport(new RecordingTransport())
            .build()) {
      refused(() -> n.registerMailbox(null), "mailbox");
    }
  }

  @SuppressWarnings("NullAway") // the nulls are the point
  @Test
  void inboundEvents_nameTheMissingComponent() {
    refused(() -> new InboundEvent.Reply(null, MatchMethod.IN_THREAD), "event.text");
    refused(() -> new InboundEvent.Reply("Yes", null), "event.matchedBy");
    refused(() -> new InboundEvent.AutoReply(null, null), "event.text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"})
  void aPhotoUrlOtherThanAWebAddress_isRefused(String url) {
    refused(
        () -> Candidate.builder("c1", "Ada", "ada@example.com").photoUrl(url).build(),
        "candidate.photoUrl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://img.example/ada.png", "HTTP://img.example/a.png", "/photos/1"})
  void aWebOrRelativePhotoUrl_isTaken(String url) {
    assertThat(Candidate.builder("c1", "Ada", "ada@example.com").photoUrl(url).build().photoUrl())
        .hasToString(url);
  }

  @Test
  void tuning_isChecked() {
    refused(() -> Tuning.builder().claimBatchSize(0).build(), "tuning.claimBatchSize");
    refused(() -> Tuning.builder().lease(Duration.ZERO).build(), "tuning.lease");
    refused(() -> Tuning.builder().maxSendAttempts(0).build(), "tuning.maxSendAttempts");
    refused(() -> Tuning.builder().workerThreads(0).build(), "tuning.workerThreads");
  }

  @Test
  void tokenKeys_needALongSecretAndASimpleId() {
    refused(() -> TokenKeys.signingWith("k1", new byte[16]), "tokenKeys.secret");
    refused(() -> TokenKeys.signingWith("k.1", new byte[32]), "tokenKeys.keyId");
    refused(
        () -> TokenKeys.signingWith("k1", new byte[32]).alsoVerifying("k1", new byte[32]),
        "tokenKeys.keyId");
    assertThat(TokenKeys.signingWith("k1", new byte[32]).toString()).doesNotContain("[0");
  }

  @Test
  void trackingUrls_mustBeAbsoluteHttp() {
    refused(() -> Tracking.of("/relative/", "https://t.example.com/u/"), "tracking.openPixelBase");
    refused(() -> Tracking.of("https://t.example.com/o/", "ftp://x/"), "tracking.unsubscribeBase");
  }

  @Test
  void builder_namesTheMissingPort_andRefusesSettingOneTwice() {
    assertThatThrownBy(() -> Nudge.builder().mailTransport(new RecordingTransport()).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"))
        .hasMessageContaining("Nudge.builder().store(...)");
    assertThatThrownBy(() -> Nudge.builder().store(new InMemoryStore()).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("mailTransport"));
    assertThatThrownBy(() -> Nudge.builder().todoSink(TodoSink.none()).todoSink(TodoSink.none()))
        .isInstanceOf(NudgeException.class)
        .hasMessageContaining("todoSink: is already set");
  }

  @Test
  void builder_needsOnlyAStoreAndATransport_theClockIsSystemUtc() {
    try (Nudge n =
        Nudge.builder()
            .store(new InMemoryStore())
            .mailTransport(new RecordingTransport())
            .build()) {
      n.registerMailbox(SenderMailbox.of("alice@acme.example", "Alice"));
      Campaign c =
          n.createCampaign(
              CampaignDefinition.builder("Now", "alice@acme.example")
                  .email(Wait.none(), "Hi", "Hello")
                  .build());
      Instant before = Instant.now();

      assertThat(c.createdAt()).isBetween(before.minusSeconds(5), Instant.now());
      assertThat(n.openTasks()).isEmpty();
    }
  }

  @Test
  void settableClock_movesOnlyWhenTold_andItsZoneViewsFollow() {
    SettableClock clock = SettableClock.at("2026-03-02T14:00:00Z");
    java.time.Clock berlin = clock.withZone(java.time.ZoneId.of("Europe/Berlin"));

    clock.advance(Duration.ofHours(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
    assertThat(berlin.instant()).isEqualTo(clock.instant());
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(berlin.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void ids_parseTheirOwnText_andRefuseOthers() {
    CampaignId id = CampaignId.random();
    assertThat(CampaignId.of(id.toString())).isEqualTo(id);
    refused(() -> CampaignId.of("nope"), "campaignId");
    refused(() -> EnrollmentId.of("nope"), "enrollmentId");
    refused(() -> new StepRef(EnrollmentId.random(), 0), "step");
  }

  @Test
  void reasonsQuotingAServer_keepNoControlCharacters() {
    assertThat(
            new MailboxHold(
                    MailboxHold.Kind.PAUSED,
                    "421 \0busy",
                    Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(60),
                    1)
                .reason())
        .isEqualTo("421  busy");
    assertThat(
            Suppression.ofAddress(EmailAddress.of("ada@example.com"), Instant.EPOCH, "550\0 gone")
                .reason())
        .isEqualTo("550  gone");
  }
}

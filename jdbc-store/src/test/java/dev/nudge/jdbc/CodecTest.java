package dev.nudge.jdbc;

import static dev.nudge.testkit.StoreData.campaign;
import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.enrollment;
import static dev.nudge.testkit.StoreData.messageId;
import static dev.nudge.testkit.StoreData.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON column of an enrollment leaves out what a new enrollment mostly holds, and reads back
 * the enrollment it was written from, in its short form and in the long form that spells every
 * member out.
 */
class CodecTest {
  private final Campaign campaign = campaign("Backend engineers");
  private final Instant at = now();

  @Test
  void anImportedEnrollment_leavesOutItsEmptyParts_andReadsBackTheSame() {
    Enrollment imported = enrollment(campaign, candidate("Ada Lovelace")).scheduled(1, at).build();

    String data = Codec.data(imported);

    assertThat(data)
        .doesNotContain("\"attempts\"", "\"alternates\"", "\"fields\"", "\"addressIndex\"");
    assertThat(read(imported, data)).isEqualTo(imported);
  }

  @Test
  void anEnrollmentWithEveryPartFilledIn_readsBackTheSame() {
    Candidate ada =
        Candidate.builder("c-ada", "Ada Lovelace", "ada@example.com")
            .alternate("ada@lovelace.example")
            .field("team", "Analytical engines")
            .title("Countess")
            .zone("Europe/London")
            .build();
    Enrollment sent =
        enrollment(campaign, ada)
            .addressIndex(1)
            .sent(1, at, messageId("one"))
            .engagement(1, g -> g.withOpen(at.plus(Duration.ofMinutes(5)), false))
            .scheduled(2, at.plus(Duration.ofDays(2)))
            .build();

    String data = Codec.data(sent);

    assertThat(data).contains("\"attempts\"", "\"alternates\"", "\"fields\"", "\"addressIndex\"");
    assertThat(read(sent, data)).isEqualTo(sent);
  }

  @Test
  void theLongForm_whereEveryMemberIsSpelledOut_readsBackTheSameEnrollment() {
    Enrollment imported = enrollment(campaign, candidate("Grace Hopper")).scheduled(1, at).build();
    String longForm =
        Codec.data(imported)
            .replace("\"email\":", "\"alternates\":[],\"fields\":{},\"email\":")
            .replace("\"steps\":", "\"addressIndex\":0,\"steps\":")
            .replace("\"state\":", "\"attempts\":[],\"state\":");

    assertThat(longForm).contains("\"alternates\":[]", "\"attempts\":[]", "\"addressIndex\":0");
    assertThat(read(imported, longForm)).isEqualTo(imported);
  }

  @Test
  void aCommitsEventsOfOneEnrollment_readBackInTheirOrder_withEveryCharacterOfTheirDetail() {
    Enrollment ada = enrollment(campaign, candidate("Ada Lovelace")).build();
    List<EnrollmentEvent> events =
        List.of(
            new EnrollmentEvent(
                ada.id(), ada.campaignId(), at, EnrollmentEvent.Type.ENROLLED, 0, null, null, ""),
            new EnrollmentEvent(
                ada.id(),
                ada.campaignId(),
                at.plusNanos(1_000),
                EnrollmentEvent.Type.STEP_STATUS_CHANGED,
                1,
                "PENDING",
                "SCHEDULED",
                "line one\nline \"two\"\t\\ \u0001 \u2028 Grüße ✓"));

    String json = Codec.events(events);

    assertThat(Codec.events(ada.id(), ada.campaignId(), json)).isEqualTo(events);
  }

  @Test
  void halfOfASurrogatePairStandingAlone_isWrittenAsAReplacementCharacter() {
    assertThat(Json.write("cut \uDE00 in two \uD83D")).isEqualTo("\"cut \uFFFD in two \uFFFD\"");
    assertThat(Json.write("whole \uD83D\uDE00")).isEqualTo("\"whole \uD83D\uDE00\"");
  }

  private static Enrollment read(Enrollment e, String data) {
    return Codec.enrollment(
        e.id(), e.campaignId(), e.status(), e.enrolledAt(), e.lastActivityAt(), e.version(), data);
  }
}

package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.InvalidInputException;
import dev.nudge.NotFoundException;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Enrolling candidates [S5, S8]: single and bulk, and what is refused. */
class EnrollmentTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void enrollingTheSameCandidateTwice_returnsTheExistingEnrollment() {
    Campaign c = f.startedCampaign();
    EnrollmentId first = f.enroll(c.id(), "Ada Lovelace");

    EnrollResult again = f.nudge.enroll(c.id(), candidate("Ada Lovelace").build());

    assertThat(again).isEqualTo(new EnrollResult.AlreadyEnrolled(first));
    assertThat(f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.ACTIVE)).total())
        .isEqualTo(1);
  }

  @Test
  void sameCandidate_mayBeEnrolledInTwoCampaigns() {
    Campaign a = f.startedCampaign();
    Campaign b = f.startedCampaign();

    f.enroll(a.id(), "Ada Lovelace");
    f.enroll(b.id(), "Ada Lovelace");

    assertThat(f.nudge.campaigns()).hasSize(2);
  }

  @Test
  void enrollingASuppressedAddress_isRefused_andNothingIsWritten() {
    Campaign c = f.startedCampaign();
    f.nudge.unsubscribe(EmailAddress.of("ada.lovelace@example.com"), false);

    EnrollResult r = f.nudge.enroll(c.id(), candidate("Ada Lovelace").build());

    assertThat(r).isInstanceOf(EnrollResult.Suppressed.class);
    assertThat(((EnrollResult.Suppressed) r).suppression().value())
        .isEqualTo("ada.lovelace@example.com");
    assertThat(f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.ACTIVE)).total())
        .isZero();
  }

  @Test
  void enrollingAnAddressOfASuppressedDomain_isRefused() {
    Campaign c = f.startedCampaign();
    f.nudge.unsubscribe(EmailAddress.of("someone@example.com"), true);

    assertThat(f.nudge.enroll(c.id(), candidate("Ada Lovelace").build()))
        .isInstanceOf(EnrollResult.Suppressed.class);
  }

  @Test
  void templateVariableTheCandidateLacks_isRefusedAtEnrollment_namingTheVariable() {
    Campaign c =
        f.startedCampaign(
            d -> d.email(Wait.days(1), "About {{company}}", "We loved {{projectName}}."));

    assertThatThrownBy(() -> f.nudge.enroll(c.id(), candidate("Ada Lovelace").build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("{{company}}")
        .hasMessageContaining("steps[4].subject")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("candidate.company");
    assertThat(f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.ACTIVE)).total())
        .isZero();
  }

  @Test
  void freeFormVariable_isNamedAsACandidateField() {
    Campaign c = f.startedCampaign(d -> d.email(Wait.days(1), "Hi", "We loved {{projectName}}."));

    assertThatThrownBy(
            () -> f.nudge.enroll(c.id(), candidate("Ada Lovelace").company("Acme").build()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("candidate.fields.projectName");
  }

  @Test
  void variableWithAFallback_needsNoValue() {
    Campaign c =
        f.startedCampaign(d -> d.email(Wait.days(1), "Hi", "Love what {{company|your team}} does"));

    EnrollmentId id = f.enroll(c.id(), candidate("Ada Lovelace").build());

    assertThat(f.enrollment(id)).isNotNull();
  }

  @Test
  void lineBreakInAValueUsedInTheSubject_isRefused_namingTheField() {
    Campaign c = f.startedCampaign(d -> d.email(Wait.days(1), "About {{role}}", "Hello"));
    Candidate sneaky =
        candidate("Ada Lovelace").field("role", "CTO\r\nBcc: victim@example.com").build();

    assertThatThrownBy(() -> f.nudge.enroll(c.id(), sneaky))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line break")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("candidate.fields.role");
  }

  @Test
  void lineBreakInABodyValue_isFine() {
    Campaign c = f.startedCampaign(d -> d.email(Wait.days(1), "Hello", "Notes: {{notes}}"));

    f.enroll(c.id(), candidate("Ada Lovelace").field("notes", "line one\nline two").build());
    f.runFor(java.time.Duration.ofDays(10));

    assertThat(f.transport.last().text()).isEqualTo("Notes: line one\nline two");
  }

  @Test
  void unknownCampaign_isNotFound() {
    assertThatThrownBy(
            () -> f.nudge.enroll(dev.nudge.CampaignId.random(), candidate("Ada Lovelace").build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void bulkEnrollment_givesEachCandidateItsOwnResult() {
    Campaign c = f.startedCampaign(d -> d.email(Wait.days(1), "Hi", "At {{company}}?"));
    EnrollmentId existing = f.enroll(c.id(), candidate("Alan Turing").company("NPL").build());
    f.nudge.unsubscribe(EmailAddress.of("grace.hopper@example.com"), false);

    List<EnrollResult> results =
        f.nudge.enrollAll(
            c.id(),
            List.of(
                candidate("Ada Lovelace").company("Analytical").build(),
                candidate("Alan Turing").company("NPL").build(),
                candidate("Grace Hopper").company("Navy").build(),
                candidate("Edsger Dijkstra").build(),
                candidate("Barbara Liskov").company("MIT").build()));

    assertThat(results.get(0)).isInstanceOf(EnrollResult.Enrolled.class);
    assertThat(results.get(1)).isEqualTo(new EnrollResult.AlreadyEnrolled(existing));
    assertThat(results.get(2)).isInstanceOf(EnrollResult.Suppressed.class);
    assertThat(results.get(3))
        .isInstanceOfSatisfying(
            EnrollResult.Invalid.class,
            inv -> {
              assertThat(inv.field()).isEqualTo("candidate.company");
              assertThat(inv.candidateId().value()).isEqualTo("c-edsger.dijkstra");
            });
    assertThat(results.get(4)).isInstanceOf(EnrollResult.Enrolled.class);
    assertThat(f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.ACTIVE)).total())
        .isEqualTo(3);
  }

  @Test
  void bulkEnrollment_listingTheSameCandidateTwice_enrollsItOnce() {
    Campaign c = f.startedCampaign();

    List<EnrollResult> results =
        f.nudge.enrollAll(
            c.id(), List.of(candidate("Ada Lovelace").build(), candidate("Ada Lovelace").build()));

    assertThat(results.get(0)).isInstanceOf(EnrollResult.Enrolled.class);
    assertThat(results.get(1))
        .isEqualTo(new EnrollResult.AlreadyEnrolled(((EnrollResult.Enrolled) results.get(0)).id()));
  }

  @Test
  void enrollment_isLoggedAndPublished() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThat(f.nudge.activity(id))
        .extracting(EnrollmentEvent::type)
        .startsWith(
            EnrollmentEvent.Type.ENROLLED,
            EnrollmentEvent.Type.STATUS_CHANGED,
            EnrollmentEvent.Type.STEP_STATUS_CHANGED);
    assertThat(f.events.ofType(EnrollmentEvent.Type.ENROLLED)).hasSize(1);
  }

  @Test
  void samePersonUnderAnotherCandidateId_isAlreadyEnrolled() {
    Campaign c = f.startedCampaign();
    EnrollmentId first =
        f.enroll(c.id(), Candidate.builder("ats-1", "Ada Lovelace", "ada@example.com").build());

    EnrollResult again =
        f.nudge.enroll(
            c.id(), Candidate.builder("ats-2", "Ada Lovelace", "ADA@example.com").build());
    List<EnrollResult> bulk =
        f.nudge.enrollAll(
            c.id(),
            List.of(
                Candidate.builder("ats-3", "Alan Turing", "alan@example.com").build(),
                Candidate.builder("ats-4", "A. Turing", "alan@example.com").build()));
    f.run();

    assertThat(again).isEqualTo(new EnrollResult.AlreadyEnrolled(first));
    assertThat(bulk.get(1))
        .isEqualTo(new EnrollResult.AlreadyEnrolled(((EnrollResult.Enrolled) bulk.get(0)).id()));
    assertThat(f.transport.sent()).hasSize(2);
  }

  @Test
  void samePersonWhoAlreadyReplied_isNotEnrolledAgainUnderAnotherId() {
    Campaign c = f.startedCampaign();
    EnrollmentId first =
        f.enroll(c.id(), Candidate.builder("ats-1", "Ada Lovelace", "ada@example.com").build());
    f.run();
    f.nudge.record(
        Fixture.ref(first, 1),
        new dev.nudge.InboundEvent.Reply("Not interested", dev.nudge.MatchMethod.IN_THREAD));

    assertThat(
            f.nudge.enroll(c.id(), Candidate.builder("ats-2", "Ada L.", "ada@example.com").build()))
        .isEqualTo(new EnrollResult.AlreadyEnrolled(first));
    f.runFor(java.time.Duration.ofDays(14));
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void nullCandidates_areRefusedNamingThePosition() {
    Campaign c = f.startedCampaign();
    List<Candidate> withNull = new java.util.ArrayList<>();
    withNull.add(candidate("Ada Lovelace").build());
    withNull.add(null);

    assertThatThrownBy(() -> f.nudge.enrollAll(c.id(), withNull))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("candidates[1]");
    assertThat(f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.ACTIVE)).total())
        .isZero();
  }
}

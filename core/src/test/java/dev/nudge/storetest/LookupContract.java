package dev.nudge.storetest;

import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.messageId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.CandidateId;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.EnrollmentLookup;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ways to find enrollments: by campaign, candidate, address and Message-ID. */
abstract class LookupContract extends ContractSupport {
  LookupContract(StoreContractTest suite) {
    super(suite);
  }

  private List<Enrollment> find(EnrollmentLookup lookup) {
    return store.enrollments().find(lookup);
  }

  @Test
  void byCampaign_listsTheCampaignsEnrollmentsInEnrollmentOrder() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Instant t = StoreData.now().minusSeconds(600);
    Enrollment zoe =
        insert(StoreData.enrollment(backend, candidate("Zoe Zed")).enrolledAt(t).build());
    Enrollment other =
        insert(
            StoreData.enrollment(frontend, candidate("Ada Lovelace"))
                .enrolledAt(t.plusSeconds(1))
                .build());
    Enrollment ada =
        StoreData.enrollment(backend, candidate("Ada Lovelace"))
            .enrolledAt(t.plusSeconds(2))
            .build();
    Enrollment mia =
        StoreData.enrollment(backend, candidate("Mia Mu")).enrolledAt(t.plusSeconds(3)).build();
    commit(changes().insert(ada).insert(mia));

    assertThat(find(new EnrollmentLookup.ByCampaign(backend.id()))).containsExactly(zoe, ada, mia);
    assertThat(find(new EnrollmentLookup.ByCampaign(frontend.id()))).containsExactly(other);
  }

  @Test
  void byCampaign_ofCampaignWithoutEnrollments_isEmpty() {
    Campaign c = storedCampaign("Backend engineers");

    assertThat(find(new EnrollmentLookup.ByCampaign(c.id()))).isEmpty();
    assertThat(find(new EnrollmentLookup.ByCampaign(CampaignId.random()))).isEmpty();
  }

  @Test
  void byCandidate_findsTheCandidatesEnrollmentsAcrossCampaigns() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Enrollment adaBackend =
        insert(StoreData.enrollment(backend, candidate("Ada Lovelace")).build());
    Enrollment adaFrontend =
        insert(StoreData.enrollment(frontend, candidate("Ada Lovelace")).build());
    insert(StoreData.enrollment(backend, candidate("Grace Hopper")).build());

    assertThat(find(new EnrollmentLookup.ByCandidate(CandidateId.of("c-ada.lovelace"))))
        .containsExactlyInAnyOrder(adaBackend, adaFrontend);
    assertThat(find(new EnrollmentLookup.ByCandidate(CandidateId.of("c-nobody")))).isEmpty();
  }

  @Test
  void byAddress_matchesThePrimaryAddressIgnoringCase() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada =
        insert(
            StoreData.enrollment(c, candidate("c-ada", "Ada", "Ada.Lovelace@Example.com")).build());
    insert(StoreData.enrollment(c, candidate("Grace Hopper")).build());

    assertThat(store.enrollments().findByAddress(EmailAddress.of("ADA.LOVELACE@example.COM")))
        .containsExactly(ada);
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada.lovelace@example.com")))
        .containsExactly(ada);
  }

  @Test
  void byAddress_matchesAnAlternateAddress() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada =
        insert(
            StoreData.enrollment(
                    c, candidate("c-ada", "Ada", "ada@work.example", "Ada@Home.example"))
                .build());

    assertThat(find(new EnrollmentLookup.ByAddress(EmailAddress.of("ada@home.example"))))
        .containsExactly(ada);
    assertThat(find(new EnrollmentLookup.ByAddress(EmailAddress.of("ada@elsewhere.example"))))
        .isEmpty();
  }

  @Test
  void byAddress_findsEnrollmentsAcrossCampaigns() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Enrollment asPrimary =
        insert(
            StoreData.enrollment(backend, candidate("c-ada", "Ada", "ada@work.example")).build());
    Enrollment asAlternate =
        insert(
            StoreData.enrollment(
                    frontend,
                    candidate("c-ada-2", "Ada L.", "ada@home.example", "ADA@work.example"))
                .build());

    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@work.example")))
        .containsExactlyInAnyOrder(asPrimary, asAlternate);
  }

  @Test
  void byAddress_followsTheAddressesOfTheLatestVersion() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment v1 =
        insert(
            StoreData.enrollment(
                    c, candidate("c-ada", "Ada", "ada@work.example", "ada@old.example"))
                .build());
    Candidate moved = candidate("c-ada", "Ada", "ada@work.example", "ada@new.example");
    Enrollment v2 = update(StoreData.next(v1).candidate(moved).build());

    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@old.example"))).isEmpty();
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@new.example")))
        .containsExactly(v2);
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@work.example")))
        .containsExactly(v2);
  }

  @Test
  void byAddress_followsThePrimaryAddressWhenItChangesPlaceWithAnAlternate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment v1 =
        insert(
            StoreData.enrollment(
                    c, candidate("c-ada", "Ada", "ada@work.example", "ada@home.example"))
                .build());
    Enrollment v2 =
        update(
            StoreData.next(v1)
                .candidate(candidate("c-ada", "Ada", "ada@home.example", "ada@work.example"))
                .build());
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@home.example")))
        .containsExactly(v2);
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@work.example")))
        .containsExactly(v2);
    Enrollment v3 =
        update(
            StoreData.next(v2)
                .candidate(candidate("c-ada", "Ada", "ada@new.example", "ada@work.example"))
                .build());

    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@home.example"))).isEmpty();
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@work.example")))
        .containsExactly(v3);
    assertThat(store.enrollments().findByAddress(EmailAddress.of("ada@new.example")))
        .containsExactly(v3);
  }

  @Test
  void byMessageId_findsTheEnrollmentOnceAnUpdateAddsASendAttempt() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    Enrollment v1 = insert(StoreData.scheduled(c, candidate("Ada Lovelace"), t));
    insert(StoreData.scheduled(c, candidate("Grace Hopper"), t));
    String id = messageId("ada-1");

    assertThat(store.enrollments().findByMessageId(id)).isEmpty();

    Enrollment v2 = update(StoreData.next(v1).inFlight(1, t, id).build());
    assertThat(find(new EnrollmentLookup.ByMessageId(id))).containsExactly(v2);

    Enrollment v3 = update(StoreData.next(v2).sent(1, t.plusSeconds(1), id).build());
    assertThat(store.enrollments().findByMessageId(id)).contains(v3);
  }

  @Test
  void byMessageId_ofUnknownMessageId_isEmpty() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    insert(
        StoreData.enrollment(c, candidate("Ada Lovelace")).sent(1, t, messageId("ada-1")).build());

    assertThat(find(new EnrollmentLookup.ByMessageId(messageId("someone-else")))).isEmpty();
  }

  @Test
  void byMessageId_ofAStrayReferenceNoSendCarries_isEmpty() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    insert(
        StoreData.enrollment(c, candidate("Ada Lovelace")).sent(1, t, messageId("ada-1")).build());

    // other characters than printable ASCII, and longer than any Message-ID the engine makes
    assertThat(find(new EnrollmentLookup.ByMessageId("<café@bücher.example>"))).isEmpty();
    assertThat(find(new EnrollmentLookup.ByMessageId("<a\0b@nudge.example>"))).isEmpty();
    assertThat(find(new EnrollmentLookup.ByMessageId("<a b@nudge.example>"))).isEmpty();
    assertThat(find(new EnrollmentLookup.ByMessageId("<" + "x".repeat(400) + "@a.example>")))
        .isEmpty();
  }

  @Test
  void byMessageId_findsTheLongestMessageIdTheEngineMakes() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    // 26 random characters on a 253-character domain
    String domain = ("d".repeat(62) + ".").repeat(3) + "e".repeat(56) + ".example";
    String id = "<" + "a".repeat(26) + "@" + domain + ">";
    Enrollment ada =
        insert(StoreData.enrollment(c, candidate("Ada Lovelace")).sent(1, t, id).build());

    assertThat(domain).hasSize(253);
    assertThat(id).hasSize(282);
    assertThat(find(new EnrollmentLookup.ByMessageId(id))).containsExactly(ada);
  }

  @Test
  void candidateIds_thatDifferByATrailingSpace_areTwoCandidates() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ann =
        insert(StoreData.enrollment(c, candidate("42", "Ann", "ann@example.com")).build());
    Enrollment bob =
        insert(StoreData.enrollment(c, candidate("42 ", "Bob", "bob@example.com")).build());

    assertThat(store.enrollments().findByCandidate(c.id(), CandidateId.of("42"))).contains(ann);
    assertThat(store.enrollments().findByCandidate(c.id(), CandidateId.of("42 "))).contains(bob);
    assertThat(find(new EnrollmentLookup.ByCandidate(CandidateId.of("42")))).containsExactly(ann);
  }

  @Test
  void byCampaignAndCandidate_findsTheOneEnrollment() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Enrollment adaBackend =
        insert(StoreData.enrollment(backend, candidate("Ada Lovelace")).build());
    Enrollment adaFrontend =
        insert(StoreData.enrollment(frontend, candidate("Ada Lovelace")).build());
    CandidateId ada = CandidateId.of("c-ada.lovelace");

    assertThat(find(new EnrollmentLookup.ByCampaignAndCandidate(backend.id(), ada)))
        .containsExactly(adaBackend);
    assertThat(store.enrollments().findByCandidate(frontend.id(), ada)).contains(adaFrontend);
    assertThat(store.enrollments().findByCandidate(backend.id(), CandidateId.of("c-nobody")))
        .isEmpty();
  }

  @Test
  void findEnrolled_findsTheCampaignsEnrollmentsByCandidateIdOrByAnyAddress() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Enrollment ada =
        insert(
            StoreData.enrollment(backend, candidate("c-ada", "Ada", "ada@work.example")).build());
    Enrollment grace =
        insert(
            StoreData.enrollment(
                    backend, candidate("c-grace", "Grace", "grace@navy.example", "G@Home.example"))
                .build());
    insert(StoreData.enrollment(backend, candidate("c-mia", "Mia", "mia@work.example")).build());
    insert(StoreData.enrollment(frontend, candidate("c-zoe", "Zoe", "zoe@work.example")).build());

    List<Enrollment> found =
        store
            .enrollments()
            .findEnrolled(
                backend.id(),
                List.of(CandidateId.of("c-ada"), CandidateId.of("c-zoe"), CandidateId.of("c-x")),
                List.of(
                    EmailAddress.of("g@HOME.example"),
                    EmailAddress.of("ada@work.example"),
                    EmailAddress.of("zoe@work.example")));

    // Ada by id and by address, once; Grace by an alternate; Zoe is in another campaign
    assertThat(found).containsExactlyInAnyOrder(ada, grace);
    assertThat(store.enrollments().findEnrolled(backend.id(), List.of(), List.of())).isEmpty();
  }

  @Test
  void findInCampaign_visitsEveryEnrollmentOfTheCampaignOnceInSlices() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Set<Enrollment> enrolled = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      enrolled.add(insert(StoreData.enrollment(backend, candidate("Person " + i)).build()));
    }
    insert(StoreData.enrollment(frontend, candidate("Someone Else")).build());

    List<Enrollment> visited = new ArrayList<>();
    EnrollmentId after = null;
    for (int slices = 0; slices < 10; slices++) {
      List<Enrollment> slice = store.enrollments().findInCampaign(backend.id(), after, 3);
      assertThat(slice).hasSizeLessThanOrEqualTo(3);
      if (slice.isEmpty()) {
        break;
      }
      visited.addAll(slice);
      after = slice.get(slice.size() - 1).id();
    }

    assertThat(visited).hasSize(7).containsExactlyInAnyOrderElementsOf(enrolled);
    assertThat(store.enrollments().findInCampaign(CampaignId.random(), null, 3)).isEmpty();
  }
}

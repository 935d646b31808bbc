package dev.nudge.storetest;

import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.messageId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.Enrollment;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.StepTotals;
import dev.nudge.testkit.EnrollmentDraft;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-step totals [S26] and open manual tasks per owner [S23]. */
abstract class StatisticsContract extends ContractSupport {
  private Campaign campaign;
  private Instant t;

  StatisticsContract(StoreContractTest suite) {
    super(suite);
  }

  @BeforeEach
  final void storeCampaign() {
    campaign = storedCampaign("Backend engineers");
    t = StoreData.now().minusSeconds(7 * 86_400);
  }

  private EnrollmentDraft sentStep1(Campaign c, String name) {
    return StoreData.enrollment(c, candidate(name))
        .enrolledAt(t)
        .sent(1, t.plusSeconds(60), messageId(name.replace(' ', '.') + "-1"));
  }

  private static InboundEvent.Reply reply() {
    return new InboundEvent.Reply("Sure, let's talk.", MatchMethod.IN_THREAD);
  }

  @Test
  void stepTotals_countSentOpenedRepliedAndHardBouncedSteps_perStep() {
    Enrollment ada =
        sentStep1(campaign, "Ada Lovelace")
            .engagement(
                1, g -> g.withOpen(t.plusSeconds(600), false).withOpen(t.plusSeconds(700), false))
            .engagement(1, g -> g.withReply(t.plusSeconds(800), reply()))
            .build();
    Enrollment grace =
        sentStep1(campaign, "Grace Hopper")
            .engagement(1, g -> g.withOpen(t.plusSeconds(900), false))
            .sent(2, t.plusSeconds(3 * 86_400), messageId("grace-2"))
            .engagement(
                2,
                g ->
                    g.withBounce(
                        t.plusSeconds(3 * 86_400 + 60),
                        InboundEvent.Bounce.hard(candidate("Grace Hopper").email(), "5.1.1")))
            .build();
    Enrollment mia = sentStep1(campaign, "Mia Mu").build();
    Enrollment zoe = StoreData.enrollment(campaign, candidate("Zoe Zed")).scheduled(1, t).build();
    commit(changes().insert(ada).insert(grace).insert(mia).insert(zoe));

    assertThat(store.enrollments().statistics().stepTotals(campaign.id(), 3))
        .containsExactly(
            new StepTotals(1, 3, 2, 1, 0),
            new StepTotals(2, 1, 0, 0, 1),
            new StepTotals(3, 0, 0, 0, 0));
  }

  @Test
  void stepTotals_ignoreMachineOpensAndSoftBounces() {
    Enrollment ada =
        sentStep1(campaign, "Ada Lovelace")
            .engagement(
                1,
                g ->
                    g.withOpen(t.plusSeconds(61), true)
                        .withBounce(
                            t.plusSeconds(120),
                            InboundEvent.Bounce.soft(candidate("Ada Lovelace").email(), "4.2.2")))
            .build();
    insert(ada);

    assertThat(store.enrollments().statistics().stepTotals(campaign.id(), 3))
        .containsExactly(
            new StepTotals(1, 1, 0, 0, 0),
            new StepTotals(2, 0, 0, 0, 0),
            new StepTotals(3, 0, 0, 0, 0));
  }

  @Test
  void stepTotals_ofCampaignWithoutEnrollments_areZeroForEveryStep() {
    assertThat(store.enrollments().statistics().stepTotals(campaign.id(), 3))
        .containsExactly(
            new StepTotals(1, 0, 0, 0, 0),
            new StepTotals(2, 0, 0, 0, 0),
            new StepTotals(3, 0, 0, 0, 0));
    assertThat(store.enrollments().statistics().stepTotals(CampaignId.random(), 2))
        .containsExactly(new StepTotals(1, 0, 0, 0, 0), new StepTotals(2, 0, 0, 0, 0));
  }

  @Test
  void stepTotals_countOnlyTheCampaignsEnrollments() {
    Campaign other = storedCampaign("Frontend engineers");
    insert(
        sentStep1(other, "Ada Lovelace")
            .engagement(
                1,
                g -> g.withOpen(t.plusSeconds(600), false).withReply(t.plusSeconds(700), reply()))
            .build());
    insert(sentStep1(campaign, "Grace Hopper").build());

    assertThat(store.enrollments().statistics().stepTotals(campaign.id(), 3))
        .containsExactly(
            new StepTotals(1, 1, 0, 0, 0),
            new StepTotals(2, 0, 0, 0, 0),
            new StepTotals(3, 0, 0, 0, 0));
  }

  @Test
  void openTasks_listTheOwnersTasksAcrossCampaigns_oldestDueFirst() {
    Campaign other = storedCampaign("Frontend engineers");
    Instant now = StoreData.now();
    Enrollment later =
        insert(
            StoreData.enrollment(campaign, candidate("Ada Lovelace"))
                .task(3, "alice", now.minusSeconds(3600))
                .build());
    Enrollment earlier =
        insert(
            StoreData.enrollment(other, candidate("Grace Hopper"))
                .task(3, "alice", now.minusSeconds(7200))
                .build());
    Enrollment latest =
        insert(
            StoreData.enrollment(campaign, candidate("Mia Mu"))
                .task(3, "alice", now.plusSeconds(60))
                .build());
    insert(StoreData.enrollment(campaign, candidate("Zoe Zed")).task(3, "bob", now).build());
    insert(StoreData.scheduled(campaign, candidate("Al Smith"), now));

    assertThat(store.enrollments().statistics().openTasks("alice"))
        .containsExactly(earlier, later, latest);
    assertThat(store.enrollments().statistics().openTasks("carol")).isEmpty();
  }

  @Test
  void completedTask_leavesTheOwnersOpenTasks() {
    Instant now = StoreData.now();
    Enrollment done =
        insert(
            StoreData.enrollment(campaign, candidate("Ada Lovelace"))
                .task(3, "alice", now.minusSeconds(3600))
                .build());
    Enrollment open =
        insert(
            StoreData.enrollment(campaign, candidate("Grace Hopper"))
                .task(3, "alice", now.minusSeconds(1800))
                .build());

    update(StoreData.next(done).taskDone(3, now).build());

    assertThat(store.enrollments().statistics().openTasks("alice")).containsExactly(open);
  }

  @Test
  void reassignedTask_movesToTheNewOwnersOpenTasks() {
    Instant now = StoreData.now();
    Enrollment v1 =
        insert(
            StoreData.enrollment(campaign, candidate("Ada Lovelace"))
                .task(3, "alice", now.minusSeconds(3600))
                .build());

    Enrollment v2 = update(StoreData.next(v1).step(3, s -> s.withTaskOwner("bob")).build());

    assertThat(store.enrollments().statistics().openTasks("alice")).isEmpty();
    assertThat(store.enrollments().statistics().openTasks("bob")).containsExactly(v2);
  }
}

package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepRef;
import dev.nudge.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Replies committed from other threads while the runner claims and sends the same enrollments' next
 * steps: once a reply is committed, no email of its enrollment is handed to the transport, and no
 * step of it is recorded in flight after the reply.
 */
class ReplyRaceTest {
  private static final TestDatabase DB = TestDatabase.postgres();
  private static final int CANDIDATES = 1_500;
  private static final long SEED = Long.getLong("nudge.test.seed", System.nanoTime());

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void noEmailLeavesAfterACommittedReply() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    Random random = new Random(SEED);
    Map<EnrollmentId, Long> repliedAt = new ConcurrentHashMap<>();
    try (Nudge nudge =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("racer").build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(100_000));
      CampaignDefinition.Builder d =
          CampaignDefinition.builder("Backend engineers", "ada@acme.example")
              .schedule(SendingSchedule.always())
              .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?");
      for (int s = 0; s < 4; s++) {
        d.replyInThread(Wait.none(), "Bumping this up, {{firstName}}.");
      }
      Campaign c = nudge.startCampaign(nudge.createCampaign(d.build()).id());
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < CANDIDATES; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      List<EnrollmentId> ids = new ArrayList<>();
      for (EnrollResult r : nudge.enrollAll(c.id(), candidates)) {
        ids.add(r.orElseThrow());
      }
      Collections.shuffle(ids, random);

      nudge.start();
      ExecutorService repliers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        int share = ids.size() / 2 / 4; // half of them reply, while their steps go out
        for (int t = 0; t < 4; t++) {
          List<EnrollmentId> mine = ids.subList(t * share, (t + 1) * share);
          long pause = 1L + random.nextInt(3);
          done.add(
              repliers.submit(
                  () -> {
                    for (EnrollmentId id : mine) {
                      nudge.record(
                          new StepRef(id, 1),
                          new InboundEvent.Reply("Thanks, not now.", MatchMethod.IN_THREAD));
                      repliedAt.put(id, System.nanoTime());
                      Thread.sleep(pause);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        repliers.shutdown();
      }
      nudge.awaitIdle(Duration.ofMinutes(2));

      List<String> late = new ArrayList<>();
      for (RecordingTransport.Sent s : transport.sent()) {
        Long replied = repliedAt.get(s.enrollmentId());
        if (replied != null && s.startedNanos() > replied) {
          late.add(s.email().step() + " " + s.email().messageId());
        }
      }
      assertThat(late).as("sent after a committed reply (seed %d)", SEED).isEmpty();
      for (EnrollmentId id : repliedAt.keySet()) {
        boolean replied = false;
        for (EnrollmentEvent e : nudge.activity(id)) {
          if (e.type() == EnrollmentEvent.Type.REPLIED) {
            replied = true;
          }
          if (replied
              && e.type() == EnrollmentEvent.Type.STEP_STATUS_CHANGED
              && "IN_FLIGHT".equals(e.to())) {
            throw new AssertionError(
                "step "
                    + e.step()
                    + " of "
                    + id
                    + " went in flight after the reply (seed "
                    + SEED
                    + ")");
          }
        }
      }
      // the others went on to their last step
      assertThat(transport.count()).isGreaterThan(ids.size() / 2 * 5);
    }
  }
}

package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignOptions;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed makes ids, Message-IDs and send jitter reproducible. */
class SeedTest {
  /** Runs a small jittered campaign for two days and lists ids, Message-IDs and send times. */
  private static List<String> run(long seed) {
    SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
    RecordingTransport transport = new RecordingTransport();
    List<String> seen = new ArrayList<>();
    try (Nudge n =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(transport)
            .seed(seed)
            .build()) {
      n.registerMailbox(Fixture.mailbox());
      Campaign c =
          n.createCampaign(
              Fixture.definition()
                  .options(CampaignOptions.defaults().withJitter(Duration.ofHours(2)))
                  .build());
      seen.add("campaign " + c.id());
      for (int i = 0; i < 5; i++) {
        seen.add("enrolled " + n.enroll(c.id(), Fixture.candidate("C " + i).build()).orElseThrow());
      }
      n.startCampaign(c.id());
      for (int i = 0; i < 2 * 24 * 4; i++) {
        clock.advance(Duration.ofMinutes(15));
        n.runDue();
      }
      n.candidates(c.id(), dev.nudge.CandidatesQuery.of(dev.nudge.CandidateView.ACTIVE))
          .items()
          .forEach(row -> seen.add(row.name() + " " + row.steps().get(0).at()));
      transport.sent().forEach(m -> seen.add(m.messageId()));
    }
    return seen;
  }

  @Test
  void sameSeed_sameIdsMessageIdsAndSendTimes() {
    assertThat(run(7)).isEqualTo(run(7)).hasSize(16);
  }

  @Test
  void anotherSeed_otherIds() {
    assertThat(run(7).get(0)).isNotEqualTo(run(8).get(0));
  }
}

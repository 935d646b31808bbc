package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EnrollmentId;
import dev.nudge.InvalidInputException;
import dev.nudge.testkit.Fixture;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** [S27] A null given to a command or a query is refused with an error naming the parameter. */
class NullArgumentsTest {

  @Test
  @SuppressWarnings("NullAway") // the nulls are the point
  void aNullArgument_isRefusedNamingTheParameter_andChangesNothing() {
    try (Fixture f = new Fixture()) {
      EnrollmentId ada = f.enroll(f.startedCampaign().id(), "Ada Lovelace");
      long version = f.enrollment(ada).version();
      List<Call> calls = new ArrayList<>();
      calls.add(new Call("id", () -> f.nudge.startCampaign(null)));
      calls.add(new Call("id", () -> f.nudge.pauseCampaign(null)));
      calls.add(new Call("id", () -> f.nudge.resumeCampaign(null)));
      calls.add(new Call("id", () -> f.nudge.archiveCampaign(null)));
      calls.add(
          new Call(
              "campaignId", () -> f.nudge.enroll(null, Fixture.candidate("Alan Turing").build())));
      calls.add(new Call("campaignId", () -> f.nudge.enrollAll(null, List.of())));
      calls.add(new Call("id", () -> f.nudge.pauseCandidate(null)));
      calls.add(new Call("id", () -> f.nudge.resumeCandidate(null)));
      calls.add(new Call("id", () -> f.nudge.removeCandidate(null)));
      calls.add(new Call("step", () -> f.nudge.completeTask(null)));
      calls.add(new Call("step", () -> f.nudge.skipTask(null)));
      calls.add(new Call("event", () -> f.nudge.record(Fixture.ref(ada, 1), null)));
      calls.add(new Call("campaignId", () -> f.nudge.stepTotals(null)));
      calls.add(
          new Call(
              "campaignId",
              () -> f.nudge.candidates(null, CandidatesQuery.of(CandidateView.ACTIVE))));
      calls.add(new Call("id", () -> f.nudge.enrollment(null)));
      calls.add(new Call("id", () -> f.nudge.activity(null)));

      SoftAssertions soft = new SoftAssertions();
      for (Call call : calls) {
        soft.assertThat(catchThrowable(call.call()))
            .isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(call.field()));
      }
      soft.assertAll();
      assertThat(f.enrollment(ada).version()).isEqualTo(version);
    }
  }

  private record Call(String field, ThrowingCallable call) {}
}

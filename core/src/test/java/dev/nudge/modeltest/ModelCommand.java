package dev.nudge.modeltest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One command of a model-test sequence. Commands are drawn up front from the seed and name their
 * targets abstractly — a campaign or candidate by index, an enrollment by its position among those
 * enrolled so far (modulo their number), a step as "the latest one sent" or by number — so that a
 * sequence with some commands left out still runs, which is what shortening a failure needs.
 */
sealed interface ModelCommand {

  /** {@code step} value meaning "the step last sent to this enrollment, else its current step". */
  int LATEST_STEP = 0;

  /** {@code address} value meaning "the address the step went to, else the current one". */
  int STEP_ADDRESS = 0;

  /** Enrolls one candidate. */
  record Enroll(int campaign, int candidate) implements ModelCommand {}

  /** Enrolls several consecutive candidates in one call. */
  record EnrollBatch(int campaign, int firstCandidate, int count) implements ModelCommand {}

  /** Starts, pauses, resumes or archives a campaign. */
  record OnCampaign(int campaign, CampaignAction action) implements ModelCommand {}

  /** Runs what is due. */
  record RunDue() implements ModelCommand {}

  /** Moves the clock forward. */
  record Advance(Duration by) implements ModelCommand {}

  /** Moves the clock to the earliest scheduled step, and maybe runs what is due. */
  record AdvanceToNextDue(boolean thenRun) implements ModelCommand {}

  /** A human reply to a step. */
  record Reply(int target, int step) implements ModelCommand {}

  /** A hard or soft bounce of a step. */
  record Bounce(int target, int step, boolean hard, int address) implements ModelCommand {}

  /** An out-of-office reply, back after {@code returnInDays} (negative: no date given). */
  record AutoReply(int target, int step, int returnInDays) implements ModelCommand {}

  /** {@code Nudge.unsubscribe(address, wholeDomain)} for one of a candidate's addresses. */
  record Unsubscribe(int candidate, int address, boolean wholeDomain) implements ModelCommand {}

  /** {@code Nudge.record(ref, new InboundEvent.Unsubscribe(wholeDomain))}. */
  record UnsubscribeByStep(int target, int step, boolean wholeDomain) implements ModelCommand {}

  /** A spam complaint about a step. */
  record Complaint(int target, int step) implements ModelCommand {}

  /** Pauses, resumes or removes a candidate. */
  record OnCandidate(int target, CandidateAction action) implements ModelCommand {}

  /** Completes or skips the enrollment's open manual task (or, if none, its current step). */
  record FinishTask(int target, boolean complete) implements ModelCommand {}

  /** What a campaign command does. */
  enum CampaignAction {
    START,
    PAUSE,
    RESUME,
    ARCHIVE
  }

  /** What a candidate command does. */
  enum CandidateAction {
    PAUSE,
    RESUME,
    REMOVE
  }

  /**
   * Draws the commands of a sequence for {@code campaigns} campaigns and {@code candidates}: mostly
   * enrolling and starting first, archiving only in the last quarter, and each campaign started
   * early in nine sequences out of ten.
   */
  static List<ModelCommand> generate(Random r, int count, int campaigns, int candidates) {
    List<ModelCommand> out = new ArrayList<>(count);
    List<Enroll> enrolls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(next(r, i < 8, i >= count * 3 / 4, campaigns, candidates, enrolls));
    }
    for (int c = 0; c < campaigns; c++) {
      if (r.nextInt(10) != 0) {
        out.set(r.nextInt(10), new OnCampaign(c, CampaignAction.START));
      }
    }
    return List.copyOf(out);
  }

  /** Kinds of command with their weights; the first commands mostly enroll and start. */
  enum Kind {
    ENROLL(20, 60),
    ENROLL_BATCH(2, 0),
    START(12, 40),
    PAUSE_CAMPAIGN(4, 0),
    RESUME_CAMPAIGN(4, 0),
    ARCHIVE(2, 0),
    RUN_DUE(40, 0),
    ADVANCE(20, 0),
    ADVANCE_TO_NEXT_DUE(45, 0),
    REPLY(5, 0),
    BOUNCE(8, 0),
    AUTO_REPLY(6, 0),
    UNSUBSCRIBE(3, 0),
    COMPLAINT(1, 0),
    PAUSE_CANDIDATE(5, 0),
    RESUME_CANDIDATE(5, 0),
    REMOVE_CANDIDATE(2, 0),
    FINISH_TASK(20, 0);

    final int weight;
    final int earlyBonus;

    Kind(int weight, int earlyBonus) {
      this.weight = weight;
      this.earlyBonus = earlyBonus;
    }

    static Kind draw(Random r, boolean early, boolean late) {
      int total = 0;
      for (Kind k : values()) {
        total += k.weight(early, late);
      }
      int roll = r.nextInt(total);
      for (Kind k : values()) {
        roll -= k.weight(early, late);
        if (roll < 0) {
          return k;
        }
      }
      throw new IllegalStateException("weights do not add up");
    }

    private int weight(boolean early, boolean late) {
      if (this == ARCHIVE && !late) {
        return 0;
      }
      return weight + (early ? earlyBonus : 0);
    }
  }

  private static ModelCommand next(
      Random r, boolean early, boolean late, int campaigns, int candidates, List<Enroll> enrolls) {
    int campaign = r.nextInt(campaigns);
    int target = r.nextInt(12);
    int step = r.nextInt(4) == 0 ? 1 + r.nextInt(4) : LATEST_STEP;
    return switch (Kind.draw(r, early, late)) {
      case ENROLL -> enroll(r, campaign, candidates, enrolls);
      case ENROLL_BATCH ->
          new EnrollBatch(campaign, r.nextInt(candidates), 1 + r.nextInt(candidates));
      case START -> new OnCampaign(campaign, CampaignAction.START);
      case PAUSE_CAMPAIGN -> new OnCampaign(campaign, CampaignAction.PAUSE);
      case RESUME_CAMPAIGN -> new OnCampaign(campaign, CampaignAction.RESUME);
      case ARCHIVE -> new OnCampaign(campaign, CampaignAction.ARCHIVE);
      case RUN_DUE -> new RunDue();
      case ADVANCE ->
          new Advance(
              switch (r.nextInt(3)) {
                case 0 -> Duration.ofMinutes(1 + r.nextInt(120));
                case 1 -> Duration.ofHours(1 + r.nextInt(12));
                default -> Duration.ofDays(1 + r.nextInt(3)).plusMinutes(r.nextInt(60));
              });
      case ADVANCE_TO_NEXT_DUE -> new AdvanceToNextDue(r.nextInt(4) != 0);
      case REPLY -> new Reply(target, step);
      case BOUNCE ->
          new Bounce(
              target, step, r.nextBoolean(), r.nextInt(4) == 0 ? 1 + r.nextInt(3) : STEP_ADDRESS);
      case AUTO_REPLY -> new AutoReply(target, step, r.nextInt(3) == 0 ? -1 : r.nextInt(45) - 3);
      case UNSUBSCRIBE ->
          r.nextBoolean()
              ? new Unsubscribe(r.nextInt(candidates), r.nextInt(3), r.nextInt(4) == 0)
              : new UnsubscribeByStep(target, step, r.nextInt(4) == 0);
      case COMPLAINT -> new Complaint(target, step);
      case PAUSE_CANDIDATE -> new OnCandidate(target, CandidateAction.PAUSE);
      case RESUME_CANDIDATE -> new OnCandidate(target, CandidateAction.RESUME);
      case REMOVE_CANDIDATE -> new OnCandidate(target, CandidateAction.REMOVE);
      case FINISH_TASK -> new FinishTask(target, r.nextInt(3) != 0);
    };
  }

  private static Enroll enroll(Random r, int campaign, int candidates, List<Enroll> enrolls) {
    Enroll e =
        !enrolls.isEmpty() && r.nextInt(5) == 0
            ? enrolls.get(r.nextInt(enrolls.size())) // a duplicate
            : new Enroll(campaign, r.nextInt(candidates));
    enrolls.add(e);
    return e;
  }
}

package dev.nudge;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as stored: its definition, its status and a version for compare-and-set writes. Create
 * one with {@link CampaignDefinition} and {@code Nudge.createCampaign}.
 *
 * @param id identity
 * @param name shown to users
 * @param owner who manual tasks are assigned to unless a step names another assignee
 * @param mailbox the address of the registered sender mailbox it sends from
 * @param zone default time zone of candidates without one
 * @param schedule when emails may be sent and tasks appear
 * @param holidays weekend days and holidays: no sending on holidays, and business-day waits skip
 *     both
 * @param steps ordered steps, numbered from 1
 * @param options behaviour switches
 * @param status lifecycle status
 * @param createdAt creation time
 * @param startedAt first start, or null
 * @param syncPending whether the last status change has yet to reach every enrollment (the engine
 *     finishes it, also after a crash)
 * @param version incremented by every write
 */
public record Campaign(
    CampaignId id,
    String name,
    String owner,
    EmailAddress mailbox,
    ZoneId zone,
    SendingSchedule schedule,
    HolidayCalendar holidays,
    List<Step> steps,
    CampaignOptions options,
    CampaignStatus status,
    Instant createdAt,
    @Nullable Instant startedAt,
    boolean syncPending,
    long version) {

  /** Checks the components are present and the steps numbered 1..n. */
  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(holidays, "holidays");
    steps = List.copyOf(steps);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).number() != i + 1) {
        throw new IllegalArgumentException("steps must be numbered 1.." + steps.size());
      }
    }
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The step with this number (from 1). */
  public Step step(int number) {
    return steps.get(number - 1);
  }

  /**
   * The next version of this campaign in another status, checked against {@link
   * CampaignStatus#TRANSITIONS}; its enrollments are still to follow ({@link #syncPending()}).
   */
  public Campaign transition(CampaignStatus to, Instant now) {
    CampaignStatus.TRANSITIONS.transition("campaign " + id, status, to);
    Instant started = startedAt == null && to == CampaignStatus.STARTED ? now : startedAt;
    return new Campaign(
        id,
        name,
        owner,
        mailbox,
        zone,
        schedule,
        holidays,
        steps,
        options,
        to,
        createdAt,
        started,
        true,
        version + 1);
  }

  /** The next version, recording that every enrollment follows the current status. */
  public Campaign synced() {
    return new Campaign(
        id,
        name,
        owner,
        mailbox,
        zone,
        schedule,
        holidays,
        steps,
        options,
        status,
        createdAt,
        startedAt,
        false,
        version + 1);
  }
}

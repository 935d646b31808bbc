package dev.nudge;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user defines to create a campaign: name, mailbox, zone, sending schedule, holidays and
 * steps. {@link Builder#build()} checks everything — templates included — and names the field at
 * fault ({@code "steps[2].subject"} is step 2's subject).
 *
 * @param name shown to users
 * @param owner default assignee of manual tasks
 * @param mailbox address of the registered sender mailbox
 * @param zone zone of candidates who have none, or null for the mailbox's zone
 * @param schedule sending schedule
 * @param holidays weekend and holidays
 * @param steps steps in order, numbered from 1
 * @param options behaviour switches
 */
public record CampaignDefinition(
    String name,
    String owner,
    EmailAddress mailbox,
    @Nullable ZoneId zone,
    SendingSchedule schedule,
    HolidayCalendar holidays,
    List<Step> steps,
    CampaignOptions options) {

  /** Most steps a campaign may have. */
  public static final int MAX_STEPS = 50;

  /**
   * Longest owner or task assignee, in characters: stores index it, and 500 characters of up to
   * four bytes each stay within every database's limit for an index entry.
   */
  public static final int MAX_OWNER = 500;

  /** Longest body, HTML body or task instructions, in characters. */
  public static final int MAX_BODY = 100_000;

  /** Validates everything, templates included. */
  public CampaignDefinition {
    name = singleLine("name", name, true, Candidate.MAX_TEXT_LENGTH);
    owner = singleLine("owner", owner, true, MAX_OWNER);
    if (mailbox == null) {
      throw new InvalidInputException("mailbox", "is required");
    }
    if (schedule == null) {
      throw new InvalidInputException("schedule", "is required");
    }
    if (holidays == null) {
      throw new InvalidInputException("holidays", "is required");
    }
    if (options == null) {
      throw new InvalidInputException("options", "is required");
    }
    if (steps == null) {
      throw new InvalidInputException("steps", "is required");
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step == null) {
        throw new InvalidInputException("steps[" + (i + 1) + "]", "must not be null");
      }
      if (step.number() != i + 1) {
        throw new InvalidInputException(
            "steps[" + (i + 1) + "].number",
            "steps are numbered 1..n in order, found " + step.number());
      }
    }
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new InvalidInputException("steps", "a campaign needs at least one step");
    }
    if (steps.size() > MAX_STEPS) {
      throw new InvalidInputException("steps", "more than " + MAX_STEPS + " steps");
    }
    boolean emailBefore = false;
    for (Step step : steps) {
      checkStep(step, emailBefore);
      emailBefore |= step.action() instanceof EmailAction;
    }
  }

  /**
   * Starts a definition with its name and the address of the sender mailbox it sends from; the
   * mailbox must be registered ({@code Nudge.registerMailbox}) when the campaign is created.
   */
  public static Builder builder(String name, EmailAddress mailbox) {
    return new Builder(name, mailbox);
  }

  /** Starts a definition with its name and the address of its registered sender mailbox. */
  public static Builder builder(String name, String mailbox) {
    return new Builder(name, EmailAddress.of("mailbox", mailbox));
  }

  private static void checkStep(Step step, boolean emailBefore) {
    String at = "steps[" + step.number() + "]";
    StepAction action = step.action();
    if (action instanceof EmailAction email) {
      Template subject = Template.parse(at + ".subject", email.subject());
      singleLine(at + ".subject", email.subject(), false, Candidate.MAX_TEXT_LENGTH);
      if (email.threading() == Threading.NEW_THREAD && subject.source().isBlank()) {
        throw new InvalidInputException(at + ".subject", "a new-thread email needs a subject");
      }
      if (email.threading() == Threading.REPLY_IN_THREAD && !emailBefore) {
        throw new InvalidInputException(
            at + ".threading", "a reply in thread needs an earlier email step to answer");
      }
      if (Template.parse(at + ".text", email.text()).source().isBlank()) {
        throw new InvalidInputException(at + ".text", "must not be blank");
      }
      bounded(at + ".text", email.text());
      if (email.html() != null) {
        Template.parse(at + ".html", email.html());
        bounded(at + ".html", email.html());
      }
    } else if (action instanceof TaskAction task) {
      if (Template.parse(at + ".instructions", task.instructions()).source().isBlank()) {
        throw new InvalidInputException(at + ".instructions", "must not be blank");
      }
      bounded(at + ".instructions", task.instructions());
      if (task.assignee() != null) {
        singleLine(at + ".assignee", task.assignee(), true, MAX_OWNER);
      }
    }
  }

  private static void bounded(String field, String body) {
    if (body.length() > MAX_BODY) {
      throw new InvalidInputException(
          field, body.length() + " characters; at most " + MAX_BODY + " are accepted");
    }
    Texts.storable(field, body);
  }

  private static String singleLine(
      String field, @Nullable String value, boolean required, int maxLength) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    if (required && value.isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new InvalidInputException(field, "contains a line break (CR or LF)");
    }
    if (value.length() > maxLength) {
      throw new InvalidInputException(field, "longer than " + maxLength + " characters");
    }
    Texts.storable(field, value);
    return value.strip();
  }

  /**
   * Collects a campaign definition. Defaults: the mailbox's zone, a Monday–Friday 09:00–17:00
   * schedule, Saturday and Sunday as weekend without holidays, {@link CampaignOptions#defaults()},
   * the mailbox address as owner.
   */
  public static final class Builder {
    private final String name;
    private final EmailAddress mailbox;
    private @Nullable String owner;
    private @Nullable ZoneId zone;
    private SendingSchedule schedule =
        SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0));
    private HolidayCalendar holidays = HolidayCalendar.none();
    private CampaignOptions options = CampaignOptions.defaults();
    private final List<Step> steps = new ArrayList<>();

    private Builder(String name, EmailAddress mailbox) {
      this.name = name;
      this.mailbox = InvalidInputException.required(mailbox, "mailbox");
    }

    /** Sets who manual tasks are assigned to by default. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets the zone used for candidates without one; the mailbox's zone when not set. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Sets the sending schedule. */
    public Builder schedule(SendingSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Sets the weekend and holidays. */
    public Builder holidays(HolidayCalendar holidays) {
      this.holidays = holidays;
      return this;
    }

    /** Sets the behaviour switches. */
    public Builder options(CampaignOptions options) {
      this.options = options;
      return this;
    }

    /** Appends a step. */
    public Builder step(Wait wait, StepAction action) {
      InvalidInputException.required(wait, next() + ".wait");
      InvalidInputException.required(action, next() + ".action");
      steps.add(new Step(steps.size() + 1, wait, action));
      return this;
    }

    /** Appends a new-thread email step. */
    public Builder email(Wait wait, String subject, String text) {
      InvalidInputException.required(subject, next() + ".subject");
      InvalidInputException.required(text, next() + ".text");
      return step(wait, EmailAction.newThread(subject, text));
    }

    /** Appends an email step that replies in the previous email's thread. */
    public Builder replyInThread(Wait wait, String text) {
      InvalidInputException.required(text, next() + ".text");
      return step(wait, EmailAction.replyInThread(text));
    }

    /** Appends a manual task for the campaign's owner. */
    public Builder task(Wait wait, TaskKind kind, String instructions) {
      InvalidInputException.required(kind, next() + ".kind");
      InvalidInputException.required(instructions, next() + ".instructions");
      return step(wait, TaskAction.of(kind, instructions));
    }

    /** The path of the step appended next, e.g. {@code "steps[3]"}. */
    private String next() {
      return "steps[" + (steps.size() + 1) + "]";
    }

    /** Validates and returns the definition. */
    public CampaignDefinition build() {
      return new CampaignDefinition(
          name,
          owner == null ? mailbox.value() : owner,
          mailbox,
          zone,
          schedule,
          holidays,
          steps,
          options);
    }
  }
}

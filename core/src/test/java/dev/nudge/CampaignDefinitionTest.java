package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A campaign definition is checked whole before anything is stored; errors name the field. */
class CampaignDefinitionTest {
  private static final EmailAddress MAILBOX = EmailAddress.of("alice@acme.example");

  private static CampaignDefinition.Builder valid() {
    return CampaignDefinition.builder("Q4 outreach", MAILBOX).email(Wait.none(), "Hi", "Hello");
  }

  private static void refused(CampaignDefinition.Builder b, String field) {
    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @Test
  void defaults_areTheMailboxZone_weekdayOfficeHours_andTheMailboxAsOwner() {
    CampaignDefinition d = valid().build();

    assertThat(d.zone()).as("null: the registered mailbox's zone, at creation").isNull();
    assertThat(d.owner()).isEqualTo("alice@acme.example");
    assertThat(d.schedule().rangesOn(java.time.DayOfWeek.SATURDAY)).isEmpty();
    assertThat(d.holidays()).isEqualTo(HolidayCalendar.none());
  }

  @Test
  void campaignWithoutSteps_isRefused() {
    refused(CampaignDefinition.builder("Empty", MAILBOX), "steps");
  }

  @Test
  void blankOrMultiLineName_isRefused() {
    refused(CampaignDefinition.builder(" ", MAILBOX).email(Wait.none(), "Hi", "Hi"), "name");
    refused(CampaignDefinition.builder("A\nB", MAILBOX).email(Wait.none(), "Hi", "Hi"), "name");
  }

  @Test
  void textNoDatabaseKeepsAsItCame_isRefusedNamingTheField() {
    refused(CampaignDefinition.builder("A\0B", MAILBOX).email(Wait.none(), "Hi", "Hi"), "name");
    refused(
        CampaignDefinition.builder("Ann \uD83D Lee", MAILBOX).email(Wait.none(), "Hi", "Hi"),
        "name");
    refused(valid().owner("team\0lead"), "owner");
    refused(valid().email(Wait.days(1), "Hi", "Cut \uD83D in two"), "steps[2].text");
    refused(valid().task(Wait.days(1), TaskKind.CALL, "Call \uDE00"), "steps[2].instructions");
    refused(
        valid()
            .task(Wait.days(1), TaskKind.CALL, "Call")
            .step(Wait.days(1), new TaskAction(TaskKind.CALL, "Call", "x\uDC00")),
        "steps[3].assignee");
  }

  @Test
  void ownerOrAssigneeLongerThan500Characters_isRefused() {
    assertThat(valid().owner("o".repeat(500)).build().owner()).hasSize(500);
    refused(valid().owner("o".repeat(501)), "owner");
    refused(
        valid().step(Wait.days(1), new TaskAction(TaskKind.CALL, "Call", "a".repeat(501))),
        "steps[2].assignee");
  }

  @Test
  void subjectWithALineBreak_isRefused() {
    refused(valid().email(Wait.days(1), "Hi\r\nBcc: x@y.z", "Hello"), "steps[2].subject");
  }

  @Test
  @SuppressWarnings("NullAway") // the nulls are the point
  void nullPartsOfAStep_areRefusedNamingTheStepAndThePart() {
    assertRefused(() -> valid().email(null, "Hi", "Hello"), "steps[2].wait");
    assertRefused(() -> valid().task(null, TaskKind.CALL, "Call"), "steps[2].wait");
    assertRefused(() -> valid().email(Wait.days(1), null, "Hello"), "steps[2].subject");
    assertRefused(() -> valid().email(Wait.days(1), "Hi", null), "steps[2].text");
    assertRefused(() -> valid().replyInThread(Wait.days(1), null), "steps[2].text");
    assertRefused(() -> valid().task(Wait.days(1), null, "Call"), "steps[2].kind");
    assertRefused(() -> valid().task(Wait.days(1), TaskKind.CALL, null), "steps[2].instructions");
    assertRefused(() -> valid().step(Wait.days(1), null), "steps[2].action");
    assertRefused(() -> new Step(1, null, EmailAction.newThread("Hi", "Hello")), "step.delay");
    assertRefused(() -> EmailAction.newThread("Hi", null), "email.text");
    assertRefused(() -> TaskAction.of(TaskKind.CALL, null), "task.instructions");
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @Test
  void newThreadWithoutSubject_isRefused() {
    refused(valid().email(Wait.days(1), " ", "Hello"), "steps[2].subject");
  }

  @Test
  void replyInThreadWithoutAnEarlierEmail_isRefused() {
    refused(
        CampaignDefinition.builder("Calls", MAILBOX)
            .task(Wait.none(), TaskKind.CALL, "Call")
            .replyInThread(Wait.days(1), "As I said on the phone"),
        "steps[2].threading");
  }

  @Test
  void malformedTemplate_isRefusedWithTheStepAndField() {
    refused(valid().email(Wait.days(1), "Hi {{firstName", "Hello"), "steps[2].subject");
    refused(valid().email(Wait.days(1), "Hi", "Hello {{}}"), "steps[2].text");
    refused(
        valid().step(Wait.days(1), EmailAction.newThread("Hi", "x").withHtml("<p>{{a b}}</p>")),
        "steps[2].html");
    refused(valid().task(Wait.days(1), TaskKind.CALL, "Call {{"), "steps[2].instructions");
  }

  @Test
  void blankBodyOrInstructions_areRefused() {
    refused(valid().email(Wait.days(1), "Hi", ""), "steps[2].text");
    refused(valid().task(Wait.days(1), TaskKind.CALL, "  "), "steps[2].instructions");
  }

  @Test
  void tooManySteps_areRefused() {
    CampaignDefinition.Builder b = valid();
    for (int i = 0; i < CampaignDefinition.MAX_STEPS; i++) {
      b.replyInThread(Wait.days(1), "again");
    }
    refused(b, "steps");
  }

  @Test
  void options_areChecked() {
    assertThatThrownBy(() -> CampaignOptions.defaults().withJitter(Duration.ofDays(2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("options.jitter");
    assertThatThrownBy(
            () -> CampaignOptions.defaults().withAutoReplyHold(true, Duration.ofDays(31)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("options.maxAutoReplyHold");
  }

  @Test
  void zoneDefaultsCanBeOverridden() {
    assertThat(valid().zone(ZoneId.of("Asia/Kathmandu")).build().zone())
        .isEqualTo(ZoneId.of("Asia/Kathmandu"));
  }

  @Test
  void misnumberedSteps_areRefusedNamingTheStep() {
    assertThatThrownBy(
            () ->
                new CampaignDefinition(
                    "Q4",
                    "alice",
                    MAILBOX,
                    java.time.ZoneOffset.UTC,
                    SendingSchedule.always(),
                    HolidayCalendar.none(),
                    java.util.List.of(new Step(2, Wait.none(), EmailAction.newThread("Hi", "Hi"))),
                    CampaignOptions.defaults()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("steps[1].number");
  }

  @Test
  void oversizedBody_isRefused() {
    refused(
        valid().email(Wait.days(1), "Hi", "x".repeat(CampaignDefinition.MAX_BODY + 1)),
        "steps[2].text");
  }

  @Test
  void waitsLongerThanTenYears_areRefused() {
    assertThatThrownBy(() -> Wait.of(Duration.ofDays(3651)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("wait.duration");
    assertThatThrownBy(() -> Wait.of(Duration.ofSeconds(Long.MAX_VALUE / 2)))
        .isInstanceOf(InvalidInputException.class);
  }
}

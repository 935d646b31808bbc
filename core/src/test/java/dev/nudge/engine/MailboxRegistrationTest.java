package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.NotFoundException;
import dev.nudge.SenderMailbox;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sender mailbox is defined once and shared by every campaign that sends from it [S2]. */
class MailboxRegistrationTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void registeringTheSameDefinitionAgain_changesNothing() {
    assertThat(f.nudge.registerMailbox(Fixture.mailbox())).isEqualTo(Fixture.mailbox());

    assertThat(f.nudge.mailboxes()).containsExactly(Fixture.mailbox());
  }

  @Test
  void aConflictingDefinition_isRefused_namingTheSetting() {
    assertThatThrownBy(() -> f.nudge.registerMailbox(Fixture.mailbox().withDailyCap(3)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("mailbox.dailyCap"))
        .hasMessageContaining("200")
        .hasMessageContaining("updateMailbox");
    assertThat(f.nudge.mailbox(Fixture.sender()).orElseThrow().dailyCap()).isEqualTo(200);
  }

  @Test
  void addressesDifferingOnlyInCase_areOneMailbox() {
    assertThat(f.nudge.mailbox(EmailAddress.of("ALICE@acme.example"))).contains(Fixture.mailbox());
  }

  @Test
  void campaignFromAnUnregisteredMailbox_isRefused() {
    assertThatThrownBy(
            () ->
                f.nudge.createCampaign(
                    CampaignDefinition.builder("Nobody", "bob@acme.example")
                        .email(Wait.none(), "Hi", "Hello")
                        .build()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("mailbox"))
        .hasMessageContaining("registerMailbox");
    assertThat(f.nudge.campaigns()).isEmpty();
  }

  @Test
  void campaignWithoutAZone_takesTheMailboxZone() {
    f.mailbox(Fixture.mailbox().withZone(ZoneId.of("Europe/Berlin")));

    Campaign c =
        f.nudge.createCampaign(
            CampaignDefinition.builder("Berlin", Fixture.sender())
                .email(Wait.none(), "Hi", "Hello")
                .build());

    assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.mailbox()).isEqualTo(Fixture.sender());
  }

  @Test
  void twoCampaignsOnOneMailbox_shareItsOneDailyCap() {
    // before mailboxes were registered, a cap-3 and a cap-100 campaign on one address sent 12
    f.mailbox(Fixture.mailbox().withDailyCap(3));
    Campaign a = f.nudge.startCampaign(f.create(Fixture.definition()).id());
    Campaign b = f.nudge.startCampaign(f.create(Fixture.definition()).id());
    for (int i = 0; i < 6; i++) {
      f.enroll(a.id(), "Candidate A" + i);
      f.enroll(b.id(), "Candidate B" + i);
    }

    f.at(Instant.parse("2026-03-02T20:00:00Z"));

    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).isEqualTo(3);
  }

  @Test
  void updatedCap_appliesToTheNextSlot_andTodaysSendsStillCount() {
    Campaign c = f.nudge.startCampaign(f.create(Fixture.definition()).id());
    f.mailbox(Fixture.mailbox().withDailyCap(2));
    for (int i = 0; i < 2; i++) {
      f.enroll(c.id(), "Candidate " + i);
    }
    f.run();
    assertThat(f.transport.sent()).hasSize(2);

    f.mailbox(Fixture.mailbox().withDailyCap(4).withMinimumGap(Duration.ZERO));
    for (int i = 2; i < 5; i++) {
      f.enroll(c.id(), "Candidate " + i);
    }
    f.advance(Duration.ofMinutes(1));

    assertThat(f.transport.sent()).as("two more today, the fifth tomorrow").hasSize(4);
    assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).isEqualTo(4);
  }

  @Test
  void updatingAnUnknownMailbox_isRefused() {
    assertThatThrownBy(() -> f.nudge.updateMailbox(SenderMailbox.of("bob@acme.example", "Bob")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("bob@acme.example");
  }
}

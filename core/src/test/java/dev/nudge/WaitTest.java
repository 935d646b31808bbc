package dev.nudge;

import static dev.nudge.SendingScheduleTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTest {

  @Test
  void none_isAZeroCalendarWait() {
    assertThat(Wait.none()).isEqualTo(new Wait.Calendar(Duration.ZERO));
  }

  @Test
  void calendarFactories_countElapsedTime() {
    assertThat(Wait.of(Duration.ofMinutes(90)))
        .isEqualTo(new Wait.Calendar(Duration.ofMinutes(90)));
    assertThat(Wait.hours(5)).isEqualTo(new Wait.Calendar(Duration.ofHours(5)));
    assertThat(((Wait.Calendar) Wait.days(2)).duration().toHours()).isEqualTo(48);
  }

  @Test
  void businessDays_rangeFromZeroToTenYears() {
    assertThat(Wait.businessDays(0)).isEqualTo(new Wait.BusinessDays(0));
    assertThat(Wait.businessDays(3650)).isEqualTo(new Wait.BusinessDays(3650));
  }

  @Test
  void negativeWait_isRefused() {
    assertRefused(() -> Wait.of(Duration.ofSeconds(-1)), "wait.duration");
    assertRefused(() -> Wait.hours(-1), "wait.duration");
    assertRefused(() -> Wait.days(-1), "wait.duration");
    assertRefused(() -> Wait.businessDays(-1), "wait.businessDays");
  }

  @Test
  void businessDaysBeyondTenYears_areRefused() {
    assertRefused(() -> Wait.businessDays(3651), "wait.businessDays");
  }

  @Test
  void daysTooLongForADuration_areRefused() {
    assertRefused(() -> Wait.days(Long.MAX_VALUE), "wait.duration");
  }

  @Test
  @SuppressWarnings("NullAway")
  void nullDuration_isRefused() {
    assertRefused(() -> Wait.of(null), "wait.duration");
  }
}

package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.transport.OutboundEmail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scheduling example keeps to windows, holidays, the daily cap and the minimum gap. */
class SchedulingMainTest {
  @Test
  void sends_keepToTheWindowTheHolidayTheCapAndTheGap() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();

    List<OutboundEmail> sent =
        SchedulingMain.run(new PrintStream(captured, true, StandardCharsets.UTF_8));

    System.out.print(captured.toString(StandardCharsets.UTF_8));
    assertThat(sent).hasSize(12); // six candidates, two steps each, within the week
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (int i = 0; i < sent.size(); i++) {
      OutboundEmail e = sent.get(i);
      ZoneId zone =
          e.to().value().endsWith(".uk") ? ZoneId.of("Europe/London") : SchedulingMain.NEW_YORK;
      ZonedDateTime local = e.date().atZone(zone);
      assertThat(local.getDayOfWeek())
          .as(e.to() + " " + local)
          .isBetween(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
      assertThat(local.toLocalDate()).as("holiday").isNotEqualTo(LocalDate.of(2026, 5, 25));
      assertThat(local.toLocalTime())
          .as(e.to() + " " + local)
          .isBetween(LocalTime.of(9, 0), LocalTime.of(11, 59));
      perDay.merge(e.date().atZone(SchedulingMain.NEW_YORK).toLocalDate(), 1, Integer::sum);
      if (i > 0) {
        assertThat(Duration.between(sent.get(i - 1).date(), e.date()))
            .isGreaterThanOrEqualTo(Duration.ofMinutes(20));
      }
    }
    assertThat(perDay.values()).allMatch(n -> n <= 4);
  }
}

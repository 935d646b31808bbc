package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listeners example writes one JSON line per event and per to-do change. */
class ListenersMainTest {
  @Test
  void everyEventAndTask_isOneJsonLine() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();

    ListenersMain.run(new PrintStream(captured, true, StandardCharsets.UTF_8));

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    lines.forEach(System.out::println);
    assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}"));
    assertThat(lines).filteredOn(l -> l.contains("\"enrollment.email_sent\"")).hasSize(3);
    assertThat(lines).filteredOn(l -> l.contains("\"todo.added\"")).hasSize(2);
    assertThat(lines)
        .anyMatch(l -> l.contains("\"todo.removed\"") && l.contains("\"why\":\"COMPLETED\""))
        .anyMatch(l -> l.contains("\"todo.removed\"") && l.contains("\"why\":\"WITHDRAWN\""))
        .anyMatch(l -> l.contains("\"enrollment.replied\""))
        .anyMatch(
            l ->
                l.contains("\"campaign.status_changed\"")
                    && l.contains("\"from\":\"NOT_STARTED\",\"to\":\"STARTED\""));
  }

  @Test
  void json_escapesQuotesAndControlCharacters_andKeepsNumbersAndNulls() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("text", "say \"hi\"\n\\ \u0001");
    fields.put("step", 2);
    fields.put("from", null);

    assertThat(ListenersMain.json(fields))
        .isEqualTo("{\"text\":\"say \\\"hi\\\"\\n\\\\ \\u0001\",\"step\":2,\"from\":null}");
  }
}

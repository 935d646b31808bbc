package dev.nudge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, run as a user runs it: three simulated weeks over real SMTP, IMAP, HTTP and an
 * H2 file, ending with every promise of {@link Checks} held and the tables and page written.
 */
class DemoTest {
  @Test
  void threeWeeksOfTheCampaign_endAsPromised(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<String> problems =
        DemoMain.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(problems).as(out).isEmpty();
    assertThat(out)
        .contains("20 candidates enrolled")
        .contains("Active candidates")
        .contains("Completed candidates")
        .contains("To-do list")
        .contains("Per-step totals")
        .contains("replied (matched IN_THREAD)")
        .contains("replied (matched BY_ADDRESS)")
        .contains("out of office until 2026-03-16");
    assertThat(out.lines().filter(l -> l.matches("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) .*emails sent.*")))
        .hasSize(Demo.DAYS);
    assertThat(dir.resolve("candidates.html")).exists();
    assertThat(Files.readString(dir.resolve("candidates.html"))).contains("Ada Lovelace");
  }
}

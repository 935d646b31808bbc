package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quick start runs to the end and prints the Candidates tab. */
class QuickStartMainTest {
  @Test
  void quickStart_printsActiveAndCompletedCandidates() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickStartMain.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);

    assertThat(out)
        .contains("Active candidates (2)")
        .contains("Completed candidates (3)")
        .contains("Completed (replied)")
        .contains("[hard bounce]")
        .contains("to grace@cobol.example")
        .contains("Re: Ada, a backend role at Acme")
        .contains("Open tasks for alice: 2")
        .containsPattern("Step 1 +\\| 5 +\\| 0 +\\| 1 +\\| 1");
    // nothing leaves on a weekend or outside 09:00–17:00 New York, except to the Amsterdam
    // candidate
    for (String line : out.lines().filter(l -> l.contains("  to ")).toList()) {
      if (!line.contains("edsger@")) {
        int hour = Integer.parseInt(line.substring(11, 13));
        assertThat(hour).as(line).isBetween(9, 16);
      }
    }
  }
}

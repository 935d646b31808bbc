package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tracking example serves the pixel and the one-click unsubscribe over real HTTP. */
class TrackingMainTest {
  @Test
  void pixelCountsAnOpen_linkChangesNothing_oneClickUnsubscribes() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();

    TrackingMain.run(new PrintStream(captured, true, StandardCharsets.UTF_8), false);

    String out = captured.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    assertThat(out)
        .containsPattern("pixel: +http://localhost:\\d+/nudge/o/\\S+")
        .containsPattern("unsubscribe: http://localhost:\\d+/nudge/u/\\S+")
        .contains("GET pixel -> 200 image/gif, 43 bytes; opens: 1")
        .contains("GET unsubscribe -> 200 (a page with a button); candidate: STARTED")
        .contains("POST one-click -> 200; candidate: COMPLETED (UNSUBSCRIBED); suppressed: true");
  }
}

package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.inbound.Classification;
import org.junit.jupiter.api.Test;

class ReceiverTest {

  @Test
  void aComplaintsFeedbackType_isQuotedInTheReasonWithoutControlCharacters() {
    assertThat(Receiver.reasonOf(new Classification.Complaint("abuse", null)))
        .isEqualTo("complaint (abuse)");
    // PostgreSQL keeps no NUL in text: the suppression would not be written
    assertThat(Receiver.reasonOf(new Classification.Complaint("abuse\0x", null)))
        .isEqualTo("complaint (abuse x)");
    assertThat(Receiver.reasonOf(new Classification.Complaint(null, null))).isEqualTo("complaint");
  }
}

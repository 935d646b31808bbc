package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The wire reads the conversation from the bytes: which command each reply answers, and whether the
 * end of the data ({@code CRLF.CRLF}) went out completely — only once its write returned.
 */
class WireTest {
  private final Wire wire = new Wire();

  private void client(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    wire.writing(b, 0, b.length);
    wire.written();
  }

  private void server(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    wire.read(b, 0, b.length);
  }

  private void upToTheData() {
    server("220 mx.example ESMTP\r\n");
    client("EHLO client\r\n");
    server("250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    wire.begin();
    client("MAIL FROM:<a@acme.example>\r\n");
    server("250 2.1.0 Ok\r\n");
    client("RCPT TO:<b@example.com>\r\n");
    server("250 2.1.5 Ok\r\n");
    client("DATA\r\n");
    server("354 End data with <CR><LF>.<CR><LF>\r\n");
  }

  @Test
  void endOfData_countsOnlyOnceItsWriteReturned() {
    upToTheData();
    client("Subject: hi\r\n\r\nbody\r\n");
    assertThat(wire.endOfDataWritten()).isFalse();

    byte[] end = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    wire.writing(end, 0, end.length);
    assertThat(wire.endOfDataWritten()).as("not before the write returned").isFalse();
    wire.written();

    assertThat(wire.endOfDataWritten()).isTrue();
  }

  @Test
  void endOfData_splitAcrossWrites_isFound() {
    upToTheData();
    client("body\r");
    client("\n.");
    assertThat(wire.endOfDataWritten()).isFalse();
    client("\r\n");

    assertThat(wire.endOfDataWritten()).isTrue();
  }

  @Test
  void aDotStuffedLineInTheData_isNotTheEnd() {
    upToTheData();
    client("line one\r\n..\r\n...more\r\n");

    assertThat(wire.endOfDataWritten()).isFalse();
  }

  @Test
  void dataRefusedBeforeTheGoAhead_leavesTheConversationInCommands() {
    server("220 mx.example ESMTP\r\n");
    wire.begin();
    client("MAIL FROM:<a@acme.example>\r\n");
    server("250 Ok\r\n");
    client("RCPT TO:<b@example.com>\r\n");
    server("250 Ok\r\n");
    client("DATA\r\n");
    server("554 5.5.1 Error: no valid recipients\r\n");
    client("RSET\r\n");
    server("250 Ok\r\n");

    assertThat(wire.lastRefusal())
        .isEqualTo(new Wire.Reply(Wire.Verb.DATA, 554, "554 5.5.1 Error: no valid recipients"));
    assertThat(wire.resetCleanly()).isTrue();
    assertThat(wire.endOfDataWritten()).isFalse();
  }

  @Test
  void aRefusal_isTheReplyToItsCommand_andARsetAfterItDoesNotHideIt() {
    upToTheData();
    client("body\r\n.\r\n");
    server("550-5.7.1 Message rejected\r\n550 5.7.1 as spam\r\n");
    client("RSET\r\n");
    server("250 2.0.0 Ok\r\n");

    assertThat(wire.lastRefusal())
        .isEqualTo(
            new Wire.Reply(Wire.Verb.END_OF_DATA, 550, "550 5.7.1 Message rejected 5.7.1 as spam"));
    assertThat(wire.endOfDataWritten()).isTrue();
  }

  @Test
  void authenticationLines_areNeverKept_andTheirRepliesAnswerAuth() {
    server("220 mx.example ESMTP\r\n");
    wire.begin();
    client("AUTH LOGIN\r\n");
    server("334 VXNlcm5hbWU6\r\n");
    client("YWxpY2U=\r\n");
    server("334 UGFzc3dvcmQ6\r\n");
    client("c2VjcmV0\r\n");
    server("535 5.7.8 Authentication credentials invalid\r\n");

    assertThat(wire.lastRefusal())
        .isEqualTo(
            new Wire.Reply(Wire.Verb.AUTH, 535, "535 5.7.8 Authentication credentials invalid"));
  }
}

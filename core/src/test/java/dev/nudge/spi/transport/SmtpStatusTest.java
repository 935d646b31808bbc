package dev.nudge.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.spi.transport.SmtpStatus.Concern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table reads every refusal: the enhanced status code first, the reply code and the server's
 * words where the code is missing or ambiguous [S10, S18].
 */
class SmtpStatusTest {
  @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          550 | 5.1.1  | 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown | RECIPIENT | HARD | INVALID_ADDRESS
          550 | 5.1.2  | Host or domain name not found                                       | RECIPIENT | HARD | INVALID_ADDRESS
          550 | 5.1.10 | RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP lookup  | RECIPIENT | HARD | INVALID_ADDRESS
          550 | 5.2.1  | The email account that you tried to reach is disabled               | RECIPIENT | HARD | INVALID_ADDRESS
          552 | 5.2.2  | Mailbox full                                                        | RECIPIENT | SOFT | MAILBOX_FULL
          452 | 4.2.2  | The email account that you tried to reach is over quota             | RECIPIENT | SOFT | MAILBOX_FULL
          554 | 5.7.1  | Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | SENDER_POLICY | SOFT | BLOCKED
          550 | 5.7.26 | Unauthenticated email from example.com is not accepted due to domain's DMARC policy | SENDER_POLICY | SOFT | BLOCKED
          550 | 5.7.1  | Our system has detected that this message is likely unsolicited mail | SENDER_POLICY | SOFT | BLOCKED
          550 | 5.7.1  | <b@example.com>: Recipient address rejected: Access denied          | RECIPIENT | HARD | BLOCKED
          550 | 5.7.1  | Relaying denied                                                     | RECIPIENT | HARD | BLOCKED
          550 | 5.1.8  | Sender address rejected: Domain not found                           | SENDER_POLICY | SOFT | BLOCKED
          535 | 5.7.8  | Username and Password not accepted                                  | SENDER_AUTHENTICATION | SOFT | BLOCKED
          535 |        | Authentication credentials invalid                                  | SENDER_AUTHENTICATION | SOFT | BLOCKED
          421 | 4.7.0  | Try again later, closing connection. (too many connections)          | SENDER_RATE | SOFT | BLOCKED
          450 | 4.7.1  | Message rate limit exceeded, throttled                              | SENDER_RATE | SOFT | BLOCKED
          451 | 4.3.0  | Temporary local problem                                             | TRANSIENT | SOFT | TRANSIENT
          421 |        | Service not available, closing transmission channel                | TRANSIENT | SOFT | TRANSIENT
          550 |        | No such user here                                                   | RECIPIENT | HARD | INVALID_ADDRESS
          552 |        | Requested mail action aborted: exceeded storage allocation          | RECIPIENT | SOFT | MAILBOX_FULL
          554 |        | Transaction failed                                                  | RECIPIENT | HARD | OTHER
          554 | 5.6.0  | Message content rejected                                            | SENDER_POLICY | SOFT | BLOCKED
          550 | 5.4.4  | Unable to route                                                     | RECIPIENT | HARD | INVALID_ADDRESS
          550 | 5.4.7  | Delivery time expired                                               | RECIPIENT | SOFT | TRANSIENT
          550 | 5.4.1  | <a@example.com>: Recipient address rejected: Access denied          | RECIPIENT | HARD | INVALID_ADDRESS
          550 |        | retry timeout exceeded                                              | TRANSIENT | SOFT | TRANSIENT
          554 | 5.0.0  | Message expired: unable to deliver in 840 minutes                   | TRANSIENT | SOFT | TRANSIENT
          550 |        | The recipient server did not accept our requests to connect.        | TRANSIENT | SOFT | TRANSIENT
          550 |        | Host not found, try again                                           | TRANSIENT | SOFT | TRANSIENT
          550 |        | User mailbox exceeds allowed size                                   | RECIPIENT | SOFT | MAILBOX_FULL
          550 |        | The recipient name is not recognized                                | RECIPIENT | HARD | INVALID_ADDRESS
          550 |        | User a (a@example.com) not listed in Domino Directory               | RECIPIENT | HARD | INVALID_ADDRESS
          """)
  void readsTheRefusal(
      int reply,
      String status,
      String words,
      Concern concern,
      BounceType type,
      BounceReason reason) {
    SmtpStatus.Verdict v = SmtpStatus.classify(reply, status, words);

    assertThat(v).isEqualTo(new SmtpStatus.Verdict(concern, type, reason));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          550 5.1.1 User unknown                | 5.1.1
          smtp; 550 5.7.1 blocked (192.0.2.4)   | 5.7.1
          #5.1.10 SMTP; 550 not found           | 5.1.10
          version 1.2.3.4 of the server         |
          """)
  void findsTheEnhancedStatusInTheWords(String words, String expected) {
    assertThat(SmtpStatus.enhancedStatus(words)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'550 5.1.1 User unknown', 550", "'  421 closing', 421", "'no code here', 0"})
  void findsTheReplyCodeTheWordsStartWith(String words, int expected) {
    assertThat(SmtpStatus.replyCode(words)).isEqualTo(expected);
  }
}

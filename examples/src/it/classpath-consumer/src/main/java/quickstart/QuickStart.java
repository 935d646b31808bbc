package quickstart;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;

public class QuickStart {
  public static void main(String[] args) {
    try (Nudge nudge =
        Nudge.builder()
            .store(new InMemoryStore()) // JdbcStore in production
            .mailTransport( // SmtpMailTransport in production
                email -> {
                  System.out.println("to " + email.to() + ": " + email.subject());
                  return SendResult.accepted();
                })
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("alice@acme.example", "Alice").withDailyCap(50));
      Campaign campaign =
          nudge.createCampaign(
              CampaignDefinition.builder("Backend engineers", "alice@acme.example")
                  .schedule(SendingSchedule.always()) // default: Monday to Friday, 09:00-17:00
                  .email(Wait.none(), "{{firstName}}, a role at Acme", "Hi {{firstName}}, ...")
                  .task(Wait.businessDays(2), TaskKind.CALL, "Call {{firstName}}")
                  .replyInThread(Wait.businessDays(3), "Bumping this up, {{firstName}}.")
                  .build());
      nudge.enroll(campaign.id(), Candidate.builder("c1", "Ada Lovelace", "ada@example.com").build());
      nudge.startCampaign(campaign.id());
      nudge.runDue(); // prints "to ada@example.com: Ada, a role at Acme"
    }
  }
}

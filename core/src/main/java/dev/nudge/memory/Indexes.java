package dev.nudge.memory;

import dev.nudge.CampaignId;
import dev.nudge.CandidateId;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/** Secondary indexes of the in-memory store; written under the store's lock, read without. */
final class Indexes {
  final Map<String, EnrollmentId> byCampaignAndCandidate = new ConcurrentHashMap<>();
  final Set<String> byCampaignAndEmail = ConcurrentHashMap.newKeySet();
  final Map<CampaignId, Queue<EnrollmentId>> byCampaign = new ConcurrentHashMap<>();
  final Map<CandidateId, Queue<EnrollmentId>> byCandidate = new ConcurrentHashMap<>();
  final Map<String, Set<EnrollmentId>> byAddress = new ConcurrentHashMap<>();
  final Map<String, EnrollmentId> byMessageId = new ConcurrentHashMap<>();
  final Map<String, Set<EnrollmentId>> byTaskOwner = new ConcurrentHashMap<>();

  static String emailKey(CampaignId campaignId, EmailAddress email) {
    return campaignId + "\u0000" + email.key();
  }

  static String candidateKey(CampaignId campaignId, CandidateId candidateId) {
    return campaignId + "\u0000" + candidateId.value();
  }

  void added(Enrollment e) {
    byCampaignAndCandidate.put(candidateKey(e.campaignId(), e.candidate().id()), e.id());
    byCampaignAndEmail.add(emailKey(e.campaignId(), e.candidate().email()));
    byCampaign.computeIfAbsent(e.campaignId(), k -> new ConcurrentLinkedQueue<>()).add(e.id());
    byCandidate.computeIfAbsent(e.candidate().id(), k -> new ConcurrentLinkedQueue<>()).add(e.id());
    for (EmailAddress a : e.candidate().addresses()) {
      byAddress.computeIfAbsent(a.key(), k -> ConcurrentHashMap.newKeySet()).add(e.id());
    }
    updated(null, e);
  }

  void updated(@Nullable Enrollment previous, Enrollment next) {
    if (previous != null
        && !(previous.candidate().email().equals(next.candidate().email())
            && previous.candidate().alternates().equals(next.candidate().alternates()))) {
      for (EmailAddress a : previous.candidate().addresses()) {
        Set<EnrollmentId> ids = byAddress.get(a.key());
        if (ids != null) {
          ids.remove(next.id());
        }
      }
      for (EmailAddress a : next.candidate().addresses()) {
        byAddress.computeIfAbsent(a.key(), k -> ConcurrentHashMap.newKeySet()).add(next.id());
      }
      if (!previous.candidate().email().equals(next.candidate().email())) {
        byCampaignAndEmail.remove(emailKey(next.campaignId(), previous.candidate().email()));
        byCampaignAndEmail.add(emailKey(next.campaignId(), next.candidate().email()));
      }
    }
    List<StepExecution> steps = next.steps();
    for (int n = 0; n < steps.size(); n++) {
      List<SendAttempt> attempts = steps.get(n).attempts();
      List<SendAttempt> before = previous == null ? List.of() : previous.steps().get(n).attempts();
      if (attempts.equals(before)) {
        continue; // untouched steps share their attempt lists between versions: a quick check
      }
      for (int i = before.size(); i < attempts.size(); i++) {
        byMessageId.putIfAbsent(attempts.get(i).messageId(), next.id());
      }
    }
    String before = previous == null ? null : previous.openTaskOwner().orElse(null);
    String after = next.openTaskOwner().orElse(null);
    if (!Objects.equals(before, after)) {
      if (before != null) {
        Set<EnrollmentId> ids = byTaskOwner.get(before);
        if (ids != null) {
          ids.remove(next.id());
        }
      }
      if (after != null) {
        byTaskOwner.computeIfAbsent(after, k -> ConcurrentHashMap.newKeySet()).add(next.id());
      }
    }
  }
}

package dev.nudge;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A manual task on someone's to-do list.
 *
 * @param step the enrollment and step; complete or skip it with this reference
 * @param campaignId the campaign
 * @param campaignName the campaign's name
 * @param owner who should do it
 * @param kind call, LinkedIn message, manual email, other
 * @param instructions the rendered instructions
 * @param candidateName the candidate's name
 * @param candidateTitle the candidate's title, or null
 * @param candidateCompany the candidate's company, or null
 * @param photoUrl the candidate's photo, or null
 * @param email the address the campaign writes to
 * @param dueAt when the task came due
 */
public record TodoItem(
    StepRef step,
    CampaignId campaignId,
    String campaignName,
    String owner,
    TaskKind kind,
    String instructions,
    String candidateName,
    @Nullable String candidateTitle,
    @Nullable String candidateCompany,
    @Nullable URI photoUrl,
    EmailAddress email,
    Instant dueAt) {

  /** Checks the required components. */
  public TodoItem {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** Why a task left the to-do list. */
  public enum Removal {
    /** Done by its owner. */
    COMPLETED,
    /** Skipped by its owner; the campaign goes on. */
    SKIPPED,
    /** The enrollment stopped or paused: reply, bounce, unsubscribe, removal, pause. */
    WITHDRAWN
  }
}

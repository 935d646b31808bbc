package dev.nudge;

/**
 * The host application's own identifier of a candidate (its primary key, a URN, ...). A candidate
 * is enrolled at most once per campaign.
 */
public record CandidateId(String value) {
  /** Maximum length of an id, so every store can index it. */
  public static final int MAX_LENGTH = 200;

  /**
   * Validates the id: not blank, at most {@value #MAX_LENGTH} characters, no control characters and
   * no half of a surrogate pair standing alone.
   */
  public CandidateId {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("candidate.id", "must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException("candidate.id", "longer than " + MAX_LENGTH + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("candidate.id", "contains a control character");
    }
    Texts.storable("candidate.id", value);
  }

  /** Shorthand for the constructor. */
  public static CandidateId of(String value) {
    return new CandidateId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

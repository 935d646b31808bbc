package dev.nudge;

/** How an inbound message was linked to the enrollment and step it answers. */
public enum MatchMethod {
  /** Through {@code In-Reply-To}/{@code References} and a stored Message-ID. */
  IN_THREAD,
  /** Through the sender's address against the candidate's addresses. */
  BY_ADDRESS,
  /** A bounce, through the original Message-ID in the returned headers. */
  BY_ORIGINAL_MESSAGE_ID,
  /** A bounce, through the DSN recipient. */
  BY_DSN_RECIPIENT,
  /** A bounce, through the VERP return path. */
  BY_RETURN_PATH,
  /**
   * An unsubscribe request, through the signed token the {@code List-Unsubscribe} mailto link puts
   * in its subject: it names the step and the address it was sent to, whoever sends the request.
   */
  BY_UNSUBSCRIBE_TOKEN,

  /** The host application said which step it answers. */
  BY_HOST
}

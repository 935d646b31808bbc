package dev.nudge;

import org.jspecify.annotations.Nullable;

/**
 * An email the engine sends. Subject and bodies are templates over candidate fields ({@code
 * {{firstName}}}, {@code {{company|your team}}}). A reply-in-thread step may leave its subject
 * empty: it is sent as {@code Re:} the subject of the email it answers.
 *
 * @param threading new thread or reply in the previous email step's thread
 * @param subject subject template; may be empty for a reply-in-thread step
 * @param text plain-text body template
 * @param html HTML body template, or null for a text-only email
 */
public record EmailAction(Threading threading, String subject, String text, @Nullable String html)
    implements StepAction {

  /** Checks the components are present; templates are checked when the campaign is created. */
  public EmailAction {
    InvalidInputException.required(threading, "email.threading");
    InvalidInputException.required(subject, "email.subject");
    InvalidInputException.required(text, "email.text");
  }

  /** A new-thread email with a text body. */
  public static EmailAction newThread(String subject, String text) {
    return new EmailAction(Threading.NEW_THREAD, subject, text, null);
  }

  /** A reply-in-thread email with a text body and the subject of the email it answers. */
  public static EmailAction replyInThread(String text) {
    return new EmailAction(Threading.REPLY_IN_THREAD, "", text, null);
  }

  /** A copy with an HTML alternative body. */
  public EmailAction withHtml(String htmlTemplate) {
    return new EmailAction(threading, subject, text, htmlTemplate);
  }

  @Override
  public StepType type() {
    return StepType.AUTO_EMAIL;
  }
}

package dev.nudge.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reply and forward prefixes of subjects, as mail programs write them in several languages. */
final class Subjects {
  /**
   * "Re:", "RE :" (French Outlook), "Re[2]:", "AW:", "Antw:", "R:", "Odp:", "SV:", "VS:", and the
   * forwards "Fw:", "Fwd:", "WG:", "TR:", "RV:", "Enc:"; in lower case, not inside a word.
   */
  private static final Pattern PREFIX =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:re|aw|antw|odp|sv|vs|r|fw|fwd|wg|tr|rv|enc)\\s?(?:\\[\\d{1,3}])?\\s?:");

  private Subjects() {}

  /** Where the first reply or forward prefix of a subject in lower case starts, or -1. */
  static int replyPrefix(String subjectLower) {
    Matcher m = PREFIX.matcher(subjectLower);
    return m.find() ? m.start() : -1;
  }

  /** Whether a subject in lower case starts with a reply or forward prefix. */
  static boolean isReplyOrForward(String subjectLower) {
    Matcher m = PREFIX.matcher(subjectLower.stripLeading());
    return m.lookingAt();
  }
}

package dev.nudge.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reply and forward prefixes of subjects, as mail programs write them in many languages. */
final class Subjects {
  /**
   * "Re:", "RE :" (French Outlook), "Re[2]:", "RES:", "AW:", "Antw:", "R:", "Odp:", "Odg:", "SV:",
   * "VS:", "Vá:", "YNT:", "Atb:", "ΑΠ:", "答复:", "回复：", and the forwards "Fw:", "Fwd:", "WG:",
   * "TR:", "RV:", "Enc:"; in lower case, not inside a word, with an ASCII or a full-width colon.
   * Not "Antwort:", which ends the responder's subject "Automatische Antwort:".
   */
  private static final Pattern PREFIX =
      Pattern.compile(
          "(?:(?<![\\p{L}\\p{N}])(?:re|res|aw|antw|odp|odg|sv|vs|vá|r|ynt|atb|απ|fw|fwd"
              + "|wg|tr|rv|enc)|答复|回复|回覆)\\s?(?:\\[\\d{1,3}])?\\s?[:：]");

  private Subjects() {}

  /** Where the first reply or forward prefix of a subject in lower case starts, or -1. */
  static int replyPrefix(String subjectLower) {
    Matcher m = PREFIX.matcher(subjectLower);
    return m.find() ? m.start() : -1;
  }

  /** Whether a subject in lower case starts with a reply or forward prefix. */
  static boolean isReplyOrForward(String subjectLower) {
    return PREFIX.matcher(subjectLower.stripLeading()).lookingAt();
  }

  /** A subject in lower case without the reply and forward prefixes it starts with. */
  static String withoutPrefixes(String subjectLower) {
    String s = subjectLower.strip();
    Matcher m = PREFIX.matcher(s);
    while (m.lookingAt()) {
      s = s.substring(m.end()).strip();
      m = PREFIX.matcher(s);
    }
    return s;
  }
}

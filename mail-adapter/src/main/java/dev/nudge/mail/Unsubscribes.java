package dev.nudge.mail;

import dev.nudge.EmailAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Requests to stop, in English, German, French, Spanish, Portuguese and Dutch, and mail sent to the
 * host's unsubscribe mailbox (a {@code +tag} in its local part allowed).
 */
final class Unsubscribes {
  private static final List<String> PHRASES =
      List.of(
          // en
          "unsubscribe",
          "remove me",
          "take me off",
          "opt me out",
          "opt out",
          "opt-out",
          "stop emailing",
          "stop e-mailing",
          "stop sending",
          "stop contacting",
          "stop messaging",
          "do not contact me",
          "don't contact me",
          "do not email me",
          "don't email me",
          "do not e-mail me",
          "no more emails",
          "not interested, please remove",
          // de
          "abmelden",
          "abbestellen",
          "austragen",
          "entfernen sie mich",
          "nehmen sie mich aus",
          "keine weiteren e-mails",
          "keine e-mails mehr",
          "keine mails mehr",
          "nicht mehr kontaktieren",
          "nicht mehr anschreiben",
          // fr
          "désabonner",
          "desabonner",
          "désinscrire",
          "desinscrire",
          "désinscription",
          "désabonnement",
          "retirez-moi",
          "retirez moi",
          "supprimez-moi",
          "ne plus recevoir",
          "ne me contactez plus",
          // es
          "darse de baja",
          "darme de baja",
          "dar de baja",
          "dame de baja",
          "denme de baja",
          "den de baja",
          "no me contacte",
          "no me contactes",
          "no quiero recibir",
          "elimíname",
          "eliminarme de",
          "quitarme de",
          // pt
          "descadastrar",
          "descadastre",
          "descadastro",
          "cancelar inscrição",
          "cancelar a inscrição",
          "cancelar minha inscrição",
          "remova-me",
          "me remova",
          "me remover",
          "não quero receber",
          "parar de receber",
          "não me contate",
          // nl
          "afmelden",
          "uitschrijven",
          "schrijf me uit",
          "schrijf mij uit",
          "verwijder mij",
          "verwijder me",
          "geen e-mails meer",
          "geen mails meer",
          "niet meer mailen",
          "niet meer contacteren");

  /** A text that is only "stop", "remove" or the like. */
  private static final Pattern ONE_WORD =
      Pattern.compile(
          "^\\W*(?:stop|remove|unsubscribe|abmelden|désabonner|baja|descadastrar|afmelden|uitschrijven)\\W*$");

  private Unsubscribes() {}

  /** Whether the subject or the first 1,000 characters of the new text ask to stop. */
  static boolean asks(String subjectLower, String replyText) {
    String lower = head(replyText).strip();
    String subject = Subjects.withoutPrefixes(subjectLower);
    return ONE_WORD.matcher(lower).matches()
        || ONE_WORD.matcher(subject).matches()
        || BounceSignals.containsAny(lower, PHRASES)
        || BounceSignals.containsAny(subject, PHRASES);
  }

  /**
   * The requests only a person makes, and makes for good ("remove me", "stop emailing",
   * "retirez-moi"); not a footer's "to unsubscribe" or "opt out", nor what a notice may ask for its
   * writer's absence ("do not contact me during my leave", "no more emails until").
   */
  private static final List<String> IN_PERSON =
      List.of(
          // en
          "remove me",
          "take me off",
          "opt me out",
          "stop emailing",
          "stop e-mailing",
          "stop contacting",
          "stop messaging",
          // de
          "entfernen sie mich",
          "nehmen sie mich aus",
          "nicht mehr kontaktieren",
          "nicht mehr anschreiben",
          // fr
          "retirez-moi",
          "retirez moi",
          "supprimez-moi",
          "ne me contactez plus",
          // es
          "darme de baja",
          "dame de baja",
          "denme de baja",
          "no quiero recibir",
          "elimíname",
          "eliminarme de",
          "quitarme de",
          // pt
          "remova-me",
          "me remova",
          "me remover",
          "não quero receber",
          // nl
          "schrijf me uit",
          "schrijf mij uit",
          "verwijder mij",
          "verwijder me");

  /**
   * {@link #IN_PERSON} as whole words, not after "don't", "do not" or "never", and not when what
   * follows in the sentence is a copy line, a thread or a time ("remove me from cc", "take me off
   * the thread while I am away").
   */
  private static final Pattern IN_PERSON_REQUEST =
      Pattern.compile(
          "(?U)(?<!\\w)(?<!(?:don't|do not|dont|never)[ \\t])(?:"
              + String.join("|", IN_PERSON.stream().map(Pattern::quote).toList())
              + ")(?!\\w)(?![^.!?\\n]{0,40}?(?<!\\w)(?:cc|bcc|copy|thread|distribution|until|while"
              + "|during|in the meantime)(?!\\w))");

  /**
   * Whether a text that also holds a responder's phrase asks, in a person's words, to stop: "I'm
   * out of the office today. Please remove me from your list." Not a footer's "to unsubscribe", nor
   * "please remove me from cc while I am away" or "please don't remove me".
   */
  static boolean asksInPerson(String replyText) {
    return IN_PERSON_REQUEST.matcher(head(replyText)).find();
  }

  /** The first 1,000 characters of a text in lower case, with typographic apostrophes plain. */
  private static String head(String replyText) {
    return BounceSignals.lowerHead(replyText, 1000);
  }

  /** Whether the subject is only a request to stop, such as "unsubscribe". */
  static boolean bySubject(String subjectLower) {
    return ONE_WORD.matcher(Subjects.withoutPrefixes(subjectLower)).matches();
  }

  /** Whether the address is the unsubscribe mailbox, possibly with a {@code +tag}. */
  static boolean isMailbox(EmailAddress address, List<EmailAddress> mailboxes) {
    for (EmailAddress box : mailboxes) {
      if (address.sameMailbox(box)) {
        return true;
      }
      String local = address.localPart();
      int plus = local.indexOf('+');
      if (plus > 0
          && address.domain().equals(box.domain())
          && local.substring(0, plus).equalsIgnoreCase(box.localPart())) {
        return true;
      }
    }
    return false;
  }
}

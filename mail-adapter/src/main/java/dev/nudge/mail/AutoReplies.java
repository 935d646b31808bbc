package dev.nudge.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Automatic answers: RFC 3834 {@code Auto-Submitted} and the vendors' fields first, then phrases of
 * subjects and texts in English, German, French, Spanish, Portuguese and Dutch.
 */
final class AutoReplies {
  private static final List<String> SUBJECTS =
      List.of(
          // en
          "out of office",
          "out of the office",
          "automatic reply",
          "auto reply",
          "auto-reply",
          "autoreply",
          "autoresponse",
          "auto response",
          "auto-response",
          "automatic response",
          "autorespond",
          "away from my desk",
          "vacation",
          "on leave",
          "on holiday",
          // de
          "abwesenheit",
          "automatische antwort",
          "automatische rückantwort",
          "nicht im büro",
          "außer haus",
          "ausser haus",
          "urlaub",
          // fr
          "réponse automatique",
          "reponse automatique",
          "absence du bureau",
          "absent du bureau",
          "message d'absence",
          "en congé",
          // es
          "respuesta automática",
          "respuesta automatica",
          "fuera de la oficina",
          "fuera de oficina",
          "ausente",
          "de vacaciones",
          // pt
          "resposta automática",
          "resposta automatica",
          "fora do escritório",
          "fora do escritorio",
          "ausência",
          "de férias",
          // nl
          "automatisch antwoord",
          "afwezigheidsbericht",
          "afwezig",
          "niet op kantoor",
          "buiten kantoor",
          "met vakantie");

  /**
   * The absence statements of responders. A person may write them too ("I'm out of the office
   * today, but yes"), so in a quoted answer in the thread only {@link #SELF_DESCRIBED} counts.
   */
  private static final List<String> TEXTS =
      List.of(
          // en
          "i am out of the office",
          "i'm out of the office",
          "i am out of office",
          "i'm out of office",
          "i am currently out of",
          "i'm currently out of",
          "i am currently away",
          "i'm currently away",
          "i will be out of the office",
          "this mailbox is not monitored",
          // de
          "ich bin nicht im büro",
          "ich bin derzeit nicht im büro",
          "ich bin zurzeit nicht im büro",
          "bin ich nicht im büro",
          "keinen zugriff auf meine e-mails",
          // fr
          "je suis actuellement absent",
          "en dehors du bureau",
          "absent du bureau",
          "absente du bureau",
          // es
          "estoy fuera de la oficina",
          "estaré fuera de la oficina",
          "me encuentro fuera de la oficina",
          // pt
          "estou fora do escritório",
          "estarei fora do escritório",
          // nl
          "ik ben niet op kantoor",
          "ik ben momenteel niet op kantoor");

  /** Statements that the text itself is an automatic answer. */
  private static final List<String> SELF_DESCRIBED =
      List.of(
          "this is an automatic reply",
          "this is an automated response",
          "this is an automatic response",
          "this is an automated reply",
          "dies ist eine automatische antwort",
          "dies ist eine automatische nachricht",
          "ceci est une réponse automatique",
          "ceci est un message automatique",
          "esta es una respuesta automática",
          "este es un mensaje automático",
          "esta é uma resposta automática",
          "esta é uma mensagem automática",
          "dit is een automatisch antwoord",
          "dit is een automatisch bericht");

  /**
   * Statements a person may make too: they count in a short text only, and only where no reply
   * prefix in the subject says a person answered.
   */
  private static final List<String> SHORT_TEXTS =
      List.of(
          // en
          "limited access to email",
          "limited access to my email",
          "without access to email",
          "no access to email",
          "i am away",
          "i'm away",
          "i am on vacation",
          "i'm on vacation",
          "i am on leave",
          "i'm on leave",
          "i am on holiday",
          "i'm on holiday",
          "i am travelling",
          "i am traveling",
          "i will be away",
          "i will be on vacation",
          "i will be on leave",
          "i will be traveling",
          "i will be travelling",
          "i will return on",
          "i will be back on",
          "i'll be back on",
          "returning to the office",
          "back in the office",
          // de
          "ich bin bis",
          "abwesend",
          "im urlaub",
          "außer haus",
          "ausser haus",
          "nicht erreichbar",
          // fr
          "je suis absent",
          "je serai absent",
          "je suis en congé",
          "je suis en vacances",
          "de retour le",
          // es
          "estoy ausente",
          "estoy de vacaciones",
          "estaré de vacaciones",
          "me encuentro de vacaciones",
          // pt
          "estou de férias",
          "estarei de férias",
          "estou ausente",
          "estarei ausente",
          // nl
          "ik ben afwezig",
          "ik ben met vakantie",
          "ik ben op vakantie",
          "ik ben weer aanwezig");

  private static final int SHORT = 1500;

  private AutoReplies() {}

  /**
   * RFC 3834 and vendor header fields that mark an automatic answer. Not {@code
   * X-Auto-Response-Suppress}: Exchange sets it on a person's mail too, to ask for no automatic
   * answer to it.
   */
  static boolean byHeaders(Headers h) {
    String auto = h.first("auto-submitted");
    if (auto != null && !keyword(auto).equals("no")) {
      return true;
    }
    if (h.has("x-autoreply")
        || h.has("x-autorespond")
        || h.has("x-autoresponder")
        || h.has("x-apple-action")) {
      return true;
    }
    String p = precedence(h);
    return p.contains("auto_reply") || p.contains("auto-reply");
  }

  /** The keyword of an {@code Auto-Submitted} field: without parameters and comments (RFC 3834). */
  private static String keyword(String field) {
    String value = Headers.mainValue(field);
    int comment = value.indexOf('(');
    return comment < 0 ? value : value.substring(0, comment).strip();
  }

  /**
   * Mass mail: precedence {@code bulk} with a list's header field ({@code List-Unsubscribe}, {@code
   * List-Id}), or precedence {@code junk} or {@code list}. A bare {@code Precedence: bulk} is not
   * enough: some company gateways stamp it on every mail that leaves, a person's too, while mass
   * mail carries {@code List-Unsubscribe}.
   */
  static boolean isMassMail(Headers h) {
    String p = precedence(h);
    return p.contains("junk")
        || p.contains("list")
        || (p.contains("bulk") && (h.has("list-unsubscribe") || h.has("list-id")));
  }

  /** Precedence {@code bulk} or {@code junk}, which responders set on their answers. */
  static boolean isBulkOrJunk(Headers h) {
    String p = precedence(h);
    return p.contains("bulk") || p.contains("junk");
  }

  /** The {@code Precedence} field in lower case, or empty. */
  private static String precedence(Headers h) {
    String precedence = h.first("precedence");
    return precedence == null ? "" : precedence.toLowerCase(Locale.ROOT);
  }

  /** A subject that says it is an automatic answer. */
  static boolean bySubject(String subjectLower) {
    return BounceSignals.containsAny(subjectLower, SUBJECTS);
  }

  /**
   * A text with a responder's statement of absence; only its first 4,000 characters count, and
   * statements a person may make too only when {@code personal} ones count and in a text shorter
   * than {@value #SHORT} characters. A text that calls itself automatic is {@link
   * #saysItIsAutomatic}'s.
   */
  static boolean byText(String text, boolean personal) {
    String lower = head(text);
    return BounceSignals.containsAny(lower, TEXTS)
        || (personal && text.length() < SHORT && BounceSignals.containsAny(lower, SHORT_TEXTS));
  }

  /** A day: "tomorrow", "Thursday", "next Tues", "later this week", "Friday afternoon". */
  private static final String DAY =
      "(?:tomorrow|today|tonight|(?:later )?this week|next week|(?:(?:next|this)[ \\t]++)?"
          + "(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
          + "|mon|tues?|weds?|thu(?:rs?)?|fri)(?!\\w)\\.?)"
          + "(?:\\s++(?:morning|afternoon|evening))?";

  /** A month's name or its abbreviation. */
  private static final String MONTH =
      "(?:january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

  /** A time of day: "10:30", "3pm", "2:00 PM EST", "noon". */
  private static final String CLOCK =
      "(?:\\d{1,2}[:.h]\\d{2}(?:[ \\t]*+(?:am|pm|h)(?!\\w))?|\\d{1,2}[ \\t]*+(?:am|pm|h)(?!\\w)"
          + "|noon|midnight)"
          + "(?:[ \\t]++(?:[a-z]{1,3}t|utc|gmt)(?!\\w))?";

  /**
   * Where a sentence of its own starts: at the start of the text, after a full stop or an
   * exclamation mark, on a line after one or after an empty line. Not after a question ("Will I
   * reply? Absolutely!"), a dash or a comma, and not on a line that a hard wrap began.
   */
  private static final String SENTENCE_START =
      "(?=[\\p{L}\\d])(?:(?<![\\s\\S])|(?<=[.!][ \\t\\u00a0]{1,3})"
          + "|(?<=[.!][ \\t]{0,3}[\\r\\n]{1,4}[ \\t]{0,3})"
          + "|(?<=\\n[ \\t]{0,3}\\r?\\n[ \\t]{0,3})(?<!\\?[ \\t]{0,3}\\r?\\n[ \\t]{0,3}\\r?\\n[ \\t]{0,3}))";

  /**
   * Not on a line that a hard wrap began ("If this is\\nnot the right time, ..."): what follows a
   * word or a comma at the end of the line before goes on that line's sentence.
   */
  private static final String NOT_WRAPPED = "(?<![\\p{L}\\d,;][ \\t]{0,3}\\r?\\n[ \\t]{0,3})";

  /**
   * A day or a time a person offers: a day, perhaps with a time ("Thursday at 10"), a time ("at
   * 10", "after 3", "3pm ET", "noon"), a date ("the 15th") or "any time". A notice's "the office
   * works", "my phone still works" or "if that works" has none.
   */
  private static final String TIME =
      "(?:"
          + DAY
          + "(?:[ \\t]++(?:at[ \\t]++)?(?:"
          + CLOCK
          + "|\\d{1,2}))?"
          + "|(?:at|after|before|around|from|by)[ \\t]++(?:"
          + CLOCK
          + "|\\d{1,2})"
          + "|"
          + CLOCK
          + "|(?:the[ \\t]++)?\\d{1,2}(?:st|nd|rd|th)|any ?time)";

  /**
   * What follows "Thursday works" in an answer: the end of a sentence or line, a dash, "too", "for
   * a call", a symbol; not a noun's verb ("Tuesday works are planned") or "best for urgent
   * matters".
   */
  private static final String ANSWER_ENDS =
      "(?=[ \\t]*+(?:[.!?,;:)\\-–—]|\\R|$|too(?!\\w)|for an? )|[ \\t]++[^\\w\\s])";

  /** A date: "Sept 15", "September 15th", "15 September", "the 15th of September", "9/15". */
  private static final String DATE =
      "(?:"
          + MONTH
          + "\\.?[ \\t]++\\d{1,2}(?:st|nd|rd|th)?(?!\\w)"
          + "|(?:the[ \\t]++)?\\d{1,2}(?:st|nd|rd|th)?[ \\t]++(?:of[ \\t]++)?"
          + MONTH
          + "(?!\\w)|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?(?![\\w/]))";

  /**
   * Where a person's "that would work" may start: the start of the text, of a line or of a
   * sentence; after "but", "so"; after "thanks,", "ok", "yes", "great -", "of course,", "Hi Sam,";
   * and after the same words in the other languages. Not within a notice's own clause: "suggest a
   * few times that would work", "I hope that this will work", "hopefully, that will work", "text me
   * - that should work", "any time after the 15th should work".
   */
  private static final String CLAUSE_START =
      "(?=[\\p{L}\\d])(?:(?<![\\s\\S])|(?<=[.!?][ \\t\\u00a0]{1,3})|(?<=\\n[ \\t]{0,3})"
          + "|(?<=(?<!\\w)(?:but|so|mais|pero|mas|aber|maar)[ \\t])"
          + "|(?<=(?<!\\w)(?:thanks|thank you|thx|ok|okay|great|perfect|cool|yes|yeah|yep|sure"
          + "|absolutely|of course|definitely|no problem|sure thing|yes please|alright|all right"
          + "|parfait|perfecto|vale|claro|gerne|prima|oui|sí|ja|sim)"
          + "[,!]?[ \\t](?:[\\-–—][ \\t])?)"
          + "|(?<=(?<!\\w)(?:hi|hello|hey|dear|thanks|thank you|good morning|morning)"
          + "[ \\t]\\w{1,20},[ \\t]))";

  /**
   * A day, a date or a time a person offers: "Thursday", "Monday the 16th", "Monday, Sept 16",
   * "Thursday 9/18", "Sept 16 at 10am", "10am on Thursday", "10am tomorrow", "any time Thursday",
   * "early next week", "Thursday at 10 or 11"; not "any time after the 15th" or "after 1pm", the
   * times a notice gives for after its writer's return.
   */
  private static final String OFFERED_TIME =
      "(?>(?:early|late)[ \\t]++)?(?>"
          + DAY
          + "(?:,?[ \\t]++(?:the[ \\t]++)?(?:"
          + DATE
          + "|\\d{1,2}(?:st|nd|rd|th)?(?![\\w/:.])))?"
          + "(?:[ \\t]++(?:at[ \\t]++)?(?:"
          + CLOCK
          + "|\\d{1,2})(?:[ \\t]++or[ \\t]++\\d{1,2}(?!\\w))?)?"
          + "|"
          + DATE
          + "(?:[ \\t]++(?:at[ \\t]++)?(?:"
          + CLOCK
          + "|\\d{1,2}(?![\\w:./])))?|"
          + CLOCK
          + "[ \\t]++(?:on[ \\t]++)?"
          + DAY
          + "|any ?time[ \\t]++(?:on[ \\t]++)?"
          + DAY
          + "|(?!(?:after|before|from|by|around)[ \\t])"
          + TIME
          + ")";

  /**
   * What a person's "would work" or "is fine" is said of when it is a day or a time: one offered
   * time, a list ("Tuesday, Wednesday or Thursday"), "either Tuesday or Wednesday", "either day",
   * "both days", "any of those times". Not a notice's "any of these times", which lists its own,
   * nor a bare "either" or "both", which notices say of the ways to reach someone.
   */
  private static final String OFFER =
      "(?:either[ \\t]++"
          + OFFERED_TIME
          + "[ \\t]++or[ \\t]++"
          + OFFERED_TIME
          + "|"
          + OFFERED_TIME
          + "(?:(?:,[ \\t]*+"
          + OFFERED_TIME
          + "){0,5},?[ \\t]++(?:or|and)[ \\t]++"
          + OFFERED_TIME
          + ")?"
          + "|either[ \\t]++(?:day|time|date|slot|of those"
          + "(?:[ \\t]++(?:times|days|dates|slots|options))?"
          + "|of the (?:times|days|dates|slots|options))"
          + "|both[ \\t]++(?:days|times|dates|slots)"
          + "|any of (?:those|them)(?:[ \\t]++(?:times|days|slots|options))?"
          + "|(?:(?:both|all) of )?those(?:[ \\t]++(?:times|days|dates|slots|options))?)";

  /** "would", "will", "should", "could", "can", "might", "may", "'ll", "'d", and an adverb. */
  private static final String MODAL =
      "(?:[ \\t]++(?:would|will|should|could|can|might|may)|'ll|'d)"
          + "(?:[ \\t]++(?:both|all))?"
          + "(?:[ \\t]++(?:also|definitely|probably|certainly|surely|really|totally"
          + "|actually|still))?";

  /** "for me", "with us", "by me", perhaps with a time: "for us next week". */
  private static final String FOR_US =
      "[ \\t]++(?:for|with|by)[ \\t]++(?:me|us|both of us)(?:[ \\t]++" + TIME + ")?";

  /** {@link #FOR_US}, or nothing. */
  private static final String FOR_ME = "(?:" + FOR_US + ")?";

  /** "I think", "I'm sure", ... before an acceptance: "I think Thursday would work." */
  private static final String HEDGE =
      "(?:(?:i think|i believe|i'm sure|i am sure|i guess)[ \\t]++)?";

  /** "that", "this", "that time", "this slot": what a person accepts when it was offered to her. */
  private static final String THAT = "(?:that|this)(?:[ \\t]++(?:time|day|date|slot|one))?";

  /**
   * What follows a person's "that would work" or "jeudi me convient": the end of a sentence or
   * line, a dash, a symbol, "too", "as well", "though", "for a call", "if you're free"; not "for
   * the invoices", not a colon ("this will work best: call ..."), and not a hedge after a comma
   * ("that should work, hopefully").
   */
  private static final String ACCEPT_ENDS =
      "(?=[ \\t]*+(?:[.!?,;)\\-–—]|\\R|$|too(?!\\w)|as well|though|for an? "
          + "|if (?:you're|you are) (?:free|available))"
          + "|[ \\t]++[^\\w\\s]|[ \\t]*+(?::-?[)(dp]|\\p{So}))"
          + "(?![ \\t]*+,[ \\t]*+(?:hopefully|i hope|fingers crossed))";

  /**
   * A person accepting a day or a time, at the start of a clause or after a comma or a dash (but
   * for "any time after 3pm should work - call reception"): "Thursday should work fine.", "I think
   * Monday, Sept 16 would work.", "Tomorrow would also work for me.", "Sept 15 would be great.",
   * "Thursday is fine.", "Thursday suits me.", "Thursday it is.", "Ok, Thursday then.", "Either day
   * would work." Not what a notice says to point to another time: "if it can wait, next week is
   * better", "Monday morning is best", "Thursday would work best", "Monday or Tuesday would be fine
   * for a call", "if you need to reschedule, 15 September will work", "contact Jane or Bob; either
   * will work".
   */
  private static final String TIME_ACCEPTED =
      "(?:"
          + CLAUSE_START
          + "|(?<=[,;\\-–—][ \\t])"
          + "(?<!(?<!\\w)(?:if|for|when|sorry|should|in case)[^.!?\\n,;]{0,60}[,;\\-–—][ \\t])"
          + "(?!any|either|both)(?=[\\p{L}\\d]))"
          + HEDGE
          + OFFER
          + "(?:"
          + MODAL
          + "[ \\t]++(?:work(?:[ \\t]++(?:well|fine|great|better|perfectly|nicely|just fine"
          + "|really well))?"
          + "|suit[ \\t]++(?:me|us)"
          + "|be[ \\t]++(?:great|perfect|fine|good|ideal|better|ok|okay"
          + "|a good (?:day|time|option)))"
          + "|(?:[ \\t]++is|'s)(?:[ \\t]++(?:also|totally|absolutely|perfectly))?"
          + "[ \\t]++(?:fine|good|great|perfect|better|ok|okay|ideal)"
          + "|[ \\t]++suits[ \\t]++(?:me|us)(?:[ \\t]++(?:fine|well))?"
          + "|[ \\t]++it is|[ \\t]++then)"
          + FOR_ME
          + "(?![ \\t]++for an? )"
          + ACCEPT_ENDS;

  /**
   * A person accepting what was offered, at the start of a clause: "That would work.", "That'll
   * work.", "That would be great.", "That should be fine.", "That's fine.", "It would work for us
   * next week.", "Would work for me!". Not a notice's "that will work best: call me", "but that
   * should be fine", "it's fine - no need to resend" or "call my mobile. It should work."
   */
  private static final String THAT_WORKS =
      CLAUSE_START
          + HEDGE
          + "(?:(?:would|should|will|could|can)[ \\t]++work[ \\t]++for[ \\t]++(?:me|us)|"
          + THAT
          + MODAL
          + "[ \\t]++(?:work(?:[ \\t]++(?:well|fine|great|perfectly|nicely|just fine|really well))?"
          + "|suit[ \\t]++(?:me|us)|be[ \\t]++(?:great|perfect|ideal))"
          + FOR_ME
          + "|(?<!(?<!\\w)but[ \\t])"
          + THAT
          + MODAL
          + "[ \\t]++be[ \\t]++(?:fine|good|ok|okay)(?![ \\t]++for an? )"
          + FOR_ME
          + "|it"
          + MODAL
          + "[ \\t]++(?:work|suit|be[ \\t]++(?:great|perfect|fine|good|ideal))"
          + FOR_US
          + "|"
          + THAT
          + "(?:[ \\t]++is|'s)"
          + "(?:[ \\t]++(?:totally|absolutely|perfectly))?"
          + "[ \\t]++(?:fine|good|great|perfect|ideal|ok|okay)"
          + FOR_ME
          + ")"
          + ACCEPT_ENDS;

  /**
   * A short answer of a person's, at the start of a clause and ending there: "Not interested.", "No
   * thanks.", "Fine by me.", "Sounds great!", "Count me in.", "I'm in.", "Happy to.",
   * "Interested!", "Definitely keen.", "Looking forward to it.", "Let's do Thursday.", "Can we talk
   * next week?", "I can do Thursday at 10.", "I'm free Thursday afternoon.", "Absolutely." or "Sure
   * thing :)" (a sentence of its own). Not a notice's "if you are not interested", "happy to help",
   * "I am in meetings", "interested in our products?", "of course, Jane can help" or "Will I reply?
   * Absolutely!".
   */
  private static final String SHORT_ANSWER =
      "(?:"
          + CLAUSE_START
          + "|(?<=[\\-–—][ \\t])(?!looking|interested|i'm in|i am in)(?=[\\p{L}\\d]))"
          + "(?:(?:i'm[ \\t]++|i am[ \\t]++)?not interested|no,?[ \\t]++thanks?(?:[ \\t]++you)?"
          + "|fine (?:by|with) me|sounds (?:great|perfect|fine|good to me)"
          + "|count me in|happy to"
          + "|(?:i'm in|i am in|looking forward to it"
          + "|(?:definitely |very |really |quite )?(?:interested|keen))(?=[ \\t]*+(?:[.!]|\\R|$))"
          + "|let's do (?:it|"
          + OFFERED_TIME
          + ")|i can do "
          + OFFERED_TIME
          + "|(?:i'm|i am) free "
          + OFFERED_TIME
          + "|(?:would|could|does|will) "
          + OFFERED_TIME
          + " work(?: for you)?(?=[ \\t]*+\\?)"
          + "|(?:can|could|shall) we (?:do|meet|talk|speak|chat)(?:[ \\t]++"
          + OFFERED_TIME
          + ")?|"
          + SENTENCE_START
          + "(?:yes,?[ \\t]++(?:absolutely|definitely|certainly|of course|please)|absolutely"
          + "|definitely|certainly|of course|sure(?: thing)?)"
          + "(?=[ \\t]*+(?:[.!\\-–—]|\\R|$|:-?\\)|\\p{So}|,[ \\t]*+go ahead)))"
          + ACCEPT_ENDS;

  /**
   * What a person asks a recruiter about: the pay, where the work is done, the visa, the role or
   * the company it is for, and how her address was found; in the languages the absence phrases are
   * read in. Not the words a notice's routing questions use too: a bare "job", "contract", "team",
   * "client" ("Is this about a job application?", "Is the matter related to a client?").
   */
  private static final String ABOUT_THE_ROLE =
      "(?:salary|salaries|compensation|comp|pay|base|day rate|rate|remote|remotely|hybrid|on-?site"
          + "|wfh|work from home|relocation|relocate|visa|visas|sponsorship|sponsor|equity|bonus|jd"
          + "|job spec|spec|job description|hiring manager|seniority|level|budget|tech stack|stack"
          + "|perm|permanent"
          // of the role, not of a notice's helpdesk: "Is it full-time?", "Is the role part-time?"
          + "|(?<=(?<![\\w-])(?:it|role|job|position|this|that|one)[ \\t](?:be[ \\t])?)"
          + "(?:full-time|full time|part-time|part time)"
          + "|(?:the|this|that)[ \\t]++package(?=[ \\t]++(?:like|look))"
          + "|(?:the|this|that)[ \\t]++(?:job|opening|vacancy|client|company|employer|team|office"
          + "|interview process)"
          + "|(?:a|an|the|this|that)[ \\t]++(?:[\\w-]++[ \\t]++){0,3}?(?:role|position)"
          + "|(?<=(?:which|what|whose|welk|welke|welche|quelle|qué)[ \\t])(?:company|client|employer"
          + "|firm|team|bedrijf|firma|empresa|entreprise)"
          + "|my (?:email|e-mail|address|details|contact details|profile|number|info)"
          + "|(?:find|found|get|got)[ \\t]++me"
          + "|gehalt|vergütung|die stelle|welche firma|welches unternehmen|salaire|rémunération"
          + "|télétravail|le poste|quelle entreprise|salario|sueldo|remoto|el puesto|qué empresa"
          + "|salário|a vaga|que empresa|salaris|thuiswerken|de functie|welk bedrijf)";

  /**
   * A person's question about the role: at the start of a clause (or after the comma or dash that
   * ends an absence), a question word or a verb and a word about the role before the question mark:
   * "What's the salary range?", "Is it remote?", "Which company is this for?", "How did you get my
   * email?", "Also, could you send the job description?", "Quel est le salaire ?"; or the pay or
   * place alone: "Salary range?", "Remote?". Not a notice's routing questions ("Is this about the
   * remote access VPN?", "Are you applying for a job?", "Would you like to join our team?", "How
   * can our support team help?", "Who can help with interview scheduling?"), nor a question the
   * notice answers itself ("Remote? Most of our roles are hybrid.") or follows with where to turn
   * ("... ? Please write to careers@acme.example.").
   */
  private static final String QUESTION_ABOUT_THE_ROLE =
      "(?:"
          + CLAUSE_START
          + NOT_WRAPPED
          + "|(?<=[,\\-–—][ \\t])(?=[\\p{L}])"
          + "|(?:(?<![\\s\\S])|(?<=[.!?\\n][ \\t]{0,3}))¿)"
          // a question mark within reach, before anything else is tried
          + "(?=[^.!?\\n]{0,200}+[ \\t\\u00a0]?\\?)"
          + "(?:(?:also|and|but|just curious|curious|quick question|one question)[,:]?[ \\t\\-–—]++)?"
          + "(?:(?:(?<=¿)|(?:what|what's|which|who|who's|whose|where|where's|when|how|is|are|does|do"
          + "|did|can|could|would|will|was|wie|welche[rs]?|wer|wo|wann|ist|gibt es|können|um"
          + "|quel(?:le)?s?|qui|où|quand|comment|est-ce|c'est|qué|cuál|cuánto|quién|dónde|cómo|o que"
          + "|qual|quanto|quem|onde|como|é|wat|welke?|waar|hoe|the (?:role|job|position|salary|pay)"
          + "|le poste|el puesto|die stelle|a vaga|de functie)(?!\\w))"
          // a notice's routing questions
          + "(?![ \\t]++(?:your|we|our|i|to)(?!\\w))"
          + "(?:(?<=can|could)|(?![ \\t]++you(?!\\w)))"
          + "(?![ \\t]++(?:this|it|that|the[ \\t]++\\w++)[ \\t]++(?:about|regarding|related|relating"
          + "|concerning|for an?|urgent)(?!\\w))"
          + "(?![ \\t]++(?:this|it|that)[ \\t]++concern)"
          + "(?![ \\t]++(?:can|should|may|will)[ \\t])"
          + "(?![^.!?\\n]{0,150}?(?<!\\w)(?:help|reach|contact|apply|applying|applied|application|enquiry"
          + "|inquiry|get in touch|speak to|talk to|best way|responsible|ansprechpartner|joindre"
          + "|contacter|contactar|ayudar|falar|bereiken|helpen)(?!\\w)[^.!?\\n]{0,150}?\\?)"
          // the first word about the role, for good: the question mark after it is the same
          + "(?>[^.!?\\n]{0,150}?(?<![\\w-])"
          + ABOUT_THE_ROLE
          + "(?![\\w-]))[^.!?\\n]{0,150}+"
          + "|(?:can|could) you (?:please )?(?:send|share)(?: me)? (?:some |a few |any )?more"
          + " (?:details|info|information)|any more (?:details|info)"
          + "|(?:open to |any flexibility on |and the )?(?:salary|pay|comp|compensation|day rate|rate"
          + "|base|remote|hybrid|wfh|relocation|visa sponsorship|sponsorship|location"
          + "|perm or contract|contract or perm|permanent or contract)"
          + "(?:[ \\t]++(?:range|band|budget|ok|okay|possible|option|available|möglich))?)"
          + "[ \\t\\u00a0]?\\?"
          // not a question the notice answers itself, in its company's voice ("Remote? Most of
          // our roles are hybrid.", "Is relocation offered? Yes, for all roles abroad.")
          + "(?![ \\t]*+[^?\\n]{0,150}?(?<!\\w)(?:our|we|we're|we'll|us|every|each|all|listed"
          + "|published|shown|states|advert|job ads?|posting|careers page|invitation|you will find"
          + "|unsere[nmrs]?|jeder|steht|stellenanzeigen?|notre|nos|chaque|offre|oferta"
          + "|indiqué|nuestr[ao]s?|cada|(?:yes|no)(?=[,.!]))(?!\\w))"
          // not a question the notice answers with where to turn
          + "(?![ \\t]*+[^.!?\\n]{0,100}?(?:@|https?:|www\\.|\\w\\.\\w++/|\\d[\\d \\-]{5,}\\d))"
          + "(?![ \\t]*+(?:please[ \\t]++|kindly[ \\t]++|bitte[ \\t]++)?(?:contact|write|e-?mail|call"
          + "|see|visit|use|reach|get in touch|wenden|kontaktieren|rufen|siehe|contactez|écrivez"
          + "|voir|escriba|contacte|vea|veja|consulte|neem|zie)(?!\\w))";

  /**
   * What a person says of the offer itself, at the start of a clause and ending it (or going on
   * only with "thanks", "sorry", "though", ...): interest ("I'd like to hear more", "Sounds
   * interesting!", "Interesting, tell me more", "I'm open to a chat", "I might be interested",
   * "Feel free to send over the details", "Please send me more details", "Thanks for thinking of
   * me", "Klingt interessant"), a refusal ("Not the right time for me, sorry", "This isn't the
   * right time", "I'm not looking to move", "I'm happy where I am", "I've just started a new role",
   * "I'll have to decline", "Kein Interesse, danke"). Not a notice's "if this is not the right
   * time", "I am not looking at email", "feel free to send the details to Jane", "tell me more
   * about your request in your reply", "bad timing, I know - I will reply ...", nor its questions
   * ("Sounds interesting? Register for our webinar", "Not looking for a new job? Refer a friend")
   * and what it says to them ("Reading email? Not right now."). Not a bare "please call me" either:
   * notices say it too, with the number in their signature (a call asked for on a day the text
   * names is {@link #CALL_ME_ON_A_DAY}'s).
   */
  private static final String PERSON_SAYS =
      CLAUSE_START
          + NOT_WRAPPED
          // not what a notice says to its own question: "Reading email? Not right now."
          + "(?<!\\?[ \\t\\u00a0]{1,3})(?<!\\?[ \\t]{0,3}\\r?\\n[ \\t]{0,3})"
          + "(?:"
          // interest
          + "(?:(?:i'd|i would|i'll|i will|would|i|i'm|i am)[ \\t]++)?(?:like|love|be keen|keen|be glad"
          + "|be happy|happy)[ \\t]++to (?:learn|hear|know|find out) more"
          + "|(?:(?:would|it would|it'd) be (?:great|good|nice) to (?:hear|learn|know) more)"
          + "|(?:(?:interesting|interested|intriguing|intrigued|sounds interesting)[,!]?[ \\t]*+"
          + "(?:[\\-–—][ \\t]*+)?)?"
          + "(?:tell|send) me more"
          + "|(?:(?:this|that|it|the role)[ \\t]++)?(?:does[ \\t]++)?sounds? (?:(?:very |really )?(?:interesting"
          + "|intriguing|exciting|promising|great|good|amazing)|like an? (?:great|interesting)"
          + " (?:role|opportunity|position))"
          + "|(?:(?:i'm|i am|i'd be|i would be)[ \\t]++)?open to (?:it|this|that|a chat|a call"
          + "|a conversation|hearing more|learning more|talking|chatting|discussing it|exploring it"
          + "|new (?:roles?|opportunities|challenges)|other (?:roles|opportunities)|the idea|a move"
          + "|moving|a change)"
          + "|(?:i'd|i would) be up for (?:a chat|a call|it)"
          + "|(?:i[ \\t]++)?(?:might|may|could|would) (?:well |possibly |potentially )?be interested"
          + "(?: in (?:it|this|that|hearing more|learning more|a chat|a call|the role))?"
          + "|maybe interested"
          + "|feel free to (?:send|share|forward)(?: me| over| across)?"
          + " (?:the |some |more |any )?(?:details|info|information|jd|job description|it|them"
          + "|more)(?: over| across| through)?"
          + "|(?:please |go ahead and )?send (?:it|them|the jd|the details) (?:over|through|across)"
          + "|(?:please )?send over the (?:details|jd|job description|info)"
          + "|(?:please[ \\t]++|go ahead and[ \\t]++)?(?:send|share) (?:me )?(?:some |more )?"
          + "(?:the )?(?:details|info"
          + "|information|job description|description|jd)"
          + "|thanks? (?:you )?for (?:thinking of|considering) me"
          // refusal
          + "|(?:(?:(?:it's|it is|this is|now is|now's|just)[ \\t]++)?not"
          + "|(?:(?:this|it|now)[ \\t]++)?isn't) (?:the |a )?(?:right|good|great) (?:time|moment)"
          + "(?: for (?:me|a move|a change))?(?: to (?:move|change))?(?: right now| at the moment)?"
          + "|(?:the )?timing(?:'s not| is not| isn't) right(?: for me)?|bad timing"
          + "|(?:(?:i'm|i am)[ \\t]++)?(?:not|no longer) (?:actively )?looking"
          + "(?: (?:right now|at the moment|currently|for (?:a |new |another )?(?:new )?(?:role|job"
          + "|position|change|opportunit\\w*)|for anything new|to (?:move|change)|any ?more))?"
          + "|(?:i'm|i am)[ \\t]++not (?:considering|open to) (?:a move|moving|new roles|a change)"
          + "(?: right now| at the moment)?"
          + "|(?:i'm|i am)[ \\t]++not in the market(?: right now| at the moment)?"
          + "|(?:(?:i'm|i am)[ \\t]++)?(?:no longer interested|not interested at (?:this|the) "
          + "(?:stage|moment|time))"
          + "|(?:(?:i'm|i am)[ \\t]++)?(?:very |quite |really )?(?:happy|content|settled) (?:where i am"
          + "|where i'm at|in my (?:current )?(?:role|job|position))"
          + "|(?:(?:i've|i have|i)[ \\t]++)?(?:already|just|recently) (?:found|accepted|started|signed"
          + "|taken|got) (?:a |an |another |the |my )?(?:new )?(?:role|job|position|offer|contract)"
          + "(?: elsewhere)?"
          + "|(?:i[ \\t]++)?recently accepted (?:a |an )?(?:new )?(?:role|job|position|offer)"
          + "(?: elsewhere)?"
          + "|(?:i'll|i will|i'm going to|i am going to|i)[ \\t]++(?:have to )?(?:pass|decline)"
          + "(?: on (?:this|it|that))?(?: this time| for now)?"
          + "|(?:(?:it's|it is|this is|that's|that is)[ \\t]++)?not (?:for me|the right fit(?: for me)?)"
          + "|not (?:for now|right now)"
          // in the other languages the absence phrases are read in
          + "|(?:klingt interessant|suena interesante|parece interessante|klinkt interessant)"
          + "(?:[,!]?[ \\t]*+(?:[\\-–—][ \\t]*+)?(?:erzählen sie mir mehr|erzähl mir mehr|cuéntame más"
          + "|cuénteme más|conte-me mais|vertel me meer))?"
          + "|erzählen sie mir mehr|erzähl mir mehr|cuéntame más|cuénteme más|dites-m'en plus"
          + "|vertel me meer|conte-me mais|kein interesse|nicht interessiert|pas intéressée?"
          + "|geen interesse|klingt spannend|gerne mehr (?:infos?|informationen|details)"
          + "(?: per (?:e-)?mail)?|ça a l'air intéressant|ça semble intéressant"
          + ")"
          // the end of the clause, not a question: not "Not looking for a job? Refer a friend",
          // "tell me more about your request", "feel free to send the details to Jane"
          + "(?=[ \\t]*+(?:[.!;)]|\\R|$|\\p{So}|[,\\-–—][ \\t]*+(?:[\\-–—][ \\t]*+)?(?:thanks|thank you"
          + "|thx|cheers|sorry|though|but thanks|i'm afraid|unfortunately|maybe|tell me more"
          + "|danke|merci|gracias|obrigad[oa]|bedankt)(?!\\w)|about (?:it|this|that|the (?:role|position"
          + "|job|opportunity|company|team))(?![ \\t]++(?:once|when|after|on|upon))))"
          + "(?![^.!?\\n]{0,150}+\\?)";

  /** A clock time in the other languages: "10h", "14h30", "10:30", "10 Uhr". */
  private static final String CLOCK_ELSEWHERE =
      "\\d{1,2}(?:[h:.]\\d{0,2})?(?:[ \\t]++(?:uhr|uur))?(?!\\w)";

  /** A day in Portuguese: "quinta", "na quinta-feira às 10h", "amanhã de manhã". */
  private static final String PT_DAY =
      "(?:na[ \\t]++)?(?:amanhã|(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?|sábado|domingo"
          + "|a próxima semana)(?:[ \\t]++(?:de manhã|à tarde))?(?:[ \\t]++(?:(?:às|as)[ \\t]++)?"
          + CLOCK_ELSEWHERE
          + ")?";

  /**
   * A person accepting a day in the other languages the absence phrases are read in, at the start
   * of a clause: "Jeudi me convient.", "Mardi prochain à 10h me va.", "Jeudi, ça me va.", "Jeudi
   * c'est parfait.", "El jueves me viene bien.", "Me parece bien.", "El jueves funciona para mí.",
   * "Quinta-feira funciona para mim.", "Pode ser quinta às 10h.", "Donnerstag 10 Uhr passt mir.",
   * "Am Donnerstag geht es.", "Dienstag wäre gut.", "Das passt.", "Donderdag komt goed uit." Not a
   * notice's "si cela vous convient", "nächste Woche passt es besser" or "ab dem 15. passt es mir
   * wieder".
   */
  private static final String ACCEPTS_ELSEWHERE =
      "(?:"
          + CLAUSE_START
          + "|(?<=,[ \\t])(?=[\\p{L}\\d]))"
          + "(?:(?:ça|cela|(?:le[ \\t]++)?(?:demain|lundi|mardi|mercredi|jeudi|vendredi|samedi"
          + "|dimanche|la semaine prochaine)(?:[ \\t]++prochain)?(?:[ \\t]++\\d{1,2}(?![\\dh:]))?"
          + "(?:[ \\t]++(?:matin|après-midi|soir))?(?:[ \\t]++(?:(?:à|a|vers)[ \\t]++)?"
          + CLOCK_ELSEWHERE
          + ")?)(?:,?[ \\t]++ça)?"
          + "(?:[ \\t]++(?:me|nous)[ \\t]++(?:va|convient|conviendrait|irait)"
          + "(?:[ \\t]++(?:bien|très bien|parfaitement))?"
          + "|,?[ \\t]++c'est[ \\t]++(?:parfait|bon|ok|d'accord))"
          + "|(?:(?:(?:el[ \\t]++)?(?:próximo[ \\t]++)?(?:lunes|martes|miércoles|jueves|viernes"
          + "|sábado|domingo)(?:[ \\t]++\\d{1,2}(?![\\d:]))?|mañana|la próxima semana"
          + "|la semana que viene)(?:[ \\t]++(?:que viene|por la (?:mañana|tarde)))?"
          + "(?:[ \\t]++a las[ \\t]++"
          + CLOCK_ELSEWHERE
          + ")?[ \\t]++)?"
          + "(?:(?:me|nos)[ \\t]++(?:viene|va|vendría|iría|queda|parece)[ \\t]++(?:muy[ \\t]++)?bien"
          + "|funciona[ \\t]++para[ \\t]++(?:mí|nosotros))"
          + "|pode ser[ \\t]++"
          + PT_DAY
          + "|(?:isso|"
          + PT_DAY
          + ")[ \\t]++(?:funciona|serve|fica bom|está bom|está ótimo|está perfeito)"
          + "(?:[ \\t]++(?:para|pra)[ \\t]++(?:mim|nós))?"
          + "|(?:das|(?:am[ \\t]++|nächsten[ \\t]++)?(?:morgen|übermorgen|montag|dienstag|mittwoch"
          + "|donnerstag|freitag|samstag|sonntag|nächste woche)(?:[ \\t]++(?:vormittag|nachmittag))?"
          + "(?:[ \\t]++(?:um[ \\t]++)?"
          + CLOCK_ELSEWHERE
          + ")?)"
          + "(?:[ \\t]++passt(?:[ \\t]++es)?(?:[ \\t]++(?:mir|uns))?"
          + "(?:[ \\t]++(?:gut|sehr gut|prima|perfekt))?"
          + "|[ \\t]++geht(?:[ \\t]++es)?(?:[ \\t]++(?:bei mir|für mich|bei uns))?"
          + "|[ \\t]++wäre[ \\t]++(?:gut|super|perfekt|prima|ideal))"
          + "|(?:dat|(?:volgende week[ \\t]++)?(?:morgen|maandag|dinsdag|woensdag|donderdag|vrijdag"
          + "|zaterdag|zondag)(?:[ \\t]++(?:om[ \\t]++)?"
          + CLOCK_ELSEWHERE
          + ")?|volgende week)"
          + "[ \\t]++(?:past|komt)(?:[ \\t]++(?:mij|me|ons))?(?:[ \\t]++goed)?(?:[ \\t]++uit)?)"
          + ACCEPT_ENDS;

  /**
   * Words that answer the message ("but yes", "yes,", "sure!", "happy to talk", "let's talk", "I'm
   * interested", "works for me", "tomorrow at 10 works", "that works.", "that would work."), in the
   * languages the absence phrases are read in. Not what responders' notices say too: "happy to
   * help", "let's catch up when I'm back", "if you are interested in", "Questions?".
   */
  private static final Pattern ANSWER =
      Pattern.compile(
          // not "yes" or "sure" where a notice answers its own question ("Is relocation support
          // offered? Yes, for all roles abroad.")
          "(?U)(?<!\\w)(?:(?<!\\?[ \\t]{1,3})(?:(?:but )?yes(?=\\s*[,.!:;-])|sure[,!])|but yes"
              + "|happy to (?:talk|chat|meet|speak|connect|hop on)"
              + "|let's (?:talk|chat|meet|speak|connect|schedule|set up|do it|find a time)"
              + "|i'm interested|i am interested|i'd be interested|i would be interested"
              + "|works for (?:me|us)|"
              + TIME
              + "[ \\t]++works(?: better| best| fine| great| well)?(?: for (?:me|us))?"
              + ANSWER_ENDS
              + "|(?<!if |whether |hope |hoping )(?:that|this|either(?: one| day| time)?)"
              + " works(?=[ \\t]*+(?:[.!,]|\\R|$))"
              + "|"
              + TIME_ACCEPTED
              + "|"
              + THAT_WORKS
              + "|"
              + SHORT_ANSWER
              + "|"
              + QUESTION_ABOUT_THE_ROLE
              + "|"
              + PERSON_SAYS
              + "|"
              + ACCEPTS_ELSEWHERE
              + "|sounds good|would love to|i'd love to"
              + "|aber ja|ja(?=\\s*[,!])|bin interessiert|ich habe interesse"
              + "|mais oui|oui(?=\\s*[,!])|m'intéresse|je suis intéressée?"
              + "|pero sí|sí(?=\\s*[,!])|me interesa|estoy interesad[oa]"
              + "|mas sim|sim(?=\\s*[,!])|tenho interesse|estou interessad[oa]"
              + "|maar ja|ben geïnteresseerd)(?!\\w)");

  /** A day in English, as a call is asked for on it: "Thursday", "Thurs", "tomorrow". */
  private static final String EN_DAY =
      "(?:tomorrow|today|tonight|this (?:afternoon|evening)|(?:next|this)[ \\t]++week"
          + "|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|weds|thu|thur|thurs|fri)";

  /** A day in Dutch. */
  private static final String NL_DAY =
      "(?:morgen|vandaag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
          + "|volgende week)";

  /** A day in German, as a call is asked for on it. */
  private static final String DE_DAY =
      "(?:morgen|heute|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|nächste woche)";

  /**
   * A person asking to be called on a day they name, in the languages the absence phrases are read
   * in: "Please call me Thursday at 10am.", "but call me on Thursday", "Call me next Monday.",
   * "give me a ring tomorrow", "Rufen Sie mich gerne am Donnerstag an.", "llámame el jueves",
   * "Appelez-moi jeudi.", "bel me donderdag", "liga-me amanhã". A notice's "call me on my mobile"
   * names no day, and its "if urgent, call me tomorrow" is left out by {@link #NOTICE_CALL}.
   */
  private static final Pattern CALL_ME_ON_A_DAY =
      Pattern.compile(
          "(?U)(?<!\\w)(?:(?:call|phone|ring) me|give me a (?:call|ring|buzz))"
              + "[^.!?\\n]{0,25}?(?<!\\w)"
              + EN_DAY
              + "(?!\\w)"
              // "feel free to call Thursday", not "feel free to call the office on Monday"
              + "|(?<!\\w)feel free to (?:call|phone|ring)(?: me)?[ \\t]++(?:(?:on|next|this)[ \\t]++)?"
              + EN_DAY
              + "(?!\\w)"
              + "|(?<!\\w)(?:rufen sie mich|ruf mich|ruft mich)[^.!?\\n]{0,30}?(?<!\\w)"
              + DE_DAY
              + "(?!\\w)"
              // "Sie können mich am Donnerstag anrufen"
              + "|(?<!\\w)mich[^.!?\\n]{0,30}?(?<!\\w)"
              + DE_DAY
              + "(?!\\w)[^.!?\\n]{0,20}?(?<!\\w)anrufen(?!\\w)"
              + "|(?<!\\w)(?:llámame|llámeme|llamame|llameme|llamarme)[^.!?\\n]{0,25}?(?<!\\w)"
              + "(?:mañana|hoy|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
              + "|la próxima semana|la semana que viene)(?!\\w)"
              + "|(?<!\\w)(?:appelez-moi|appelle-moi|appelez moi|appelle moi|m'appeler)"
              + "[^.!?\\n]{0,25}?(?<!\\w)(?:demain|aujourd'hui|lundi|mardi|mercredi|jeudi|vendredi"
              + "|samedi|dimanche|la semaine prochaine)(?!\\w)"
              + "|(?<!\\w)(?:bel me|bel mij|belt u mij|belt u me)[^.!?\\n]{0,25}?(?<!\\w)"
              + NL_DAY
              + "(?!\\w)"
              // "Kun je me donderdag bellen?"
              + "|(?<!\\w)(?:me|mij)[^.!?\\n]{0,20}?(?<!\\w)"
              + NL_DAY
              + "(?!\\w)[^.!?\\n]{0,10}?(?<!\\w)bellen(?!\\w)"
              + "|(?<!\\w)(?:liga-me|ligue-me|me liga|me ligue)[^.!?\\n]{0,25}?(?<!\\w)(?:amanhã"
              + "|hoje|segunda|terça|quarta|quinta|sexta|sábado|domingo|a próxima semana)(?!\\w)");

  /**
   * What makes such a request a notice's: a condition of urgency ("If urgent, call me tomorrow",
   * "Urgent? Call me Thursday", "In dringenden Fällen ...") or a number or a phone to call ("call
   * me Thursday on my mobile", "... on +44 20 7946 0000"), in its sentence or in a question just
   * before it.
   */
  private static final Pattern NOTICE_CALL =
      Pattern.compile(
          "(?U)(?<!\\w)(?:urgent\\w*|emergenc\\w*|asap|dringend\\w*|eilig\\w*|notfall\\w*"
              + "|urgencia\\w*|emergencia\\w*|urgence\\w*|spoed\\w*|urgência\\w*|important"
              + "|importante|wichtig\\w*|can't wait|cannot wait|can not wait|time-sensitive"
              + "|time sensitive|pressing|otherwise|sonst|andernfalls|sinon|de lo contrario"
              + "|caso contrário|everything else|anything else|all other|alles andere|reach me"
              + "|don't call|do not call|don't ring|do not ring|mobile|cell|cellphone|móvil"
              + "|celular|portable|mobiel|telemóvel|telephone|tel[.:]|ext[.:]?|x\\d{3,}|telefon"
              + "|telefoon|téléphone|teléfono|telefone|whatsapp|teams|zoom|skype|landline"
              + "|direct line|work phone|office phone|desk phone|reception|front desk"
              + "|switchboard)(?!\\w)|\\+\\d");

  /**
   * Whether a text also answers the message ("I'm out of the office today but yes, tomorrow works",
   * "I'm away today. Please call me Thursday at 10am."): a person's reply that mentions an absence,
   * not a responder's notice.
   */
  static boolean answers(String text) {
    String head = head(text);
    return ANSWER.matcher(head).find() || asksForACallOnADay(head);
  }

  private static boolean asksForACallOnADay(String head) {
    String text = unwrapped(head);
    Matcher m = CALL_ME_ON_A_DAY.matcher(text);
    while (m.find()) {
      // the request's sentence, and a question or a clause just before it ("Urgent? Call me
      // Thursday.", "If urgent,\n\ncall me tomorrow.")
      int start = sentenceStart(text, m.start());
      int before = start - 1;
      while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
        before--;
      }
      if (before >= 0 && (text.charAt(before) == '?' || text.charAt(before) == ',')) {
        start = sentenceStart(text, before);
      }
      int end = m.end();
      while (end < text.length() && !endsSentence(text, end)) {
        end++;
      }
      String sentence = text.substring(start, end);
      if (!NOTICE_CALL.matcher(sentence).find() && !hasPhoneNumber(sentence)) {
        return true;
      }
    }
    return false;
  }

  /** Where the sentence that holds the character at {@code at} starts. */
  private static int sentenceStart(String text, int at) {
    int start = at;
    while (start > 0 && !endsSentence(text, start - 1)) {
      start--;
    }
    return start;
  }

  /** A date in a run of digits and hyphens ("2026-09-10"), perhaps closing a bracket. */
  private static final Pattern DATE_RUN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\)?");

  /**
   * Whether a text holds a phone number: seven digits or more in a run of digits, blanks, dots,
   * hyphens and brackets, one group of them three digits long at least. Not a time or a range of
   * times ("14.00 - 15.30") nor a date ("2026-09-10").
   */
  private static boolean hasPhoneNumber(String text) {
    int i = 0;
    while (i < text.length()) {
      if (!Character.isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int digits = 0;
      int group = 0;
      int longest = 0;
      int j = i;
      while (j < text.length()) {
        char c = text.charAt(j);
        if (Character.isDigit(c)) {
          digits++;
          group++;
          longest = Math.max(longest, group);
        } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')') {
          group = 0;
        } else {
          break;
        }
        j++;
      }
      String run = text.substring(i, j).strip();
      if (digits >= 7 && longest >= 3 && !DATE_RUN.matcher(run).matches()) {
        return true;
      }
      i = j;
    }
    return false;
  }

  /**
   * The text (a reply's own, its signature below a {@code --} line already cut by {@link
   * ReplyText}) with the line breaks of a hard wrap as spaces. A line ends a paragraph instead when
   * it is empty (blanks and no-break spaces alone) or short enough to be a line of its own: a
   * sign-off ("Ada"), a phone number, a greeting.
   */
  private static String unwrapped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean paragraphEnd = false;
    for (String line : text.split("\\r?\\n", -1)) {
      String trimmed = line.replace('\u00a0', ' ').strip();
      if (trimmed.isEmpty()) {
        paragraphEnd = true;
        continue;
      }
      if (out.length() > 0) {
        out.append(paragraphEnd ? "\n\n" : " ");
      }
      out.append(trimmed);
      // a hard wrap breaks a long line; a short one stands on its own
      paragraphEnd = trimmed.length() < WRAPPED_LINE;
    }
    return out.toString();
  }

  /** The shortest line a hard wrap is taken to have broken: mail programs wrap at 72 to 78. */
  private static final int WRAPPED_LINE = 40;

  /** Abbreviations whose full stop ends no sentence. */
  private static final List<String> ABBREVIATIONS =
      List.of(
          "e.g", "i.e", "ext", "tel", "no", "nr", "approx", "etc", "mr", "mrs", "ms", "dr", "z.b");

  /**
   * Whether the character at {@code i} ends a sentence: "!", "?", an empty line, or a full stop
   * followed by a blank or the end, but not the one of an abbreviation ("e.g.", "ext.") nor one
   * between digits ("020.7946.0000").
   */
  private static boolean endsSentence(String text, int i) {
    char c = text.charAt(i);
    if (c == '!' || c == '?' || c == '\n') {
      return true;
    }
    if (c != '.') {
      return false;
    }
    if (i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
      return false;
    }
    int w = i;
    while (w > 0 && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) {
      w--;
    }
    return !ABBREVIATIONS.contains(text.substring(w, i));
  }

  /** A text that says of itself that it is an automatic answer ("This is an automatic reply"). */
  static boolean saysItIsAutomatic(String text) {
    return BounceSignals.containsAny(head(text), SELF_DESCRIBED);
  }

  private static String head(String text) {
    return BounceSignals.lowerHead(text, 4000);
  }
}

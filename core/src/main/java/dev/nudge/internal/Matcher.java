package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.InboundMatch;
import dev.nudge.MatchMethod;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.StepType;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.store.EnrollmentRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Links an inbound message to the step it answers [S20]. A bounce: through a Message-ID in the
 * returned headers, the VERP return path it was delivered to, or a DSN recipient. Anything else:
 * through {@code In-Reply-To} and {@code References}, then through the sender's address against the
 * candidates' addresses — which catches replies on a new thread, with a changed subject, from an
 * alternate address, or before any email was sent.
 */
final class Matcher {
  private final EnrollmentRepository enrollments;

  Matcher(EnrollmentRepository enrollments) {
    this.enrollments = enrollments;
  }

  /** The step a mail answers, read as a reply where it is not a bounce. */
  Optional<InboundMatch> match(InboundMessage m) {
    return match(m, true);
  }

  /**
   * The step a mail answers.
   *
   * @param fromAnyAddress whether a mail on a thread of its own may come from any of a candidate's
   *     addresses (a reply, an auto-reply), or only from one a step was sent to (a request to stop,
   *     which suppresses the address it came from when it answers no step)
   */
  Optional<InboundMatch> match(InboundMessage m, boolean fromAnyAddress) {
    // only bounces come back to a VERP return path, whatever they look like
    Optional<InboundMatch> verp = byReturnPath(m.envelopeRecipient());
    if (verp.isPresent()) {
      return verp;
    }
    if (m.isBounce()) {
      return first(
          () -> byMessageIds(m.returnedMessageIds(), MatchMethod.BY_ORIGINAL_MESSAGE_ID),
          () -> byDsnRecipient(m));
    }
    List<String> thread = new ArrayList<>();
    if (m.inReplyTo() != null) {
      thread.add(m.inReplyTo());
    }
    for (int i = m.references().size() - 1; i >= 0; i--) {
      thread.add(m.references().get(i));
    }
    return first(
        () -> byMessageIds(thread, MatchMethod.IN_THREAD),
        () -> {
          EmailAddress from = m.from();
          if (from == null) {
            return Optional.empty();
          }
          return fromAnyAddress
              ? bySender(from, writtenAt(m))
              : byAddress(from, writtenAt(m), MatchMethod.BY_ADDRESS);
        });
  }

  /**
   * Whether the mail is a copy of an email the engine sent — its Message-ID is one the engine gave
   * (a server that files outgoing mail in the inbox, a copy to oneself): it answers nothing. Other
   * mail from a sender mailbox is judged by {@link OwnMail}, which reads mail a list rewrote as its
   * writer's.
   */
  boolean isCopyOfSent(InboundMessage m) {
    String id = m.messageId() == null ? null : normalize(m.messageId());
    return id != null && enrollments.findByMessageId(id).isPresent();
  }

  @SafeVarargs
  private static Optional<InboundMatch> first(
      java.util.function.Supplier<Optional<InboundMatch>>... ways) {
    for (var way : ways) {
      Optional<InboundMatch> found = way.get();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<InboundMatch> byMessageIds(List<String> ids, MatchMethod method) {
    for (String raw : ids) {
      String id = normalize(raw);
      if (id == null) {
        continue;
      }
      Optional<Enrollment> e = enrollments.findByMessageId(id);
      if (e.isPresent()) {
        Optional<StepExecution> step = e.get().stepByMessageId(id);
        if (step.isPresent()) {
          return Optional.of(
              new InboundMatch(new StepRef(e.get().id(), step.get().number()), method));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A VERP return path {@code local+unique=domain@host} names the Message-ID {@code
   * <unique@domain>}.
   */
  private Optional<InboundMatch> byReturnPath(@Nullable EmailAddress envelope) {
    if (envelope == null) {
      return Optional.empty();
    }
    String local = envelope.localPart();
    int plus = local.indexOf('+');
    int eq = local.lastIndexOf('=');
    if (plus < 0 || eq < plus + 2 || eq == local.length() - 1) {
      return Optional.empty();
    }
    String id = "<" + local.substring(plus + 1, eq) + "@" + local.substring(eq + 1) + ">";
    return byMessageIds(List.of(id), MatchMethod.BY_RETURN_PATH);
  }

  private Optional<InboundMatch> byDsnRecipient(InboundMessage m) {
    for (InboundMessage.DsnRecipient r : m.dsnRecipients()) {
      Optional<InboundMatch> found =
          byAddress(r.recipient(), writtenAt(m), MatchMethod.BY_DSN_RECIPIENT);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * When the mail was written: its {@code Date}, or when it was received. A mail written before a
   * send cannot answer it: an inbox read from its beginning holds old mail from candidates.
   */
  private static Instant writtenAt(InboundMessage m) {
    Instant date = m.date();
    return date != null && date.isBefore(m.receivedAt()) ? date : m.receivedAt();
  }

  /** How far a sender's clock may be behind ours: a reply dated this much before a send counts. */
  static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(15);

  /**
   * A reply on a thread of its own from one of a candidate's addresses [S20]: from any of them,
   * also one nothing was sent to (the candidate answers from her private address), and also before
   * any email was sent (she writes after a call or a LinkedIn message). It answers the step that
   * last reached the candidate before it was written (give or take {@link #CLOCK_SKEW}): an email
   * accepted for one of her addresses, or a task done; in an active enrollment that nothing reached
   * yet, the step the enrollment is at. A mail written before the candidate was enrolled answers
   * nothing: an inbox read from its beginning holds old mail from candidates. Of several
   * enrollments, an active one is preferred, then one that reached her (the campaign she answers
   * over one that has not written yet), then the most recent contact.
   */
  private Optional<InboundMatch> bySender(EmailAddress address, Instant writtenAt) {
    Instant latest = writtenAt.plus(CLOCK_SKEW);
    Contact best = null;
    for (Enrollment e : enrollments.findByAddress(address)) {
      if (e.enrolledAt().isAfter(latest)) {
        continue;
      }
      Contact last = null;
      for (StepExecution s : e.steps()) {
        Instant at = reachedAt(s, latest);
        if (at != null && (last == null || at.isAfter(last.at()))) {
          last = new Contact(e, s.number(), at, true);
        }
      }
      if (last == null) {
        if (e.status().isTerminal()) {
          continue;
        }
        last = new Contact(e, currentStep(e), e.enrolledAt(), false);
      }
      if (best == null || last.before(best)) {
        best = last;
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(
            new InboundMatch(
                new StepRef(best.enrollment().id(), best.step()), MatchMethod.BY_ADDRESS));
  }

  /** The last contact of an enrollment with a candidate, or where it is when it had none. */
  private record Contact(Enrollment enrollment, int step, Instant at, boolean reached) {
    /** Whether this one answers a mail of the candidate rather than {@code other}. */
    boolean before(Contact other) {
      boolean active = !enrollment.status().isTerminal();
      if (active != !other.enrollment.status().isTerminal()) {
        return active;
      }
      if (reached != other.reached) {
        return reached;
      }
      return at.isAfter(other.at);
    }
  }

  /**
   * When a step last reached the candidate, not after {@code latest}: an email accepted for one of
   * her addresses (or that may have been: its delivery is unknown), or a manual task done; null
   * when it did not.
   */
  private static @Nullable Instant reachedAt(StepExecution s, Instant latest) {
    Instant at = null;
    for (SendAttempt a : s.attempts()) {
      boolean accepted =
          a.outcome() == SendAttempt.Outcome.ACCEPTED || a.outcome() == SendAttempt.Outcome.UNKNOWN;
      if (accepted && !a.at().isAfter(latest) && (at == null || a.at().isAfter(at))) {
        at = a.at();
      }
    }
    Instant done = s.doneAt();
    if (at == null
        && s.type() == StepType.MANUAL_TASK
        && s.status() == StepStatus.SENT
        && done != null
        && !done.isAfter(latest)) {
      at = done;
    }
    return at;
  }

  /** The first step of an enrollment that is not done, else its last. */
  private static int currentStep(Enrollment e) {
    for (StepExecution s : e.steps()) {
      if (!s.status().isDone()) {
        return s.number();
      }
    }
    return e.steps().size();
  }

  /**
   * The step last sent to this address before the mail was written (give or take {@link
   * #CLOCK_SKEW}), preferring enrollments that are still active; among equals the most recent send
   * wins.
   */
  private Optional<InboundMatch> byAddress(
      EmailAddress address, Instant writtenAt, MatchMethod method) {
    Instant latest = writtenAt.plus(CLOCK_SKEW);
    Enrollment best = null;
    Instant bestAt = Instant.MIN;
    int bestStep = 0;
    for (Enrollment e : enrollments.findByAddress(address)) {
      for (StepExecution s : e.steps()) {
        for (SendAttempt a : s.attempts()) {
          if (!a.to().sameMailbox(address) || !reached(a) || a.at().isAfter(latest)) {
            continue;
          }
          if (best == null || better(e, a.at(), best, bestAt)) {
            best = e;
            bestAt = a.at();
            bestStep = s.number();
          }
        }
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new InboundMatch(new StepRef(best.id(), bestStep), method));
  }

  private static boolean reached(SendAttempt a) {
    return a.outcome() != SendAttempt.Outcome.IN_FLIGHT
        && a.outcome() != SendAttempt.Outcome.TRANSIENT_FAILURE;
  }

  private static boolean better(Enrollment e, Instant at, Enrollment best, Instant bestAt) {
    boolean active = !e.status().isTerminal();
    boolean bestActive = !best.status().isTerminal();
    if (active != bestActive) {
      return active;
    }
    return at.isAfter(bestAt);
  }

  /** A Message-ID with its angle brackets, or null when there is nothing in it. */
  static @Nullable String normalize(String raw) {
    String s = raw.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (!s.startsWith("<")) {
      s = "<" + s;
    }
    if (!s.endsWith(">")) {
      s = s + ">";
    }
    return s.length() > 2 ? s : null;
  }
}

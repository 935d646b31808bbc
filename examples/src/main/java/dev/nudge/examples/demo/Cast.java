package dev.nudge.examples.demo;

import dev.nudge.Candidate;
import java.util.List;

/**
 * The demo's twenty candidates, in several time zones, and what each of them does with the mail the
 * campaign sends.
 */
final class Cast {
  private Cast() {}

  /** What a candidate does. */
  enum Behaviour {
    /** Never answers. */
    QUIET,
    /** Opens the emails a few hours later. */
    OPENS,
    /** Answers the first email in its thread. */
    REPLIES_IN_THREAD,
    /** Answers the follow-up in its thread. */
    REPLIES_TO_FOLLOW_UP,
    /** Writes a few days later on a new thread with a subject of their own. */
    WRITES_ON_A_NEW_THREAD,
    /** The first address bounces; the alternate works and opens. */
    BOUNCES_FIRST_ADDRESS,
    /** Every address bounces. */
    BOUNCES_EVERYWHERE,
    /** Away: answers with a German out-of-office that names the return date. */
    OUT_OF_OFFICE,
    /** Clicks the one-click unsubscribe of the first email. */
    UNSUBSCRIBES,
    /** Opened by a mail scanner that prefetches images: a machine open. */
    SCANNED,
    /** Answers the final email in its thread. */
    REPLIES_TO_FINAL_EMAIL
  }

  /** A candidate and what they do. */
  record Person(Candidate candidate, Behaviour behaviour) {
    String name() {
      return candidate.name();
    }
  }

  /** The day the out-of-office candidate is back, as her answer says it. */
  static final String BACK_ON = "16.03.2026";

  /** Whose pause and removal the recruiter decides on. */
  static final String PAUSED = "Edsger Dijkstra";

  static final String REMOVED = "Donald Knuth";

  /** Whose call the recruiter skips. */
  static final String CALL_SKIPPED = "Ken Thompson";

  static List<Person> people() {
    return List.of(
        p(
            "c01",
            "Ada Lovelace",
            "ada@engines.example",
            "Europe/London",
            Behaviour.REPLIES_IN_THREAD),
        p(
            "c02",
            "Alan Turing",
            "alan@bletchley.example",
            "Europe/London",
            Behaviour.WRITES_ON_A_NEW_THREAD),
        p(
            "c03",
            "Grace Hopper",
            "grace@navy.example",
            "America/New_York",
            Behaviour.BOUNCES_FIRST_ADDRESS,
            "grace.hopper@cobol.example"),
        p(
            "c04",
            "Linus Torvalds",
            "linus@kernel.example",
            "Europe/Helsinki",
            Behaviour.BOUNCES_EVERYWHERE,
            "torvalds@git.example"),
        p(
            "c05",
            "Katharina Weber",
            "k.weber@maschinenbau.example",
            "Europe/Berlin",
            Behaviour.OUT_OF_OFFICE),
        p(
            "c06",
            "Barbara Liskov",
            "barbara@mit.example",
            "America/New_York",
            Behaviour.UNSUBSCRIBES),
        p("c07", PAUSED, "edsger@eindhoven.example", "Europe/Amsterdam", Behaviour.SCANNED),
        p("c08", REMOVED, "knuth@stanford.example", "America/Los_Angeles", Behaviour.OPENS),
        p(
            "c09",
            "Margaret Hamilton",
            "margaret@apollo.example",
            "America/New_York",
            Behaviour.REPLIES_TO_FINAL_EMAIL),
        p("c10", CALL_SKIPPED, "ken@bell-labs.example", "America/Los_Angeles", Behaviour.QUIET),
        p("c11", "Dennis Ritchie", "dmr@bell-labs.example", "America/New_York", Behaviour.OPENS),
        p("c12", "Frances Allen", "fran@ibm-research.example", "America/New_York", Behaviour.QUIET),
        p("c13", "John Backus", "backus@fortran.example", "America/Chicago", Behaviour.OPENS),
        p("c14", "Radia Perlman", "radia@spanning-tree.example", "America/Denver", Behaviour.QUIET),
        p("c15", "Tim Berners-Lee", "timbl@cern.example", "Europe/Zurich", Behaviour.OPENS),
        p("c16", "Sophie Wilson", "sophie@acorn.example", "Europe/London", Behaviour.QUIET),
        p("c17", "Yukihiro Matsumoto", "matz@ruby.example", "Asia/Tokyo", Behaviour.OPENS),
        p(
            "c18",
            "Guido van Rossum",
            "guido@python.example",
            "Europe/Amsterdam",
            Behaviour.REPLIES_TO_FOLLOW_UP),
        p("c19", "Anders Hejlsberg", "anders@turbo.example", "Europe/Copenhagen", Behaviour.QUIET),
        p(
            "c20",
            "Hedy Lamarr",
            "hedy@spread-spectrum.example",
            "America/Los_Angeles",
            Behaviour.OPENS));
  }

  private static Person p(
      String id, String name, String email, String zone, Behaviour b, String... alternates) {
    Candidate.Builder c = Candidate.builder(id, name, email).zone(zone).title("Software Engineer");
    for (String a : alternates) {
      c.alternate(a);
    }
    return new Person(c.build(), b);
  }
}

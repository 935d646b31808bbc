package dev.nudge.examples.demo;

import dev.nudge.Candidate;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.RunReport;
import dev.nudge.TodoItem;
import dev.nudge.mail.ImapInboxPoller;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * Three weeks of a campaign in a few seconds: the clock moves a quarter of an hour at a time; the
 * engine sends what is due; the candidates read their mail and answer, open, bounce or unsubscribe
 * as real people and their mail servers would; the recruiter works the to-do list each morning; the
 * poller reads the recruiter's inbox. One line per simulated day.
 */
final class Simulation {
  private static final Duration TICK = Duration.ofMinutes(15);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private final Demo demo;
  private final PrintStream out;
  private final HttpClient web =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PriorityQueue<Action> actions =
      new PriorityQueue<>(Comparator.comparing(Action::at).thenComparing(Action::order));
  private long order;
  private int sentToday;
  private int answersToday;
  private int opensToday;
  private int callsToday;
  private boolean answeredThisTick;

  private record Action(Instant at, long order, String what, Runnable run) {}

  Simulation(Demo demo, PrintStream out) {
    this.demo = demo;
    this.out = out;
  }

  /** Enrolls the cast, starts the campaign and runs it for {@link Demo#DAYS} days. */
  void run() {
    List<Candidate> candidates = demo.people.stream().map(Cast.Person::candidate).toList();
    List<EnrollResult> results = demo.nudge.enrollAll(demo.campaign.id(), candidates);
    for (int i = 0; i < results.size(); i++) {
      demo.enrolled.put(candidates.get(i).name(), results.get(i).orElseThrow());
    }
    demo.nudge.startCampaign(demo.campaign.id());
    out.printf(
        "%d candidates enrolled in \"%s\"; sending from %s, %d a day%n%n",
        results.size(), demo.campaign.name(), Demo.RECRUITER, Demo.DAILY_CAP);
    hostActions();

    Instant end = Demo.START.plus(Duration.ofDays(Demo.DAYS));
    LocalDate day = today();
    while (demo.clock.instant().isBefore(end)) {
      demo.clock.advance(TICK);
      if (!today().equals(day)) {
        progress(day);
        day = today();
      }
      answeredThisTick = false;
      runActions();
      RunReport report = demo.nudge.runDue();
      sentToday += report.sent();
      readCandidatesMail();
      if (answeredThisTick || demo.clock.instant().atZone(Demo.NEW_YORK).getMinute() == 0) {
        ImapInboxPoller.Report read = demo.poller.pollOnce();
        if (!read.failed().isEmpty()) {
          throw new IllegalStateException("the inbox of " + read.failed() + " could not be read");
        }
      }
    }
    if (!demo.poller.pollOnce().failed().isEmpty()) {
      throw new IllegalStateException("the recruiter's inbox could not be read at the end");
    }
  }

  private LocalDate today() {
    return demo.clock.instant().atZone(Demo.NEW_YORK).toLocalDate();
  }

  private void progress(LocalDate day) {
    int remaining = demo.nudge.openTasks().size();
    out.printf(
        Locale.ROOT,
        "%-10s  %2d emails sent, %d mails back in the inbox, %d opens, %d calls made, %d open"
            + " tasks%n",
        DAY.format(day),
        sentToday,
        answersToday,
        opensToday,
        callsToday,
        remaining);
    callsToday = 0;
    sentToday = 0;
    answersToday = 0;
    opensToday = 0;
  }

  /** What the recruiter decides: a pause and its resume, a removal, the calls each morning. */
  private void hostActions() {
    EnrollmentId paused = demo.id(Cast.PAUSED);
    EnrollmentId removed = demo.id(Cast.REMOVED);
    at(Demo.START.plus(Duration.ofDays(2)), "pause", () -> demo.nudge.pauseCandidate(paused));
    at(Demo.START.plus(Duration.ofDays(9)), "resume", () -> demo.nudge.resumeCandidate(paused));
    at(Demo.START.plus(Duration.ofDays(3)), "remove", () -> demo.nudge.removeCandidate(removed));
    for (int d = 0; d < Demo.DAYS; d++) {
      ZonedDateTime morning =
          Demo.START.atZone(Demo.NEW_YORK).plusDays(d).withHour(10).withMinute(0);
      if (morning.getDayOfWeek() != DayOfWeek.SATURDAY
          && morning.getDayOfWeek() != DayOfWeek.SUNDAY) {
        at(morning.toInstant(), "calls", this::workTheToDoList);
      }
    }
  }

  private void workTheToDoList() {
    for (TodoItem task : demo.nudge.openTasks("alice")) {
      if (task.candidateName().equals(Cast.CALL_SKIPPED)) {
        demo.nudge.skipTask(task.step());
      } else {
        demo.nudge.completeTask(task.step());
        callsToday++;
      }
    }
  }

  /** Lets each candidate react to the mail that reached them. */
  private void readCandidatesMail() {
    Instant now = demo.clock.instant();
    for (Cast.Person p : demo.people) {
      List<EmailAddress> addresses = p.candidate().addresses();
      for (int a = 0; a < addresses.size(); a++) {
        String address = addresses.get(a).value();
        for (Inboxes.Delivered mail : demo.inboxes.newMail(address, now)) {
          react(p, a, demo.inboxes.count(address), mail);
        }
      }
    }
    runActions();
  }

  private void react(Cast.Person p, int addressIndex, int nth, Inboxes.Delivered mail) {
    Mails.Received r = mail.received();
    ZoneId zone = p.candidate().zone() == null ? Demo.NEW_YORK : p.candidate().zone();
    Instant now = demo.clock.instant();
    switch (p.behaviour()) {
      case REPLIES_IN_THREAD -> {
        if (nth == 1) {
          answer(
              now.plus(Duration.ofHours(3)),
              r,
              p,
              zone,
              "reply in thread",
              "Hi Alice,\n\nYes, I would be glad to talk. Thursday afternoon works for me.\n\nAda");
        }
      }
      case REPLIES_TO_FOLLOW_UP -> {
        if (nth == 2) {
          answer(
              now.plus(Duration.ofHours(1)),
              r,
              p,
              zone,
              "reply to follow-up",
              "Sorry for the silence, Alice. Let's talk next week.\n\nGuido");
        }
      }
      case REPLIES_TO_FINAL_EMAIL -> {
        if (nth == 3) {
          answer(
              now.plus(Duration.ofMinutes(45)),
              r,
              p,
              zone,
              "reply to final email",
              "Alice, the timing is better now. Can we talk on Monday?\n\nMargaret");
        }
      }
      case WRITES_ON_A_NEW_THREAD -> {
        if (nth == 2) {
          at(
              now.plus(Duration.ofDays(1)),
              "new thread",
              () ->
                  deliverAnswer(
                      Mails.newThread(
                          r,
                          p.name(),
                          "Platform role at Acme?",
                          "Hello Alice, a friend forwarded me your note about the platform team."
                              + " I'm interested - when could we speak?\n\nAlan",
                          zone)));
        }
      }
      case BOUNCES_FIRST_ADDRESS -> {
        if (addressIndex == 0) {
          at(
              now.plus(Duration.ofMinutes(5)),
              "bounce",
              () -> deliverAnswer(Mails.hardBounce(r, demo.clock.instant())));
        } else {
          open(now.plus(Duration.ofHours(2)), mail, false);
        }
      }
      case BOUNCES_EVERYWHERE ->
          at(
              now.plus(Duration.ofMinutes(5)),
              "bounce",
              () -> deliverAnswer(Mails.hardBounce(r, demo.clock.instant())));
      case OUT_OF_OFFICE -> {
        if (nth == 1) {
          at(
              now.plus(Duration.ofMinutes(1)),
              "out of office",
              () -> deliverAnswer(Mails.outOfOffice(r, p.name(), Cast.BACK_ON, zone)));
        }
      }
      case UNSUBSCRIBES -> {
        if (nth == 1 && mail.oneClickUrl() != null) {
          String url = mail.oneClickUrl();
          at(now.plus(Duration.ofHours(5)), "one-click unsubscribe", () -> oneClick(url));
        }
      }
      case SCANNED -> open(now, mail, true);
      case OPENS -> open(now.plus(Duration.ofHours(1 + nth)), mail, false);
      case QUIET -> {}
    }
  }

  private void answer(
      Instant at, Mails.Received r, Cast.Person p, ZoneId zone, String what, String text) {
    at(at, what, () -> deliverAnswer(Mails.replyInThread(r, p.name(), text, zone)));
  }

  private void deliverAnswer(byte[] raw) {
    demo.inboxes.deliver(Demo.RECRUITER, raw);
    answersToday++;
    answeredThisTick = true;
  }

  private void open(Instant at, Inboxes.Delivered mail, boolean scanner) {
    String url = mail.pixelUrl();
    if (url == null) {
      return;
    }
    at(
        at,
        "open",
        () -> {
          HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url)).GET();
          if (scanner) {
            get.header("X-Purpose", "preview").header("User-Agent", "Mozilla/5.0 (mail scanner)");
          } else {
            get.header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Mail/3774");
          }
          send(get.build(), 200);
          opensToday++;
        });
  }

  private void oneClick(String url) {
    send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
            .build(),
        200);
  }

  private void send(HttpRequest request, int expected) {
    try {
      HttpResponse<byte[]> response = web.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri().getPath()
                + " answered "
                + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("the tracking endpoint could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void at(Instant at, String what, Runnable run) {
    actions.add(new Action(at, order++, what, run));
  }

  private void runActions() {
    Instant now = demo.clock.instant();
    List<Action> due = new ArrayList<>();
    while (!actions.isEmpty() && !actions.peek().at().isAfter(now)) {
      due.add(actions.poll());
    }
    for (Action a : due) {
      a.run().run();
    }
  }

  /** The received mail the engine logged, newest first. */
  List<InboundEntry> inbound() {
    return demo.nudge.inbound(100);
  }
}

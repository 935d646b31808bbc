package dev.nudge.examples.demo;

import dev.nudge.CampaignId;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.Engagement;
import dev.nudge.Enrollment;
import dev.nudge.InboundEvent;
import dev.nudge.TodoItem;
import dev.nudge.examples.CandidatesTable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The whole product on embedded defaults: a four-step campaign (email; a follow-up in its thread
 * two business days later; a call; a final email) for twenty candidates in several time zones,
 * three simulated weeks in seconds. Mail goes out through the real SMTP transport to a local
 * GreenMail server; the candidates answer, bounce, go on holiday, open and unsubscribe; the real
 * IMAP poller reads the recruiter's inbox; the tracking endpoints run on the JDK's HTTP server; the
 * store is H2 in a file. At the end: the Candidates tab, the to-do list, per-step totals and a few
 * cells' details, and the Candidates tab as an HTML page.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.nudge.examples.demo.DemoMain
 * mvn ... -Dexec.args=--serve       # also serves the page until Ctrl-C
 * </pre>
 */
public final class DemoMain {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private DemoMain() {}

  /** Runs the demo; exits non-zero with a message when anything did not go as promised. */
  public static void main(String[] args) throws Exception {
    boolean serve = List.of(args).contains("--serve");
    Path dir = Path.of(System.getProperty("nudge.demo.dir", "target/nudge-demo"));
    List<String> problems;
    try {
      problems = run(dir, System.out, serve);
    } catch (Exception e) {
      System.err.println("The demo failed: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    if (!problems.isEmpty()) {
      System.err.println("The demo did not go as promised:");
      problems.forEach(p -> System.err.println("  - " + p));
      System.exit(1);
    }
  }

  /**
   * Runs the demo, prints its tables to {@code out} and writes the page under {@code dir}.
   *
   * @return what did not go as promised; empty when everything did
   */
  static List<String> run(Path dir, PrintStream out, boolean serve) throws Exception {
    try (Demo demo = Demo.start(dir)) {
      new Simulation(demo, out).run();
      print(demo, out);
      Path page =
          CandidatesPage.write(demo.nudge, demo.campaign.id(), dir.resolve("candidates.html"));
      out.println();
      out.println("The Candidates tab as a web page: " + page.toAbsolutePath().toUri());
      List<String> problems = new Checks(demo).run();
      out.println(
          problems.isEmpty()
              ? "Every check held: replies stopped their campaigns, bounces moved on or ended, no"
                  + " email left outside office hours or over the daily cap."
              : problems.size() + " checks failed.");
      if (serve) {
        serve(demo, page, out);
      }
      return problems;
    }
  }

  private static void print(Demo demo, PrintStream out) {
    CampaignId id = demo.campaign.id();
    out.println();
    out.println("Times are New York's; each candidate was written to in their own office hours.");
    CandidatesTable table = new CandidatesTable(Demo.NEW_YORK);
    table.print(
        out,
        "Active candidates",
        demo.nudge.candidates(id, CandidatesQuery.of(CandidateView.ACTIVE)).items());
    table.print(
        out,
        "Completed candidates",
        demo.nudge.candidates(id, CandidatesQuery.of(CandidateView.COMPLETED)).items());
    out.println();
    List<TodoItem> todo = demo.nudge.openTasks();
    out.println("To-do list (" + todo.size() + ")");
    for (TodoItem t : todo) {
      out.printf(
          "  %s  %-18s %s%n",
          TIME.format(t.dueAt().atZone(Demo.NEW_YORK)), t.candidateName(), t.instructions());
    }
    if (todo.isEmpty()) {
      out.println("  (nothing left to do)");
    }
    CandidatesTable.printTotals(out, demo.nudge.stepTotals(id));
    out.println();
    out.println("Details of a few cells");
    detail(demo, out, "Ada Lovelace", 1);
    detail(demo, out, "Alan Turing", 2);
    detail(demo, out, "Grace Hopper", 1);
    detail(demo, out, "Katharina Weber", 1);
    detail(demo, out, Cast.PAUSED, 1);
    detail(demo, out, "Hedy Lamarr", 1);
  }

  private static void detail(Demo demo, PrintStream out, String name, int step) {
    Enrollment e = demo.nudge.enrollment(demo.id(name)).orElseThrow();
    Engagement g = e.step(step).engagement();
    StringBuilder s = new StringBuilder();
    if (g.opens() > 0 || g.machineOpens() > 0) {
      s.append(count(g.opens(), "open")).append(", ");
      s.append(count(g.machineOpens(), "machine open")).append("; ");
    }
    InboundEvent.Reply reply = g.reply();
    if (reply != null) {
      s.append("replied (matched ")
          .append(reply.matchedBy())
          .append("): \"")
          .append(firstLine(reply.text()))
          .append("\"; ");
    }
    InboundEvent.Bounce bounce = g.bounce();
    if (bounce != null) {
      s.append(bounce.type())
          .append(" bounce of ")
          .append(bounce.recipient())
          .append(" (")
          .append(bounce.statusCode())
          .append(", ")
          .append(bounce.reason())
          .append("); ");
    }
    InboundEvent.AutoReply away = g.autoReply();
    if (away != null) {
      s.append("out of office until ").append(away.returnDate()).append("; ");
    }
    String text = s.length() == 0 ? "nothing yet" : s.substring(0, s.length() - 2);
    out.printf("  %-18s step %d: %s%n", name, step, text);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String firstLine(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank() && !line.strip().endsWith(",")) {
        return line.strip();
      }
    }
    return text.strip();
  }

  /** Serves the page (and the tracking endpoints) until the process is stopped. */
  private static void serve(Demo demo, Path page, PrintStream out) throws InterruptedException {
    byte[] html = readPage(page);
    demo.http.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, html.length);
          exchange.getResponseBody().write(html);
          exchange.close();
        });
    out.println(
        "Serving the page at http://127.0.0.1:"
            + demo.http.getAddress().getPort()
            + "/ ; stop with Ctrl-C.");
    new CountDownLatch(1).await();
  }

  private static byte[] readPage(Path page) {
    try {
      return Files.readString(page, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not read " + page, e);
    }
  }
}

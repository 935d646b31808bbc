package dev.nudge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The README's demo, run as a user runs it: three simulated weeks over real SMTP, IMAP, HTTP and an
 * H2 file, ending with every promise of {@link Checks} held and the tables and page written; then
 * the page it wrote, in a real browser.
 */
class DemoTest {
  @TempDir static Path dir;
  private static String out = "";
  private static List<String> problems = List.of();

  @BeforeAll
  static void runTheDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    problems = DemoMain.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    out = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void threeWeeksOfTheCampaign_endAsPromised() throws Exception {
    assertThat(problems).as(out).isEmpty();
    assertThat(out)
        .contains("20 candidates enrolled")
        .contains("Active candidates")
        .contains("Completed candidates")
        .contains("To-do list")
        .contains("Per-step totals")
        .contains("replied (matched IN_THREAD)")
        .contains("replied (matched BY_ADDRESS)")
        .contains("out of office until 2026-03-16");
    assertThat(out.lines().filter(l -> l.matches("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) .*emails sent.*")))
        .hasSize(Demo.DAYS);
    assertThat(dir.resolve("candidates.html")).exists();
    assertThat(Files.readString(dir.resolve("candidates.html"))).contains("Ada Lovelace");
  }

  @Test
  void theCandidatesPageItWrote_worksInABrowser() throws Exception {
    ChromeDriver chrome = Chromium.start();
    try {
      chrome.get(dir.resolve("candidates.html").toAbsolutePath().toUri().toString());

      List<String> active = names(chrome, "active-table");
      // three weeks on, only the candidate back from holiday late is still in the sequence
      assertThat(active).containsExactly("Katharina Weber");
      chrome.findElement(By.id("show-completed")).click();
      List<String> completed = names(chrome, "completed-table");
      assertThat(completed)
          .contains("Ada Lovelace", "Alan Turing", "Linus Torvalds", Cast.PAUSED)
          .doesNotContain(Cast.REMOVED);
      assertThat(active.size() + completed.size()).as("everyone but the removed one").isEqualTo(19);

      // sorted by status, the statuses come in their order
      WebElement status =
          chrome.findElement(By.cssSelector("#completed-table th[data-column='status']"));
      status.click();
      List<String> ranks = new ArrayList<>();
      for (WebElement cell :
          chrome.findElements(By.cssSelector("#completed-table tr.candidate-row .col-status"))) {
        ranks.add(cell.getAttribute("data-sort"));
      }
      assertThat(ranks).hasSize(completed.size()).isSorted();

      // the step cell that holds his reply on a new thread says how it was matched
      WebElement newThread =
          row(chrome, "completed-table", "Alan Turing")
              .findElements(By.cssSelector("td.step-cell"))
              .stream()
              .filter(c -> String.valueOf(c.getAttribute("textContent")).contains("matched"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no step of Alan Turing shows a reply"));
      WebElement details = newThread.findElement(By.cssSelector(".step-details"));
      assertThat(details.isDisplayed()).isFalse();
      new Actions(chrome).moveToElement(newThread).perform();
      assertThat(details.isDisplayed()).isTrue();
      assertThat(details.getText()).contains("Replied", "matched by the sender's address");
      Path shot = chrome.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(
          shot, Path.of("target", "demo-candidates-page.png"), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      chrome.quit();
    }
  }

  private static List<String> names(ChromeDriver chrome, String table) {
    return chrome.findElements(By.cssSelector("#" + table + " tr.candidate-row .name")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static WebElement row(ChromeDriver chrome, String table, String name) {
    return chrome.findElements(By.cssSelector("#" + table + " tr.candidate-row")).stream()
        .filter(r -> r.findElement(By.cssSelector(".name")).getText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + name + " in " + table));
  }
}

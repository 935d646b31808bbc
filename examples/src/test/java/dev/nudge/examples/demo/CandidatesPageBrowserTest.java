package dev.nudge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The Candidates page of a small sample campaign in a real browser ({@link Chromium}; skipped, and
 * reported so, where there is none). The screenshot is {@code target/candidates-page.png}.
 */
class CandidatesPageBrowserTest {
  private static @Nullable SampleCampaign sample;
  private static @Nullable ChromeDriver browser;
  private static @Nullable String url;
  private WebDriver driver;

  @BeforeAll
  static void open() throws Exception {
    ChromeDriver chrome = Chromium.start();
    browser = chrome;
    sample = new SampleCampaign();
    Path page =
        CandidatesPage.write(
            sample.nudge, sample.campaign, Path.of("target", "candidates-page.html"));
    url = page.toAbsolutePath().toUri().toString();
  }

  /** Each test starts from the page as written: name order, active candidates shown. */
  @BeforeEach
  void load() {
    driver = Objects.requireNonNull(browser);
    driver.get(Objects.requireNonNull(url));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
    if (sample != null) {
      sample.close();
    }
  }

  private List<String> names(String table) {
    return driver.findElements(By.cssSelector("#" + table + " tr.candidate-row .name")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private WebElement row(String table, String name) {
    return driver.findElements(By.cssSelector("#" + table + " tr.candidate-row")).stream()
        .filter(r -> r.findElement(By.cssSelector(".name")).getText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + name + " in " + table));
  }

  @Test
  void switch_showsActiveOrCompletedCandidates() {
    assertThat(driver.findElement(By.id("active-view")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("completed-view")).isDisplayed()).isFalse();
    assertThat(names("active-table"))
        .containsExactly("Ada Lovelace", "Barbara Liskov", "Edsger Dijkstra", "Zoë <O'Brien>");

    driver.findElement(By.id("show-completed")).click();

    assertThat(driver.findElement(By.id("completed-view")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("active-view")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("show-completed")).getAttribute("aria-selected"))
        .isEqualTo("true");
    assertThat(names("completed-table"))
        .containsExactly("Alan Turing", "Grace Hopper", "Katherine Johnson");
  }

  @Test
  void statusColumn_sortsInStatusOrder_thenReversed() {
    WebElement status =
        driver.findElement(By.cssSelector("#active-table th[data-column='status']"));

    status.click();
    assertThat(status.getAttribute("aria-sort")).isEqualTo("ascending");
    assertThat(names("active-table"))
        .containsExactly("Ada Lovelace", "Barbara Liskov", "Zoë <O'Brien>", "Edsger Dijkstra");

    status.click();
    assertThat(status.getAttribute("aria-sort")).isEqualTo("descending");
    assertThat(names("active-table"))
        .containsExactly("Edsger Dijkstra", "Barbara Liskov", "Zoë <O'Brien>", "Ada Lovelace");

    driver.findElement(By.cssSelector("#active-table th[data-column='candidate']")).click();
    assertThat(names("active-table"))
        .containsExactly("Ada Lovelace", "Barbara Liskov", "Edsger Dijkstra", "Zoë <O'Brien>");
  }

  @Test
  void hoveringAStepCell_showsItsDetails() throws Exception {
    WebElement cell =
        row("active-table", "Ada Lovelace")
            .findElement(By.cssSelector("td.step-cell[data-step='1']"));
    WebElement details = cell.findElement(By.cssSelector(".step-details"));
    assertThat(details.isDisplayed()).isFalse();

    new Actions(driver).moveToElement(cell).perform();

    assertThat(details.isDisplayed()).isTrue();
    assertThat(details.getText())
        .contains("Sent")
        .contains("Mon Mar 2, 09:00")
        .contains("2 times, first Mon Mar 2, 09:40, last Mon Mar 2, 11:00");
    Path shot = Objects.requireNonNull(browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target", "candidates-page.png"), StandardCopyOption.REPLACE_EXISTING);

    driver.findElement(By.id("show-completed")).click();
    WebElement replied =
        row("completed-table", "Alan Turing")
            .findElement(By.cssSelector("td.step-cell[data-step='1']"));
    new Actions(driver).moveToElement(replied).perform();
    assertThat(replied.findElement(By.cssSelector(".step-details")).getText())
        .contains("matched in thread")
        .contains("Happy to talk on Friday. <script>alert('x')</script>");
  }

  @Test
  void totalsAndTodoList_areShown() {
    WebElement step1 = driver.findElement(By.cssSelector("#step-totals tr[data-step='1']"));
    assertThat(step1.findElement(By.cssSelector(".sent")).getText()).isEqualTo("7");
    assertThat(step1.findElement(By.cssSelector(".replied")).getText()).isEqualTo("1");
    assertThat(driver.findElements(By.cssSelector("#todo-list .todo-item"))).hasSize(2);
  }
}

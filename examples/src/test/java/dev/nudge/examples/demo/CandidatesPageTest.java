package dev.nudge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EnrollmentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Candidates page as HTML text: structure, escaping, self-containment [S26]. */
class CandidatesPageTest {
  private static final SampleCampaign SAMPLE = new SampleCampaign();
  private static final String HTML = CandidatesPage.render(SAMPLE.nudge, SAMPLE.campaign);

  @AfterAll
  static void close() {
    SAMPLE.close();
  }

  private static int count(String regex) {
    Matcher m = Pattern.compile(regex).matcher(HTML);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void sampleCampaign_hasActiveAndCompletedCandidatesInEveryStatus() {
    var active =
        SAMPLE.nudge.candidates(SAMPLE.campaign, CandidatesQuery.of(CandidateView.ACTIVE)).items();
    var completed =
        SAMPLE
            .nudge
            .candidates(SAMPLE.campaign, CandidatesQuery.of(CandidateView.COMPLETED))
            .items();

    assertThat(active)
        .extracting(r -> r.name() + " " + r.status())
        .containsExactly(
            "Ada Lovelace STARTED",
            "Barbara Liskov MANUAL_TASK",
            "Edsger Dijkstra PAUSED",
            "Zoë <O'Brien> MANUAL_TASK");
    assertThat(completed)
        .extracting(r -> r.name() + " " + r.status() + " " + r.reason())
        .containsExactly(
            "Alan Turing COMPLETED REPLIED",
            "Grace Hopper BOUNCED null",
            "Katherine Johnson COMPLETED FINISHED");
    assertThat(active.get(0).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void page_hasBothViewsARowPerCandidateAndACellPerStep() {
    assertThat(HTML)
        .contains("id=\"show-active\"", "id=\"show-completed\"")
        .contains("id=\"active-table\"", "id=\"completed-table\"")
        .containsPattern("id=\"completed-view\"[^>]* hidden>");
    assertThat(count("<tr class=\"candidate-row\"")).isEqualTo(7);
    assertThat(count("<td class=\"step-cell ")).isEqualTo(7 * 3);
    assertThat(count("<th class=\"sortable\" data-column=\"step-\\d\"")).isEqualTo(2 * 3);
  }

  @Test
  void page_escapesEveryValue() {
    assertThat(HTML)
        .contains("Zoë &lt;O&#39;Brien&gt;")
        .contains("&lt;b&gt;CTO&lt;/b&gt; &amp; &quot;founder&quot;")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("aria-hidden=\"true\">ZO</span>")
        .doesNotContain("<O'Brien>", "<b>CTO", "<script>alert");
  }

  @Test
  void page_loadsNothingFromElsewhere() {
    assertThat(HTML)
        .doesNotContainPattern("(?i)<(link|img|iframe)\\b")
        .doesNotContainPattern("(?i)src=")
        .doesNotContainPattern("(?i)url\\(")
        .contains("<style>", "<script>");
  }

  @Test
  void hoverDetails_sayWhatHappenedToTheStep() {
    assertThat(HTML)
        .contains("<dt>Opened</dt><dd>2 times, first Mon Mar 2, 09:40, last Mon Mar 2, 11:00</dd>")
        .contains("<dt>Machine opens</dt><dd>1 (")
        .contains("<dt>Replied</dt><dd>Mon Mar 2, 15:30, matched in thread")
        .contains("<dt>Bounced</dt><dd>Mon Mar 2, 11:00: hard 5.1.1, invalid address")
        .contains("<dt>Task</dt><dd>skipped Wed Mar 4, 10:00</dd>")
        .contains("<dt>Task completed</dt><dd>Thu Mar 5, 10:00</dd>")
        .contains("<dt>Task</dt><dd>stopped Mon Mar 2, 15:30 (replied)</dd>")
        .contains("<dt>Stopped</dt><dd>Mon Mar 2, 15:30 (replied), will not be sent</dd>")
        .contains("<dt>Pending</dt><dd>waits while the candidate is paused</dd>")
        .contains("<dt>To do</dt><dd>Call Barbara about the role (alice)</dd>")
        .contains("<dt>Auto-reply</dt><dd>Mon Mar 2, 11:00, back Wed Mar 4");
  }

  @Test
  void totalsAndTodoList_areOnThePage() {
    assertThat(HTML)
        .containsPattern(
            "<tr class=\"totals-row\" data-step=\"1\"><th>Step 1</th><td class=\"sent\">7</td>"
                + "<td class=\"opened\">1</td><td class=\"replied\">1</td>"
                + "<td class=\"bounced\">1</td></tr>");
    assertThat(count("<li class=\"todo-item\"")).isEqualTo(2);
    assertThat(HTML).contains("Call Barbara about the role");
  }

  @Test
  void write_createsTheFileAndItsDirectories(@TempDir Path dir) throws Exception {
    Path file = CandidatesPage.write(SAMPLE.nudge, SAMPLE.campaign, dir.resolve("a/b/tab.html"));

    assertThat(Files.readString(file)).isEqualTo(HTML);
  }
}

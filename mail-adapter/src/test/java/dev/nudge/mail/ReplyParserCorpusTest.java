package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.inbound.Classification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reply text of GitHub's email_reply_parser fixtures, read in place with their labels ({@code
 * expected.json}) [S21]: the exact visible text where one is given, the fragments' nature where it
 * is, and the pathological inputs read in well under a second.
 */
class ReplyParserCorpusTest {
  private static final Pattern FILE_BLOCK =
      Pattern.compile("\"([\\w.]+\\.txt)\"\\s*:\\s*\\{(.*?)\\n \\}", Pattern.DOTALL);

  record Fixture(String file, Map<String, String> strings, Map<String, List<Boolean>> flags) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Fixture> fixtures() throws IOException {
    String json =
        Files.readString(
            Corpora.root().resolve("reply-parser").resolve("expected.json"),
            StandardCharsets.UTF_8);
    List<Fixture> out = new ArrayList<>();
    Matcher m = FILE_BLOCK.matcher(json);
    while (m.find()) {
      Map<String, String> strings = new LinkedHashMap<>();
      Matcher s =
          Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(2));
      while (s.find()) {
        strings.put(s.group(1), unescape(s.group(2)));
      }
      Map<String, List<Boolean>> flags = new LinkedHashMap<>();
      Matcher f = Pattern.compile("\"(\\w+)\"\\s*:\\s*\\[([^\\]]*)]").matcher(m.group(2));
      while (f.find()) {
        List<Boolean> values = new ArrayList<>();
        for (String v : f.group(2).split(",", -1)) {
          values.add(Boolean.parseBoolean(v.strip()));
        }
        flags.put(f.group(1), values);
      }
      out.add(new Fixture(m.group(1), strings, flags));
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(20);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void replyText_isTheWritersOwnText(Fixture fixture) throws IOException {
    String body = email(fixture.file());
    List<ReplyText.Fragment> fragments = ReplyText.fragments(ReplyText.cutHistory(body));

    String visible = fixture.strings().get("visible_text");
    if (visible != null) {
      assertThat(ReplyText.of(body)).isEqualTo(visible);
    }
    String first = fixture.strings().get("fragment0_exact");
    if (first != null) {
      assertThat(fragments.get(0).content).isEqualTo(first);
    }
    String second = fixture.strings().get("fragment1_exact");
    if (second != null) {
      assertThat(fragments.get(1).content).isEqualTo(second);
    }
    String top = fixture.strings().get("top_fragment_regex");
    if (top != null) {
      assertThat(Pattern.compile(top, Pattern.MULTILINE).matcher(fragments.get(0).content).find())
          .as("first fragment %s matches %s", fragments.get(0).content, top)
          .isTrue();
    }
    String quote = fixture.strings().get("first_quote_regex");
    if (quote != null) {
      assertThat(Pattern.compile(quote, Pattern.MULTILINE).matcher(fragments.get(1).content).find())
          .as("second fragment %s matches %s", fragments.get(1).content, quote)
          .isTrue();
    }
    List<Boolean> quoted = fixture.flags().get("quoted");
    if (quoted != null) {
      assertThat(fragments).extracting(f -> f.quoted).containsExactlyElementsOf(quoted);
    }
    List<Boolean> signature = fixture.flags().get("signature");
    if (signature != null) {
      assertThat(fragments).extracting(f -> f.signature).containsExactlyElementsOf(signature);
    }
    List<Boolean> hidden = fixture.flags().get("hidden");
    if (hidden != null) {
      assertThat(fragments).extracting(f -> f.hidden).containsExactlyElementsOf(hidden);
    }
  }

  @Test
  void pathologicalAndLongQuotes_areReadInUnderASecond() throws IOException {
    for (String file : List.of("pathological.txt", "email_long_quote.txt")) {
      String body = email(file);
      long start = System.nanoTime();
      ReplyText.of(body);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as(file).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void everyMail_sentAsAReply_isReadAsAReply() throws IOException {
    // the corpus's bodies are real replies: none of them may pass for an automatic answer [S11]
    MailReader reader = MailReader.create();
    Path dir = Corpora.root().resolve("reply-parser").resolve("emails");
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> notReplies = new ArrayList<>();
    for (String file : files) {
      byte[] raw = RawMails.reply("Re: a role for you", email(file));
      Classification c = reader.read(raw, Instant.parse("2026-09-07T08:00:00Z")).classification();
      if (!(c instanceof Classification.HumanReply)) {
        notReplies.add(file + ": " + c);
      }
    }
    System.out.printf(
        "reply-parser mails read as replies: %d/%d %s%n",
        files.size() - notReplies.size(), files.size(), notReplies);
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
    assertThat(notReplies).isEmpty();
  }

  private static String email(String file) throws IOException {
    Path p = Corpora.root().resolve("reply-parser").resolve("emails").resolve(file);
    return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(n);
      }
    }
    return out.toString();
  }
}

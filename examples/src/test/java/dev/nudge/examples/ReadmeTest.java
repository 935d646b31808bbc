package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README shows exactly what the consumer projects in {@code src/it} build and run: its
 * dependency snippet and its quick start.
 */
class ReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Path IT = Path.of("src/it/classpath-consumer");

  private static String readme() throws IOException {
    return Files.readString(README);
  }

  /** The first fenced block of a language after a heading. */
  private static String block(String text, String heading, String language) {
    int at = text.indexOf(heading);
    int open = text.indexOf("```" + language + "\n", at);
    int close = text.indexOf("\n```", open);
    return text.substring(open + language.length() + 4, close);
  }

  private static String lines(List<String> lines, int indent) {
    return lines.stream()
        .map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void dependencySnippet_isTheOneTheConsumerProjectsUse() throws IOException {
    List<String> pom = Files.readAllLines(IT.resolve("pom.xml"));
    int from = pom.indexOf("  <!-- from the README -->");
    int to = pom.indexOf("  <!-- end of the README's snippet -->");
    String used =
        lines(pom.subList(from + 1, to), 2).replace("@project.version@", "0.1.0-SNAPSHOT");

    assertThat(block(readme(), "## Use it", "xml")).isEqualTo(used);
  }

  @Test
  void quickStart_isTheBodyOfTheProgramTheConsumerProjectsRun() throws IOException {
    List<String> source =
        Files.readAllLines(IT.resolve("src/main/java/quickstart/QuickStart.java"));
    int from = source.indexOf("    try (Nudge nudge =");
    int to = source.lastIndexOf("    }");
    String body = lines(source.subList(from, to + 1), 4);

    assertThat(block(readme(), "## Quick start", "java")).isEqualTo(body);
  }
}

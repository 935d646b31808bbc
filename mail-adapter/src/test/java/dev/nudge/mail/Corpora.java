package dev.nudge.mail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test corpora, read in place: {@code shared/corpora} beside the project. */
final class Corpora {
  private Corpora() {}

  /** The corpora folder, found by walking up from the working directory. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/corpora above " + dir);
  }
}

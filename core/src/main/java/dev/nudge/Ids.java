package dev.nudge;

import java.util.UUID;

final class Ids {
  private Ids() {}

  static UUID parseUuid(String field, String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "not a UUID: '" + text + "'");
    }
  }
}

package dev.nudge.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a machine-readable report part: a delivery status (RFC 3464) or a feedback report
 * (RFC 5965). A report is a group of per-message fields and one group per recipient; groups are
 * separated by blank lines, and a field repeated in a recipient's group starts a new group where a
 * sender forgot the blank line.
 */
final class ReportFields {
  private ReportFields() {}

  /** One group of fields, names in lower case, first value wins. */
  static final class Group {
    final Map<String, String> fields = new LinkedHashMap<>();

    @Nullable String get(String name) {
      return fields.get(name);
    }

    boolean isRecipient() {
      return fields.containsKey("final-recipient") || fields.containsKey("original-recipient");
    }
  }

  /** The groups of the report text, in order. */
  static List<Group> groups(String text) {
    List<Group> groups = new ArrayList<>();
    Group current = new Group();
    String name = null;
    StringBuilder value = new StringBuilder();
    int pos = 0;
    int n = text.length();
    while (pos <= n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      String line = text.substring(pos, eol);
      pos = eol + 1;
      if (line.isBlank()) {
        name = flush(current, name, value);
        if (!current.fields.isEmpty()) {
          groups.add(current);
          current = new Group();
        }
        if (eol >= n) {
          break;
        }
        continue;
      }
      char first = line.charAt(0);
      if ((first == ' ' || first == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || colon > 60 || line.substring(0, colon).indexOf(' ') >= 0) {
        continue; // not a field
      }
      name = flush(current, name, value);
      String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (current.fields.containsKey(field) && current.isRecipient()) {
        groups.add(current);
        current = new Group();
      }
      name = field;
      value.append(line.substring(colon + 1).strip());
    }
    flush(current, name, value);
    if (!current.fields.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  private static @Nullable String flush(Group group, @Nullable String name, StringBuilder value) {
    if (name != null) {
      group.fields.putIfAbsent(name, value.toString().strip());
    }
    value.setLength(0);
    return null;
  }
}

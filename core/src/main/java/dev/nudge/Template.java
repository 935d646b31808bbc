package dev.nudge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {{variable}}} and {@code {{variable|fallback}}} placeholders. A variable whose
 * value is missing or blank takes its fallback; one without a fallback is required, and a candidate
 * that lacks it is refused at enrollment. Parse once, render many times; instances are immutable.
 */
public final class Template {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private final String source;
  private final List<Part> parts;
  private final Set<String> variables;
  private final Set<String> required;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
    Set<String> all = new LinkedHashSet<>();
    Set<String> req = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Variable v) {
        all.add(v.name());
        if (v.fallback() == null) {
          req.add(v.name());
        }
      }
    }
    this.variables = Collections.unmodifiableSet(all);
    this.required = Collections.unmodifiableSet(req);
  }

  /**
   * Parses a template.
   *
   * @param field the path of the field the template comes from, named in errors
   * @throws InvalidInputException on an unclosed placeholder, or an empty or malformed variable
   *     name
   */
  public static Template parse(String field, String source) {
    if (source == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        parts.add(new Literal(source.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Literal(source.substring(i, open)));
      }
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw new InvalidInputException(field, "'{{' at offset " + open + " is never closed");
      }
      String inside = source.substring(open + 2, close);
      if (inside.contains("{{")) {
        throw new InvalidInputException(field, "'{{' at offset " + open + " is never closed");
      }
      int bar = inside.indexOf('|');
      String name = (bar < 0 ? inside : inside.substring(0, bar)).strip();
      String fallback = bar < 0 ? null : inside.substring(bar + 1);
      if (!NAME.matcher(name).matches()) {
        throw new InvalidInputException(
            field,
            "invalid variable name '"
                + name
                + "' at offset "
                + open
                + " (a letter, then letters, digits, _ . -)");
      }
      parts.add(new Variable(name, fallback));
      i = close + 2;
    }
    return new Template(source, List.copyOf(parts));
  }

  /** The text the template was parsed from. */
  public String source() {
    return source;
  }

  /** Every variable the template mentions, in order of first appearance. */
  public Set<String> variables() {
    return variables;
  }

  /** The variables without a fallback: a candidate must have a value for each. */
  public Set<String> requiredVariables() {
    return required;
  }

  /** The required variables for which {@code values} has no non-blank value. */
  public List<String> missing(Function<String, @Nullable String> values) {
    List<String> missing = new ArrayList<>();
    for (String name : required) {
      String v = values.apply(name);
      if (v == null || v.isBlank()) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * Renders the template.
   *
   * @param values the value of each variable, or null when the candidate has none
   * @param html whether values are HTML-escaped (for an HTML body); the template's own text is not
   * @throws IllegalStateException when a required variable has no value; check {@link #missing}
   *     first
   */
  public String render(Function<String, @Nullable String> values, boolean html) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Variable v) {
        String value = values.apply(v.name());
        if (value == null || value.isBlank()) {
          value = v.fallback();
          if (value == null) {
            throw new IllegalStateException("no value for required variable '" + v.name() + "'");
          }
        }
        out.append(html ? escapeHtml(value) : value);
      }
    }
    return out.toString();
  }

  /** Escapes the five characters that are special in HTML text and attribute values. */
  public static String escapeHtml(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Template t && t.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }

  private sealed interface Part permits Literal, Variable {}

  private record Literal(String text) implements Part {}

  private record Variable(String name, @Nullable String fallback) implements Part {}
}

package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {{variable}} and {{variable|fallback}} templates. */
class TemplateTest {
  private static final Map<String, String> ADA =
      Map.of("firstName", "Ada", "company", "A & B <Ltd>");

  @Test
  void variables_areReplaced_andFallbacksUsedWhenMissingOrBlank() {
    Template t = Template.parse("text", "Hi {{ firstName }}, how is {{team|your team}}?{{x|}}");

    assertThat(t.render(ADA::get, false)).isEqualTo("Hi Ada, how is your team?");
    assertThat(t.render(v -> v.equals("team") ? "  " : ADA.get(v), false))
        .isEqualTo("Hi Ada, how is your team?");
    assertThat(t.variables()).containsExactly("firstName", "team", "x");
    assertThat(t.requiredVariables()).containsExactly("firstName");
  }

  @Test
  void missing_listsRequiredVariablesWithoutValue() {
    Template t = Template.parse("text", "{{firstName}} {{lastName}} {{title|}}");

    assertThat(t.missing(ADA::get)).containsExactly("lastName");
  }

  @Test
  void htmlRendering_escapesValues_butNotTheTemplate() {
    Template t = Template.parse("html", "<b>{{company}}</b>");

    assertThat(t.render(ADA::get, true)).isEqualTo("<b>A &amp; B &lt;Ltd&gt;</b>");
    assertThat(t.render(ADA::get, false)).isEqualTo("<b>A & B <Ltd></b>");
    assertThat(Template.escapeHtml("\"'")).isEqualTo("&quot;&#39;");
  }

  @Test
  void requiredVariableWithoutValue_cannotBeRendered() {
    assertThatThrownBy(() -> Template.parse("text", "{{nope}}").render(v -> null, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void malformedTemplates_areRefusedNamingTheField() {
    assertThatThrownBy(() -> Template.parse("steps[1].subject", "Hi {{firstName"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("steps[1].subject")
        .hasMessageContaining("never closed");
    assertThatThrownBy(() -> Template.parse("steps[1].text", "Hi {{}}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid variable name");
    assertThatThrownBy(() -> Template.parse("steps[1].text", "Hi {{first name}}"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Template.parse("steps[1].text", "{{a {{b}}"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void textWithoutPlaceholders_isKeptAsIs() {
    assertThat(Template.parse("t", "plain } { text").render(v -> null, false))
        .isEqualTo("plain } { text");
    assertThat(Template.parse("t", "").render(v -> null, false)).isEmpty();
  }
}

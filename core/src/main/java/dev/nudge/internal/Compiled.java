package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.EmailAction;
import dev.nudge.InvalidInputException;
import dev.nudge.Step;
import dev.nudge.TaskAction;
import dev.nudge.Template;
import dev.nudge.Threading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's definition prepared for the engine: its calendar and parsed templates. Definitions
 * do not change after creation, so one instance serves a campaign for the engine's life.
 */
final class Compiled {
  final SendCalendar calendar;
  private final List<StepTemplates> steps;

  private Compiled(SendCalendar calendar, List<StepTemplates> steps) {
    this.calendar = calendar;
    this.steps = steps;
  }

  static Compiled of(Campaign campaign) {
    List<StepTemplates> steps = new ArrayList<>();
    for (Step step : campaign.steps()) {
      String at = "steps[" + step.number() + "]";
      if (step.action() instanceof EmailAction e) {
        steps.add(
            new StepTemplates(
                step,
                Template.parse(at + ".subject", e.subject()),
                Template.parse(at + ".text", e.text()),
                e.html() == null ? null : Template.parse(at + ".html", e.html())));
      } else if (step.action() instanceof TaskAction t) {
        steps.add(
            new StepTemplates(
                step, null, Template.parse(at + ".instructions", t.instructions()), null));
      }
    }
    return new Compiled(
        new SendCalendar(campaign.schedule(), campaign.holidays()), List.copyOf(steps));
  }

  StepTemplates step(int number) {
    return steps.get(number - 1);
  }

  /**
   * Refuses a candidate the templates cannot be rendered for: a required variable without a value,
   * or a value with a line break that would land in a header.
   */
  void checkCandidate(Candidate candidate) {
    for (StepTemplates t : steps) {
      String at = "steps[" + t.step.number() + "]";
      for (Map.Entry<String, Template> named : t.all().entrySet()) {
        List<String> missing = named.getValue().missing(v -> candidate.variable(v).orElse(null));
        if (!missing.isEmpty()) {
          String v = missing.get(0);
          throw new InvalidInputException(
              Candidate.fieldOf(v),
              "template variable {{"
                  + v
                  + "}} has no value and no fallback (used in "
                  + at
                  + "."
                  + named.getKey()
                  + ")");
        }
      }
      Template subject = t.subject;
      if (subject != null) {
        for (String v : subject.variables()) {
          String value = candidate.variable(v).orElse("");
          if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidInputException(
                Candidate.fieldOf(v),
                "contains a line break (CR or LF) and is used in the header " + at + ".subject");
          }
        }
      }
    }
  }

  /** The parsed templates of one step. */
  static final class StepTemplates {
    final Step step;
    final @Nullable Template subject;
    final Template body;
    final @Nullable Template html;

    /** The templates by field name, in the order of {@link #all()}. */
    private final Map<String, Template> all;

    StepTemplates(Step step, @Nullable Template subject, Template body, @Nullable Template html) {
      this.step = step;
      this.subject = subject;
      this.body = body;
      this.html = html;
      Map<String, Template> named = new LinkedHashMap<>();
      if (subject != null && !subject.source().isBlank()) {
        named.put("subject", subject);
      }
      named.put(step.action() instanceof TaskAction ? "instructions" : "text", body);
      if (html != null) {
        named.put("html", html);
      }
      this.all = Collections.unmodifiableMap(named);
    }

    boolean replyInThread() {
      return step.action() instanceof EmailAction e && e.threading() == Threading.REPLY_IN_THREAD;
    }

    /** The step's templates by field name: subject, text, html or instructions. */
    Map<String, Template> all() {
      return all;
    }
  }
}

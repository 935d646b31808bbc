package dev.nudge.jdbc;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CampaignOptions;
import dev.nudge.CampaignStatus;
import dev.nudge.Candidate;
import dev.nudge.CandidateId;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.Engagement;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.HolidayCalendar;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.SendAttempt;
import dev.nudge.SendingSchedule;
import dev.nudge.Step;
import dev.nudge.StepAction;
import dev.nudge.StepExecution;
import dev.nudge.StepType;
import dev.nudge.TaskAction;
import dev.nudge.TaskKind;
import dev.nudge.Threading;
import dev.nudge.TimeRange;
import dev.nudge.Wait;
import dev.nudge.spi.store.StepState;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parts of campaigns and enrollments that no query touches into JSON and back: a
 * campaign's definition, an enrollment's candidate and steps. Everything a query filters or sorts
 * on is a column of its own.
 */
final class Codec {
  private Codec() {}

  // ---- campaigns ---------------------------------------------------------------------------

  /** The JSON of a campaign's definition: what the columns do not hold. */
  static String definition(Campaign c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("owner", c.owner());
    m.put("zone", c.zone().getId());
    m.put("schedule", schedule(c.schedule()));
    m.put("weekend", c.holidays().weekend().stream().map(Enum::name).toList());
    m.put("holidays", c.holidays().holidays().stream().map(LocalDate::toString).toList());
    List<Object> steps = new ArrayList<>();
    for (Step s : c.steps()) {
      steps.add(step(s));
    }
    m.put("steps", steps);
    m.put("jitter", c.options().jitter().toString());
    m.put("holdAfterAutoReply", c.options().holdAfterAutoReply());
    m.put("maxAutoReplyHold", c.options().maxAutoReplyHold().toString());
    m.put("startedAt", text(c.startedAt()));
    return Json.write(m);
  }

  /** A campaign from its columns and the JSON of its definition. */
  static Campaign campaign(
      CampaignId id,
      String name,
      EmailAddress mailbox,
      CampaignStatus status,
      Instant createdAt,
      boolean syncPending,
      long version,
      String definition) {
    Map<String, @Nullable Object> m = map(Json.parse(definition));
    List<Step> steps = new ArrayList<>();
    for (Object s : list(m.get("steps"))) {
      steps.add(step(map(s), steps.size() + 1));
    }
    Set<DayOfWeek> weekend = new LinkedHashSet<>();
    for (Object d : list(m.get("weekend"))) {
      weekend.add(DayOfWeek.valueOf(str(d)));
    }
    Set<LocalDate> holidays = new LinkedHashSet<>();
    for (Object d : list(m.get("holidays"))) {
      holidays.add(LocalDate.parse(str(d)));
    }
    return new Campaign(
        id,
        name,
        str(m.get("owner")),
        mailbox,
        ZoneId.of(str(m.get("zone"))),
        schedule(map(m.get("schedule"))),
        new HolidayCalendar(weekend, holidays),
        steps,
        new CampaignOptions(
            Duration.parse(str(m.get("jitter"))),
            Boolean.TRUE.equals(m.get("holdAfterAutoReply")),
            Duration.parse(str(m.get("maxAutoReplyHold")))),
        status,
        createdAt,
        instant(m.get("startedAt")),
        syncPending,
        version);
  }

  private static Map<String, Object> schedule(SendingSchedule schedule) {
    Map<String, Object> days = new LinkedHashMap<>();
    schedule
        .ranges()
        .forEach(
            (day, ranges) ->
                days.put(
                    day.name(),
                    ranges.stream()
                        .map(r -> List.of(r.start().toString(), r.end().toString()))
                        .toList()));
    return days;
  }

  private static SendingSchedule schedule(Map<String, @Nullable Object> days) {
    Map<DayOfWeek, List<TimeRange>> ranges = new EnumMap<>(DayOfWeek.class);
    days.forEach(
        (day, list) -> {
          List<TimeRange> r = new ArrayList<>();
          for (Object pair : list(list)) {
            List<@Nullable Object> p = list(pair);
            r.add(new TimeRange(LocalTime.parse(str(p.get(0))), LocalTime.parse(str(p.get(1)))));
          }
          ranges.put(DayOfWeek.valueOf(day), r);
        });
    return new SendingSchedule(ranges);
  }

  private static Map<String, @Nullable Object> step(Step s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    if (s.delay() instanceof Wait.BusinessDays b) {
      m.put("businessDays", (long) b.days());
    } else {
      m.put("wait", ((Wait.Calendar) s.delay()).duration().toString());
    }
    StepAction action = s.action();
    if (action instanceof EmailAction e) {
      m.put("threading", e.threading().name());
      m.put("subject", e.subject());
      m.put("text", e.text());
      m.put("html", e.html());
    } else if (action instanceof TaskAction t) {
      m.put("task", t.kind().name());
      m.put("instructions", t.instructions());
      m.put("assignee", t.assignee());
    }
    return m;
  }

  private static Step step(Map<String, @Nullable Object> m, int number) {
    Wait wait =
        m.containsKey("businessDays")
            ? Wait.businessDays((int) num(m.get("businessDays")))
            : Wait.of(Duration.parse(str(m.get("wait"))));
    StepAction action =
        m.containsKey("task")
            ? new TaskAction(
                TaskKind.valueOf(str(m.get("task"))),
                str(m.get("instructions")),
                optStr(m.get("assignee")))
            : new EmailAction(
                Threading.valueOf(str(m.get("threading"))),
                str(m.get("subject")),
                str(m.get("text")),
                optStr(m.get("html")));
    return new Step(number, wait, action);
  }

  // ---- enrollments -------------------------------------------------------------------------

  /**
   * The JSON of an enrollment's candidate, steps and state details. What a new enrollment mostly
   * holds is left out (an address index of 0, no alternate addresses, no fields, no send attempts),
   * as nulls are: most enrollments are written as they are imported, and every byte of this column
   * is written again by each step. Reading gives the same values back, and reads the long form too.
   */
  static String data(Enrollment e) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("candidate", candidate(e.candidate()));
    m.put("reason", e.reason() == null ? null : e.reason().name());
    m.put("pausedFrom", e.pausedFrom() == null ? null : e.pausedFrom().name());
    if (e.addressIndex() != 0) {
      m.put("addressIndex", (long) e.addressIndex());
    }
    m.put("holdUntil", text(e.holdUntil()));
    List<Object> steps = new ArrayList<>(e.steps().size());
    for (StepExecution s : e.steps()) {
      steps.add(step(s));
    }
    m.put("steps", steps);
    return Json.write(m);
  }

  /** An enrollment from its columns and the JSON of its data. */
  static Enrollment enrollment(
      EnrollmentId id,
      CampaignId campaignId,
      EnrollmentStatus status,
      Instant enrolledAt,
      Instant lastActivityAt,
      long version,
      String data) {
    Map<String, @Nullable Object> m = map(Json.parse(data));
    List<StepExecution> steps = new ArrayList<>();
    for (Object s : list(m.get("steps"))) {
      steps.add(stepExecution(map(s)));
    }
    String reason = optStr(m.get("reason"));
    String pausedFrom = optStr(m.get("pausedFrom"));
    return new Enrollment(
        id,
        campaignId,
        candidate(map(m.get("candidate"))),
        status,
        reason == null ? null : CompletionReason.valueOf(reason),
        pausedFrom == null ? null : EnrollmentStatus.valueOf(pausedFrom),
        m.get("addressIndex") == null ? 0 : (int) num(m.get("addressIndex")),
        steps,
        instant(m.get("holdUntil")),
        enrolledAt,
        lastActivityAt,
        version);
  }

  private static Map<String, @Nullable Object> candidate(Candidate c) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", c.id().value());
    m.put("name", c.name());
    m.put("title", c.title());
    m.put("company", c.company());
    m.put("photoUrl", c.photoUrl() == null ? null : c.photoUrl().toString());
    m.put("email", c.email().value());
    if (!c.alternates().isEmpty()) {
      m.put("alternates", c.alternates().stream().map(EmailAddress::value).toList());
    }
    m.put("zone", c.zone() == null ? null : c.zone().getId());
    if (!c.fields().isEmpty()) {
      m.put("fields", new LinkedHashMap<>(c.fields()));
    }
    return m;
  }

  private static Candidate candidate(Map<String, @Nullable Object> m) {
    List<EmailAddress> alternates = new ArrayList<>();
    for (Object a : optList(m.get("alternates"))) {
      alternates.add(new EmailAddress(str(a)));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Object given = m.get("fields");
    if (given != null) {
      map(given).forEach((k, v) -> fields.put(k, str(v)));
    }
    String photo = optStr(m.get("photoUrl"));
    String zone = optStr(m.get("zone"));
    return new Candidate(
        CandidateId.of(str(m.get("id"))),
        str(m.get("name")),
        optStr(m.get("title")),
        optStr(m.get("company")),
        photo == null ? null : URI.create(photo),
        new EmailAddress(str(m.get("email"))),
        alternates,
        zone == null ? null : ZoneId.of(zone),
        fields);
  }

  private static Map<String, @Nullable Object> step(StepExecution s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("n", (long) s.number());
    m.put("type", s.type().name());
    m.put("state", s.state().name());
    m.put("scheduledAt", text(s.scheduledAt()));
    m.put("doneAt", text(s.doneAt()));
    m.put("taskOwner", s.taskOwner());
    if (!s.attempts().isEmpty()) {
      m.put("attempts", attempts(s.attempts()));
    }
    if (!s.engagement().equals(Engagement.NONE)) {
      m.put("engagement", engagement(s.engagement()));
    }
    return m;
  }

  private static List<Object> attempts(List<SendAttempt> given) {
    List<Object> attempts = new ArrayList<>(given.size());
    for (SendAttempt a : given) {
      Map<String, @Nullable Object> am = new LinkedHashMap<>();
      am.put("id", a.messageId());
      am.put("to", a.to().value());
      am.put("at", a.at().toString());
      am.put("outcome", a.outcome().name());
      am.put("detail", a.detail());
      attempts.add(am);
    }
    return attempts;
  }

  private static StepExecution stepExecution(Map<String, @Nullable Object> m) {
    List<SendAttempt> attempts = new ArrayList<>();
    for (Object o : optList(m.get("attempts"))) {
      Map<String, @Nullable Object> a = map(o);
      attempts.add(
          new SendAttempt(
              str(a.get("id")),
              new EmailAddress(str(a.get("to"))),
              Instant.parse(str(a.get("at"))),
              SendAttempt.Outcome.valueOf(str(a.get("outcome"))),
              optStr(a.get("detail"))));
    }
    Object engagement = m.get("engagement");
    return new StepExecution(
        (int) num(m.get("n")),
        StepType.valueOf(str(m.get("type"))),
        StepState.valueOf(str(m.get("state"))),
        instant(m.get("scheduledAt")),
        instant(m.get("doneAt")),
        attempts,
        engagement == null ? Engagement.NONE : engagement(map(engagement)),
        optStr(m.get("taskOwner")));
  }

  private static Map<String, @Nullable Object> engagement(Engagement g) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("opens", (long) g.opens());
    m.put("firstOpenAt", text(g.firstOpenAt()));
    m.put("lastOpenAt", text(g.lastOpenAt()));
    m.put("machineOpens", (long) g.machineOpens());
    m.put("repliedAt", text(g.repliedAt()));
    InboundEvent.Reply reply = g.reply();
    if (reply != null) {
      m.put("reply", Map.of("text", reply.text(), "matchedBy", reply.matchedBy().name()));
    }
    m.put("bouncedAt", text(g.bouncedAt()));
    InboundEvent.Bounce b = g.bounce();
    if (b != null) {
      Map<String, @Nullable Object> bm = new LinkedHashMap<>();
      bm.put("recipient", b.recipient().value());
      bm.put("type", b.type().name());
      bm.put("statusCode", b.statusCode());
      bm.put("reason", b.reason().name());
      bm.put("diagnostic", b.diagnostic());
      m.put("bounce", bm);
    }
    m.put("softBounces", (long) g.softBounces());
    m.put("autoRepliedAt", text(g.autoRepliedAt()));
    InboundEvent.AutoReply auto = g.autoReply();
    if (auto != null) {
      Map<String, @Nullable Object> am = new LinkedHashMap<>();
      am.put("returnDate", auto.returnDate() == null ? null : auto.returnDate().toString());
      am.put("text", auto.text());
      m.put("autoReply", am);
    }
    return m;
  }

  private static Engagement engagement(Map<String, @Nullable Object> m) {
    InboundEvent.Reply reply = null;
    Object r = m.get("reply");
    if (r != null) {
      Map<String, @Nullable Object> rm = map(r);
      reply =
          new InboundEvent.Reply(
              str(rm.get("text")), MatchMethod.valueOf(str(rm.get("matchedBy"))));
    }
    InboundEvent.Bounce bounce = null;
    Object b = m.get("bounce");
    if (b != null) {
      Map<String, @Nullable Object> bm = map(b);
      bounce =
          new InboundEvent.Bounce(
              new EmailAddress(str(bm.get("recipient"))),
              BounceType.valueOf(str(bm.get("type"))),
              optStr(bm.get("statusCode")),
              BounceReason.valueOf(str(bm.get("reason"))),
              optStr(bm.get("diagnostic")));
    }
    InboundEvent.AutoReply auto = null;
    Object a = m.get("autoReply");
    if (a != null) {
      Map<String, @Nullable Object> am = map(a);
      String date = optStr(am.get("returnDate"));
      auto =
          new InboundEvent.AutoReply(
              date == null ? null : LocalDate.parse(date), str(am.get("text")));
    }
    return new Engagement(
        (int) num(m.get("opens")),
        instant(m.get("firstOpenAt")),
        instant(m.get("lastOpenAt")),
        (int) num(m.get("machineOpens")),
        instant(m.get("repliedAt")),
        reply,
        instant(m.get("bouncedAt")),
        bounce,
        (int) num(m.get("softBounces")),
        instant(m.get("autoRepliedAt")),
        auto);
  }

  // ---- activity ----------------------------------------------------------------------------

  /**
   * The JSON of events one commit appended for one enrollment, in their order: one row for what a
   * commit did to an enrollment (enrolled, started, first step scheduled; or sent and next step
   * scheduled) rather than a row per event. The enrollment and campaign are the row's columns.
   */
  static String events(List<EnrollmentEvent> events) {
    List<Object> out = new ArrayList<>(events.size());
    for (EnrollmentEvent e : events) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("at", e.at().toString());
      m.put("type", e.type().name());
      m.put("step", (long) e.step());
      m.put("from", e.from());
      m.put("to", e.to());
      m.put("detail", e.detail());
      out.add(m);
    }
    return Json.write(out);
  }

  /** The events of one activity row, written by {@link #events(List)}. */
  static List<EnrollmentEvent> events(
      EnrollmentId enrollmentId, CampaignId campaignId, String json) {
    List<@Nullable Object> in = list(Json.parse(json));
    List<EnrollmentEvent> out = new ArrayList<>(in.size());
    for (Object o : in) {
      Map<String, @Nullable Object> m = map(o);
      out.add(
          new EnrollmentEvent(
              enrollmentId,
              campaignId,
              Instant.parse(str(m.get("at"))),
              EnrollmentEvent.Type.valueOf(str(m.get("type"))),
              (int) num(m.get("step")),
              optStr(m.get("from")),
              optStr(m.get("to")),
              str(m.get("detail"))));
    }
    return out;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static @Nullable String text(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  private static @Nullable Instant instant(@Nullable Object o) {
    return o == null ? null : Instant.parse((String) o);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> map(@Nullable Object o) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, @Nullable Object>) m;
    }
    throw new IllegalArgumentException("expected a JSON object, found " + o);
  }

  @SuppressWarnings("unchecked")
  private static List<@Nullable Object> list(@Nullable Object o) {
    if (o instanceof List<?> l) {
      return (List<@Nullable Object>) l;
    }
    throw new IllegalArgumentException("expected a JSON array, found " + o);
  }

  /** A JSON array, or an empty list where the member was left out. */
  private static List<@Nullable Object> optList(@Nullable Object o) {
    return o == null ? List.of() : list(o);
  }

  private static String str(@Nullable Object o) {
    if (o instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("expected a JSON string, found " + o);
  }

  private static @Nullable String optStr(@Nullable Object o) {
    return o == null ? null : str(o);
  }

  private static long num(@Nullable Object o) {
    if (o instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("expected a JSON integer, found " + o);
  }
}

package dev.nudge.mail;

import dev.nudge.BounceType;
import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.Classification.BouncedRecipient;
import dev.nudge.spi.inbound.InboundMessage.DsnRecipient;
import dev.nudge.spi.transport.SmtpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Amazon SES event notifications forwarded by mail (a JSON text with {@code notificationType}
 * Bounce, Complaint or Delivery, directly or inside an SNS envelope). Read with patterns over the
 * JSON rather than a JSON parser: only a few flat fields are needed.
 */
final class SesNotification {
  private static final Pattern TYPE =
      Pattern.compile("\"notificationType\"\\s*:\\s*\"(Bounce|Complaint|Delivery)\"");
  private static final Pattern RECIPIENT_OBJECT =
      Pattern.compile("\\{[^{}]*\"emailAddress\"\\s*:\\s*\"([^\"]{3,254})\"[^{}]*}");
  private static final Pattern LIST =
      Pattern.compile("\"(?:recipients|destination)\"\\s*:\\s*\\[([^\\]]*)]");
  private static final Pattern STRING = Pattern.compile("\"([^\"]{3,254})\"");

  private SesNotification() {}

  /** The notice, or null when the text is no SES notification. */
  static Bounces.@Nullable Notice read(Mail m) {
    if (m.notice.indexOf("notificationType") < 0) {
      return null;
    }
    // an SNS envelope holds the notification as a JSON string, its quotes escaped
    String json =
        m.notice.contains("\\\"notificationType\\\"") ? m.notice.replace("\\\"", "\"") : m.notice;
    Matcher type = TYPE.matcher(json);
    if (!type.find()) {
      return null;
    }
    return switch (type.group(1)) {
      case "Complaint" -> complaint(json);
      case "Delivery" -> delivery(json);
      default -> bounce(json);
    };
  }

  private static Bounces.Notice complaint(String json) {
    Matcher r = RECIPIENT_OBJECT.matcher(json);
    EmailAddress recipient = r.find() ? Addresses.parse(r.group(1)) : null;
    String feedback = field(json, "complaintFeedbackType");
    return new Bounces.Notice(new Classification.Complaint(feedback, recipient), List.of());
  }

  private static Bounces.Notice delivery(String json) {
    List<EmailAddress> recipients = new ArrayList<>();
    Matcher list = LIST.matcher(json);
    if (list.find()) {
      Matcher s = STRING.matcher(list.group(1));
      while (s.find()) {
        EmailAddress a = Addresses.parse(s.group(1));
        if (a != null && !Addresses.contains(recipients, a)) {
          recipients.add(a);
        }
      }
    }
    List<DsnRecipient> dsn = new ArrayList<>();
    for (EmailAddress a : recipients) {
      dsn.add(new DsnRecipient(a, "delivered", null, field(json, "smtpResponse")));
    }
    return new Bounces.Notice(new Classification.DeliveryReport("delivered", recipients), dsn);
  }

  private static Bounces.@Nullable Notice bounce(String json) {
    boolean permanent = "Permanent".equalsIgnoreCase(field(json, "bounceType"));
    List<BouncedRecipient> failed = new ArrayList<>();
    List<DsnRecipient> dsn = new ArrayList<>();
    Matcher r = RECIPIENT_OBJECT.matcher(json);
    while (r.find()) {
      EmailAddress a = Addresses.parse(r.group(1));
      if (a == null) {
        continue;
      }
      String object = r.group();
      String status = SmtpStatus.enhancedStatus(field(object, "status"));
      String diagnostic = field(object, "diagnosticCode");
      if (diagnostic != null) {
        int semi = diagnostic.indexOf(';');
        diagnostic = semi >= 0 && semi < 12 ? diagnostic.substring(semi + 1).strip() : diagnostic;
      }
      int code = SmtpStatus.replyCode(diagnostic);
      SmtpStatus.Verdict v =
          SmtpStatus.classify(code != 0 ? code : permanent ? 550 : 450, status, diagnostic);
      BounceType type = permanent ? v.type() : BounceType.SOFT;
      failed.add(new BouncedRecipient(a, status, code, type, v.reason(), diagnostic));
      dsn.add(new DsnRecipient(a, "failed", status, diagnostic));
    }
    return failed.isEmpty() ? null : new Bounces.Notice(new Classification.Bounce(failed), dsn);
  }

  private static @Nullable String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,1000})\"").matcher(json);
    return m.find() ? m.group(1).replace("\\\"", "\"") : null;
  }
}

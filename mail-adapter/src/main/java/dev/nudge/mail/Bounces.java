package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.Classification.BouncedRecipient;
import dev.nudge.spi.inbound.InboundMessage.DsnRecipient;
import dev.nudge.spi.transport.SmtpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Delivery notices: RFC 3464 reports first, then the notices of MTAs that send none. Every status
 * is read by {@link SmtpStatus}, the table the SMTP transport uses too.
 */
final class Bounces {
  private static final Pattern MESSAGE_ID =
      Pattern.compile(
          "^[ \\t>]*Message-ID:[ \\t]*(<[^<>\\s]{1,298}>)",
          Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  /** Fields of a delivery status report written into the text of a message that is no report. */
  private static final Pattern INLINE_REPORT =
      Pattern.compile(
          "^(?:Reporting-MTA|Final-Recipient|Original-Recipient):",
          Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  /** The To field of a copy of the returned message quoted in the text. */
  private static final Pattern QUOTED_TO =
      Pattern.compile("^To:[ \\t]*(.{1,500})$", Pattern.MULTILINE);

  private Bounces() {}

  /** What a delivery notice says. */
  record Notice(Classification classification, List<DsnRecipient> recipients) {}

  /** The notice a message is, or null when it is none. */
  static @Nullable Notice read(Mail m) {
    Notice dsn = fromReport(m);
    if (dsn != null) {
      return dsn;
    }
    Notice ses = SesNotification.read(m);
    if (ses != null) {
      return ses;
    }
    if (!BounceSignals.isNotice(m)) {
      return null;
    }
    return fromText(m);
  }

  private static @Nullable Notice fromReport(Mail m) {
    List<DsnRecipient> all = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (MimePart part : m.deliveryStatus) {
      reports.add(part.text);
    }
    boolean inline = reports.isEmpty();
    if (inline) {
      Matcher start = INLINE_REPORT.matcher(m.notice);
      if (start.find()) {
        reports.add(m.notice.substring(start.start()));
      }
    }
    for (String report : reports) {
      for (ReportFields.Group g : ReportFields.groups(report)) {
        if (!g.isRecipient() || (inline && g.get("action") == null && g.get("status") == null)) {
          continue;
        }
        EmailAddress a = Addresses.parse(g.get("original-recipient"));
        EmailAddress f = Addresses.parse(g.get("final-recipient"));
        EmailAddress address = a != null ? a : f;
        if (address == null) {
          address = Addresses.parse(g.get("x-actual-recipient"));
        }
        if (address == null || contains(all, address)) {
          continue;
        }
        String action = g.get("action");
        all.add(
            new DsnRecipient(
                address,
                action == null ? null : action.toLowerCase(Locale.ROOT).strip(),
                SmtpStatus.enhancedStatus(g.get("status")),
                withoutType(g.get("diagnostic-code"))));
      }
    }
    if (all.isEmpty()) {
      return null;
    }
    List<BounceText.Block> blocks = null;
    List<BouncedRecipient> failed = new ArrayList<>();
    String report = null;
    for (DsnRecipient r : all) {
      if (!failed(r)) {
        report = report == null || "delayed".equals(r.action()) ? nonNull(r.action()) : report;
        continue;
      }
      String status = r.status();
      String diagnostic = r.diagnostic();
      String words = diagnostic;
      if (diagnostic == null || status == null || status.endsWith(".0.0")) {
        if (blocks == null) {
          blocks = BounceText.blocks(m.explanation(), List.of(r.recipient()), List.of());
        }
        String block = blockFor(blocks, r.recipient());
        if (diagnostic == null && block != null) {
          diagnostic = BounceText.diagnostic(block);
        }
        words = words == null ? block : words + "\n" + (block == null ? "" : block);
      }
      failed.add(recipient(r.recipient(), status, words, diagnostic, m));
    }
    if (!failed.isEmpty()) {
      return new Notice(new Classification.Bounce(failed), all);
    }
    List<EmailAddress> addresses = new ArrayList<>();
    for (DsnRecipient r : all) {
      addresses.add(r.recipient());
    }
    return new Notice(
        new Classification.DeliveryReport(report == null ? "delivered" : report, addresses), all);
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "delivered" : s;
  }

  private static boolean failed(DsnRecipient r) {
    String action = r.action();
    if (action != null) {
      return action.startsWith("fail") || action.equals("expired");
    }
    String status = r.status();
    return status == null || status.charAt(0) == '5';
  }

  private static @Nullable Notice fromText(Mail m) {
    String explanation = m.explanation();
    List<EmailAddress> known = new ArrayList<>();
    for (String f : m.headers.all("x-failed-recipients")) {
      for (EmailAddress a : Addresses.inText(f)) {
        if (!Addresses.contains(known, a)) {
          known.add(a);
        }
      }
    }
    List<EmailAddress> excluded = excluded(m);
    List<BounceText.Block> blocks = BounceText.blocks(explanation, known, excluded);
    if (blocks.isEmpty()) {
      // no failed address in the explanation: the recipients of the returned copy
      List<EmailAddress> returnedTo = new ArrayList<>();
      for (MimePart e : m.enclosed) {
        returnedTo.addAll(Addresses.list(e.headers.first("to")));
      }
      if (returnedTo.isEmpty()) {
        Matcher to = QUOTED_TO.matcher(m.notice);
        if (to.find(Math.min(explanation.length(), m.notice.length()))) {
          returnedTo.addAll(Addresses.list(to.group(1)));
        }
      }
      for (EmailAddress a : returnedTo) {
        if (!Addresses.contains(excluded, a)) {
          blocks.add(new BounceText.Block(a, ""));
        }
      }
    }
    if (blocks.isEmpty()) {
      return null;
    }
    List<DsnRecipient> dsn = new ArrayList<>();
    List<BouncedRecipient> failed = new ArrayList<>();
    boolean delayed = BounceSignals.isDelay(m, explanation);
    for (BounceText.Block b : blocks) {
      BouncedRecipient r =
          recipient(b.recipient(), null, b.text(), BounceText.diagnostic(b.text()), m);
      if (r.status() != null && r.status().startsWith("2.")) {
        continue; // a success code: nothing failed for this one
      }
      failed.add(r);
      dsn.add(
          new DsnRecipient(
              r.recipient(), delayed ? "delayed" : "failed", r.status(), r.diagnostic()));
    }
    if (failed.isEmpty()) {
      return null;
    }
    if (delayed) {
      List<EmailAddress> addresses = new ArrayList<>();
      for (BouncedRecipient r : failed) {
        addresses.add(r.recipient());
      }
      return new Notice(new Classification.DeliveryReport("delayed", addresses), dsn);
    }
    return new Notice(new Classification.Bounce(failed), dsn);
  }

  /** Reads one failed recipient: codes of its own lines first, then of the whole explanation. */
  private static BouncedRecipient recipient(
      EmailAddress address,
      @Nullable String reportedStatus,
      @Nullable String words,
      @Nullable String diagnostic,
      Mail m) {
    String text = words == null ? "" : words;
    String status = reportedStatus;
    String inWords = SmtpStatus.enhancedStatus(text);
    if (inWords != null
        && (status == null || (status.endsWith(".0.0") && inWords.charAt(0) == status.charAt(0)))) {
      status = inWords;
    }
    int code = SmtpStatus.replyCode(diagnostic);
    if (code == 0) {
      code = BounceText.replyCode(text);
    }
    if (status == null && code == 0) {
      status = SmtpStatus.enhancedStatus(m.explanation());
      code = BounceText.replyCode(m.explanation());
    }
    String allWords = text.isEmpty() ? m.explanation() : text;
    int klass = code;
    if (status == null && code == 0) {
      klass = BounceSignals.isTemporary(allWords) ? 450 : 550;
    }
    SmtpStatus.Verdict v = SmtpStatus.classify(klass, status, allWords);
    return new BouncedRecipient(address, status, code, v.type(), v.reason(), diagnostic);
  }

  private static @Nullable String blockFor(List<BounceText.Block> blocks, EmailAddress a) {
    for (BounceText.Block b : blocks) {
      if (b.recipient().sameMailbox(a)) {
        return b.text().isEmpty() ? null : b.text();
      }
    }
    return null;
  }

  private static List<EmailAddress> excluded(Mail m) {
    List<EmailAddress> out = new ArrayList<>(m.to);
    add(out, m.from);
    add(out, Addresses.first(m.headers.first("reply-to")));
    add(out, Addresses.first(m.headers.first("return-path")));
    add(out, Addresses.first(m.headers.first("sender")));
    for (MimePart e : m.enclosed) {
      add(out, Addresses.first(e.headers.first("from")));
      add(out, Addresses.first(e.headers.first("return-path")));
      add(out, Addresses.first(e.headers.first("sender")));
    }
    return out;
  }

  private static void add(List<EmailAddress> list, @Nullable EmailAddress a) {
    if (a != null && !Addresses.contains(list, a)) {
      list.add(a);
    }
  }

  private static boolean contains(List<DsnRecipient> list, EmailAddress a) {
    for (DsnRecipient r : list) {
      if (r.recipient().sameMailbox(a)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String withoutType(@Nullable String diagnostic) {
    if (diagnostic == null) {
      return null;
    }
    int semi = diagnostic.indexOf(';');
    String d = semi >= 0 && semi < 12 ? diagnostic.substring(semi + 1) : diagnostic;
    d = d.strip();
    return d.isEmpty() ? null : d;
  }

  /** Message-IDs of the returned message: enclosed headers, or header lines quoted in the text. */
  static List<String> returnedMessageIds(Mail m) {
    List<String> ids = new ArrayList<>();
    for (MimePart e : m.enclosed) {
      String id = e.headers.first("message-id");
      if (id != null) {
        addId(ids, id);
      }
    }
    Matcher matcher = MESSAGE_ID.matcher(m.notice);
    while (matcher.find()) {
      addId(ids, matcher.group(1));
    }
    String own = m.headers.first("message-id");
    if (own != null) {
      ids.remove(own.strip());
    }
    return ids;
  }

  private static void addId(List<String> ids, String raw) {
    String id = raw.strip();
    int lt = id.indexOf('<');
    int gt = id.indexOf('>', lt + 1);
    if (lt >= 0 && gt > lt + 1) {
      id = id.substring(lt, gt + 1);
    } else if (id.isEmpty() || id.indexOf(' ') >= 0) {
      return;
    } else {
      id = "<" + id + ">";
    }
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }
}

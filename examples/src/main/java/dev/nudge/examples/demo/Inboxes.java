package dev.nudge.examples.demo;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of the demo's GreenMail server: what reached each candidate, and the recruiter's
 * inbox, into which the candidates' answers are delivered.
 */
final class Inboxes {
  private static final Pattern PIXEL = Pattern.compile("src=\"(http[^\"]*/o/[^\"]+)\"");
  private static final Pattern ONE_CLICK = Pattern.compile("<(https?://[^>]+)>");

  private final GreenMail greenMail;
  private final Map<String, Integer> read = new HashMap<>();

  Inboxes(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** A mail that reached a candidate: its headers, pixel and one-click link. */
  record Delivered(
      Mails.Received received, @Nullable String pixelUrl, @Nullable String oneClickUrl) {}

  /** The mails that reached {@code address} since the last call. */
  List<Delivered> newMail(String address, Instant now) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    if (user == null) {
      return List.of();
    }
    List<StoredMessage> messages = inbox(user).getMessages();
    int from = read.getOrDefault(address, 0);
    List<Delivered> delivered = new ArrayList<>();
    for (StoredMessage m : messages.subList(Math.min(from, messages.size()), messages.size())) {
      delivered.add(delivered(m.getMimeMessage(), address, now));
    }
    read.put(address, messages.size());
    return delivered;
  }

  /** How many mails reached {@code address} in all. */
  int count(String address) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    return user == null ? 0 : inbox(user).getMessageCount();
  }

  /** Delivers a raw mail into {@code address}'s inbox, as a mail server would. */
  void deliver(String address, byte[] raw) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    if (user == null) {
      throw new IllegalStateException("no mailbox " + address);
    }
    try {
      user.deliver(new MimeMessage(null, new ByteArrayInputStream(raw)));
    } catch (MessagingException e) {
      throw new IllegalStateException("could not deliver a mail to " + address, e);
    }
  }

  /** Whether any mail in {@code address}'s inbox carries the \Seen flag. */
  boolean anySeen(String address) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
    if (user == null) {
      return false;
    }
    for (StoredMessage m : inbox(user).getMessages()) {
      if (m.isSet(jakarta.mail.Flags.Flag.SEEN)) {
        return true;
      }
    }
    return false;
  }

  private MailFolder inbox(GreenMailUser user) {
    try {
      return greenMail.getManagers().getImapHostManager().getInbox(user);
    } catch (FolderException e) {
      throw new IllegalStateException("no inbox for " + user.getEmail(), e);
    }
  }

  private static Delivered delivered(MimeMessage m, String to, Instant now) {
    try {
      String html = html(m).orElse("");
      Matcher pixel = PIXEL.matcher(html);
      String oneClick = null;
      String header = m.getHeader("List-Unsubscribe", ",");
      if (header != null) {
        Matcher link = ONE_CLICK.matcher(header);
        if (link.find()) {
          oneClick = link.group(1);
        }
      }
      String references = m.getHeader("References", " ");
      return new Delivered(
          new Mails.Received(
              to,
              String.valueOf(m.getHeader("From", ",")),
              String.valueOf(m.getSubject()),
              String.valueOf(m.getMessageID()),
              references == null ? "" : references,
              now),
          pixel.find() ? pixel.group(1).replace("&amp;", "&") : null,
          oneClick);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("could not read a mail to " + to, e);
    }
  }

  private static Optional<String> html(Part p) throws MessagingException, IOException {
    if (p.isMimeType("text/html")) {
      return Optional.of(String.valueOf(p.getContent()));
    }
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        Optional<String> found = html(part);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}

package dev.nudge.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * One connection to an inbox: logged in, with its folder open — read-only ({@code EXAMINE}) unless
 * bounces are to be moved — and every body fetched with {@code BODY.PEEK}, so that reading never
 * marks a message seen. Used by one thread at a time; {@link #abort()} and {@link #wake()} may be
 * called from another.
 */
final class InboxSession {
  private final ImapInbox inbox;
  private final ImapSockets sockets;
  private final IMAPStore store;
  private volatile @Nullable IMAPFolder folder;
  private boolean idleOffered;
  private boolean moveOffered;
  private boolean uidPlusOffered;

  private InboxSession(ImapInbox inbox, ImapSockets sockets, IMAPStore store) {
    this.inbox = inbox;
    this.sockets = sockets;
    this.store = store;
  }

  /**
   * Connects, logs in (asking once for a fresh OAuth2 token when the current one is refused) and
   * opens the folder.
   *
   * @throws AuthenticationFailedException when the server refuses the credentials
   * @throws MessagingException when the server cannot be reached or the folder opened
   * @throws SecretUnavailableException when the credentials' supplier fails
   */
  static InboxSession open(ImapInbox inbox) throws MessagingException {
    ImapRoute route = inbox.route();
    ImapSockets sockets = new ImapSockets(tls(route).getSocketFactory());
    Properties p = new Properties();
    p.put("mail.imap.socketFactory", sockets.plain());
    p.put("mail.imap.socketFactory.fallback", "false");
    p.put("mail.imap.ssl.socketFactory", sockets.secure());
    p.put("mail.imap.connectiontimeout", String.valueOf(route.connectTimeout().toMillis()));
    p.put("mail.imap.timeout", String.valueOf(route.readTimeout().toMillis()));
    p.put("mail.imap.peek", "true"); // BODY.PEEK: reading never sets \Seen, read-write or not
    p.put("mail.imap.partialfetch", "false"); // one FETCH per message, its size bounded before
    if (route.tls() == TlsMode.IMPLICIT) {
      p.put("mail.imap.ssl.enable", "true");
    } else if (route.tls() == TlsMode.STARTTLS) {
      p.put("mail.imap.starttls.enable", "true");
      p.put("mail.imap.starttls.required", "true");
    }
    Credentials c = route.credentials();
    if (c.isOAuth2()) {
      p.put("mail.imap.auth.mechanisms", "XOAUTH2");
    }
    IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
    InboxSession session = new InboxSession(inbox, sockets, store);
    try {
      session.login(c);
      // asked once, on the login's connection: asked later, the store would open a second one
      session.idleOffered = store.hasCapability("IDLE");
      session.moveOffered = store.hasCapability("MOVE");
      session.uidPlusOffered = store.hasCapability("UIDPLUS");
      session.openFolder();
      return session;
    } catch (MessagingException | RuntimeException e) {
      session.abort();
      throw e;
    }
  }

  private void login(Credentials c) throws MessagingException {
    ImapRoute route = inbox.route();
    String secret = secret(c, false);
    try {
      store.connect(route.host(), route.port(), c.user(), secret);
    } catch (AuthenticationFailedException refused) {
      if (!c.isOAuth2()) {
        throw refused;
      }
      sockets.abort();
      store.connect(route.host(), route.port(), c.user(), secret(c, true));
    }
  }

  private static String secret(Credentials c, boolean refresh) {
    try {
      return refresh ? c.refreshedToken() : c.secret();
    } catch (RuntimeException e) {
      throw new SecretUnavailableException(c, e);
    }
  }

  private void openFolder() throws MessagingException {
    IMAPFolder f = (IMAPFolder) store.getFolder(inbox.folder());
    f.open(inbox.moveBouncesTo().isPresent() ? Folder.READ_WRITE : Folder.READ_ONLY);
    // new mail reported at the start of an IDLE, before the server says it is idling, does not
    // end the IDLE by itself: the report's event does
    f.addMessageCountListener(
        new MessageCountAdapter() {
          @Override
          public void messagesAdded(MessageCountEvent e) {
            wake();
          }
        });
    folder = f;
  }

  private static SSLContext tls(ImapRoute route) throws MessagingException {
    if (route.sslContext().isPresent()) {
      return route.sslContext().get();
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new MessagingException("no default TLS context", e);
    }
  }

  private IMAPFolder folder() throws MessagingException {
    IMAPFolder f = folder;
    if (f == null || !f.isOpen()) {
      throw new jakarta.mail.FolderClosedException(f, "the folder is not open");
    }
    return f;
  }

  /** The folder's UIDVALIDITY. */
  long uidValidity() throws MessagingException {
    return folder().getUIDValidity();
  }

  /** The UID of the newest message in the folder, or 0 when it is empty. */
  long lastUid() throws MessagingException {
    IMAPFolder f = folder();
    int count = f.getMessageCount();
    return count == 0 ? 0 : f.getUID(f.getMessage(count));
  }

  /** Asks the server whether the connection still works, and for news of the folder (NOOP). */
  void noop() throws MessagingException {
    folder()
        .doCommand(
            p -> {
              p.noop();
              return null;
            });
  }

  /** The messages with a UID above {@code after}, in UID order, with their UIDs and sizes. */
  List<Message> after(long after) throws MessagingException {
    IMAPFolder f = folder();
    // "UID n:*" answers with the newest message even when its UID is below n: filtered out below
    Message[] found = f.getMessagesByUID(after + 1, UIDFolder.LASTUID);
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    List<Message> out = new ArrayList<>(found.length);
    for (Message m : found) {
      if (m != null) {
        out.add(m);
      }
    }
    f.fetch(out.toArray(new Message[0]), profile);
    out.removeIf(m -> uidOf(f, m) <= after);
    out.sort(Comparator.comparingLong(m -> uidOf(f, m)));
    return out;
  }

  /** The UID of a message of this folder. */
  long uid(Message m) throws MessagingException {
    return folder().getUID(m);
  }

  private static long uidOf(IMAPFolder f, Message m) {
    try {
      return f.getUID(m);
    } catch (MessagingException e) {
      return -1; // expunged meanwhile: dropped as if already read
    }
  }

  /**
   * Downloads a message as the server keeps it: its raw bytes, or only its header when it is larger
   * than the inbox's limit.
   */
  FetchedMail fetch(Message m) throws MessagingException, IOException {
    return FetchedMail.of(m, inbox.maxMessageBytes());
  }

  /**
   * Moves a message to the inbox's bounce folder (creating it when missing): with {@code MOVE}, or
   * with a copy and a {@code UID EXPUNGE} of that message alone.
   *
   * @return false when the server offers neither, so the message stays
   */
  boolean move(Message m, String to) throws MessagingException {
    IMAPFolder f = folder();
    Folder target = store.getFolder(to);
    if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("the folder " + to + " could not be created");
    }
    if (moveOffered) {
      f.moveMessages(new Message[] {m}, target);
      return true;
    }
    if (uidPlusOffered) {
      f.copyMessages(new Message[] {m}, target);
      m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
      f.expunge(new Message[] {m});
      return true;
    }
    return false;
  }

  /** Whether the server offers IDLE. */
  boolean canIdle() {
    return idleOffered;
  }

  /**
   * Whether the folder holds a message with a UID above {@code uid}: the server is asked first (a
   * NOOP, which makes it report mail that arrived since the last command, such as while the round
   * before was being recorded), then the count is read again until it stands still, so that no
   * report of new mail is missed before an IDLE.
   */
  boolean holdsNewerThan(long uid) throws MessagingException {
    IMAPFolder f = folder();
    noop();
    while (true) {
      int count = f.getMessageCount();
      long last = count == 0 ? 0 : f.getUID(f.getMessage(count));
      if (f.getMessageCount() == count) {
        return last > uid;
      }
    }
  }

  /**
   * Waits until the server reports a change of the folder, or until {@link #wake()} or {@link
   * #abort()} is called from another thread.
   */
  void idle() throws MessagingException {
    folder().idle(true);
  }

  /** Ends an IDLE in progress (from another thread); does nothing otherwise. */
  void wake() {
    IMAPFolder f = folder;
    if (f == null) {
      return;
    }
    try {
      f.doCommand(p -> null); // a command for the folder ends its IDLE
    } catch (MessagingException | RuntimeException ignored) {
      // the connection is gone: the IDLE has ended anyway
    }
  }

  /** Closes the folder (without expunging) and logs out. */
  void close() {
    try {
      IMAPFolder f = folder;
      if (f != null && f.isOpen()) {
        f.close(false);
      }
      store.close();
    } catch (MessagingException | RuntimeException e) {
      abort();
    }
  }

  /** Cuts the connection at once, without a word to the server. */
  void abort() {
    sockets.abort();
    try {
      store.close();
    } catch (MessagingException | RuntimeException ignored) {
      // the sockets are closed already
    }
  }

  /** The credentials' supplier failed: treated as a refused login, without its message. */
  static final class SecretUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SecretUnavailableException(Credentials c, RuntimeException cause) {
      super(
          "the "
              + (c.isOAuth2() ? "access token" : "password")
              + " of "
              + c.user()
              + " could not be had ("
              + cause.getClass().getSimpleName()
              + ")");
    }
  }
}

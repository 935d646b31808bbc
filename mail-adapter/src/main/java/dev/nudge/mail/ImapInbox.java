package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One sender mailbox's inbox as an {@link ImapInboxPoller} reads it: the mailbox's address, the
 * {@link ImapRoute} to its server, the folder, how often it is looked at and what may be changed in
 * it. By default nothing is: the folder is opened read-only, so no message is marked seen, moved or
 * deleted. Build one with {@link #builder(String, ImapRoute)}; it is immutable.
 */
public final class ImapInbox {
  /** The folder read when none is set. */
  public static final String DEFAULT_FOLDER = "INBOX";

  /** How often the folder is looked at when none is set (and how often an IDLE is renewed). */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);

  private final EmailAddress address;
  private final ImapRoute route;
  private final String folder;
  private final Duration pollInterval;
  private final boolean idle;
  private final @Nullable String moveBouncesTo;
  private final int maxMessageBytes;
  private final boolean skipExistingMail;

  private ImapInbox(Builder b) {
    this.address = b.address;
    this.route = b.route;
    this.folder = b.folder != null ? b.folder : DEFAULT_FOLDER;
    this.pollInterval = b.pollInterval != null ? b.pollInterval : DEFAULT_POLL_INTERVAL;
    this.idle = b.idle == null || b.idle;
    this.moveBouncesTo = b.moveBouncesTo;
    this.maxMessageBytes =
        b.maxMessageBytes != null ? b.maxMessageBytes : MailReader.DEFAULT_MAX_MESSAGE_BYTES;
    this.skipExistingMail = b.skipExistingMail != null && b.skipExistingMail;
  }

  /**
   * Starts the settings of a sender mailbox's inbox.
   *
   * @param address the sender mailbox, as registered with {@code Nudge.registerMailbox}
   * @param route the IMAP server and credentials, usually those of the mailbox's SMTP route
   */
  public static Builder builder(EmailAddress address, ImapRoute route) {
    return new Builder(address, route);
  }

  /** Like {@link #builder(EmailAddress, ImapRoute)} with the address as text. */
  public static Builder builder(String address, ImapRoute route) {
    return new Builder(EmailAddress.of("inbox.address", address), route);
  }

  /** The sender mailbox whose inbox this is. */
  public EmailAddress address() {
    return address;
  }

  /** The server and credentials. */
  public ImapRoute route() {
    return route;
  }

  /** The folder read. */
  public String folder() {
    return folder;
  }

  /** How often the folder is looked at, and how often an IDLE is renewed. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Whether the server is asked to report new mail at once (IDLE) when it offers that. */
  public boolean idle() {
    return idle;
  }

  /** The folder bounces are moved to, if any. */
  public Optional<String> moveBouncesTo() {
    return Optional.ofNullable(moveBouncesTo);
  }

  /** The largest message downloaded; a larger one is handed over unread, as its header only. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Whether the messages already in the folder on the very first poll are left unread. */
  public boolean skipExistingMail() {
    return skipExistingMail;
  }

  /** The key of this inbox's checkpoint: {@code imap:<address>:<folder>}. */
  String checkpointKey() {
    return "imap:" + address.key() + ":" + folder;
  }

  /** Names the mailbox, the server and the folder; never a secret. */
  @Override
  public String toString() {
    return "ImapInbox[" + address + ", " + route + ", " + folder + "]";
  }

  /**
   * Collects an inbox's settings. Each setter may be called once. Defaults: {@value
   * #DEFAULT_FOLDER}, a look every minute, IDLE when the server offers it, nothing moved, messages
   * up to {@link MailReader#DEFAULT_MAX_MESSAGE_BYTES} downloaded, and on the first poll every
   * message already in the folder read.
   */
  public static final class Builder {
    private final EmailAddress address;
    private final ImapRoute route;
    private @Nullable String folder;
    private @Nullable Duration pollInterval;
    private @Nullable Boolean idle;
    private @Nullable String moveBouncesTo;
    private @Nullable Integer maxMessageBytes;
    private @Nullable Boolean skipExistingMail;

    private Builder(EmailAddress address, ImapRoute route) {
      if (address == null) {
        throw new InvalidInputException("inbox.address", "must not be null");
      }
      if (route == null) {
        throw new InvalidInputException("inbox.route", "must not be null");
      }
      this.address = address;
      this.route = route;
    }

    /** The folder to read; {@value #DEFAULT_FOLDER} when not set. */
    public Builder folder(String name) {
      this.folder = SmtpRoute.Builder.once("inbox.folder", this.folder, folderName("folder", name));
      return this;
    }

    /**
     * How often the folder is looked at for new mail when the server does not report it itself
     * (IDLE), and how often an IDLE is renewed; one minute when not set.
     */
    public Builder pollInterval(Duration interval) {
      if (interval == null
          || interval.compareTo(Duration.ofMillis(100)) < 0
          || interval.compareTo(Duration.ofDays(1)) > 0) {
        throw new InvalidInputException("inbox.pollInterval", "must be 100 ms to 1 day");
      }
      this.pollInterval = SmtpRoute.Builder.once("inbox.pollInterval", this.pollInterval, interval);
      return this;
    }

    /**
     * Whether to ask the server to report new mail at once (IMAP IDLE) when it offers that; true
     * when not set. Without IDLE, the folder is looked at every {@link #pollInterval}.
     */
    public Builder idle(boolean use) {
      this.idle = SmtpRoute.Builder.once("inbox.idle", this.idle, use);
      return this;
    }

    /**
     * Moves bounces (delivery failure reports) to this folder once they are recorded, creating it
     * when missing. Only with this setting is the folder opened read-write; messages are still
     * never marked seen. The server must offer {@code MOVE} or {@code UIDPLUS}; without them a
     * bounce stays where it is.
     */
    public Builder moveBouncesTo(String folder) {
      this.moveBouncesTo =
          SmtpRoute.Builder.once(
              "inbox.moveBouncesTo", this.moveBouncesTo, folderName("moveBouncesTo", folder));
      return this;
    }

    /**
     * The largest message downloaded, in bytes (default {@link
     * MailReader#DEFAULT_MAX_MESSAGE_BYTES}); a larger one is handed over as its header only and
     * logged as unreadable, so it is neither downloaded nor lost.
     */
    public Builder maxMessageBytes(int bytes) {
      if (bytes < 1024) {
        throw new InvalidInputException("inbox.maxMessageBytes", "must be at least 1024");
      }
      this.maxMessageBytes =
          SmtpRoute.Builder.once("inbox.maxMessageBytes", this.maxMessageBytes, bytes);
      return this;
    }

    /**
     * On the very first poll, when no checkpoint is stored yet, leaves the messages already in the
     * folder unread and reads only mail that arrives afterwards — for an inbox with a long history
     * whose old mail from candidates should not count as replies. By default the first poll reads
     * the whole folder.
     */
    public Builder skipExistingMail() {
      this.skipExistingMail =
          SmtpRoute.Builder.once("inbox.skipExistingMail", this.skipExistingMail, Boolean.TRUE);
      return this;
    }

    /** Builds the settings. */
    public ImapInbox build() {
      if (moveBouncesTo != null && moveBouncesTo.equalsIgnoreCase(folder())) {
        throw new InvalidInputException("inbox.moveBouncesTo", "must differ from the folder read");
      }
      return new ImapInbox(this);
    }

    private String folder() {
      return folder != null ? folder : DEFAULT_FOLDER;
    }

    private static String folderName(String field, @Nullable String name) {
      if (name == null
          || name.isBlank()
          || name.length() > 200
          || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw new InvalidInputException(
            "inbox." + field, "must be a folder name of 1 to 200 characters without controls");
      }
      return name;
    }
  }
}

package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.MailboxHold;
import dev.nudge.MailboxStatus;
import dev.nudge.NotFoundException;
import dev.nudge.Nudge;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What an inbox's login means for its sender mailbox: refused credentials (or a refused
 * certificate) hold the mailbox as disconnected, exactly as a refused SMTP login does, so that its
 * steps wait while its replies cannot be read; when the login works again, the engine is asked to
 * try the mailbox at once ({@link Nudge#reconnectMailbox}), which ends the hold if its SMTP server
 * takes it too.
 */
final class LoginHolds {
  private static final Logger LOG = InboxReader.LOG;

  private final Nudge nudge;
  private final EmailAddress address;
  private final String server;
  private boolean heldByUs;

  LoginHolds(Nudge nudge, EmailAddress address, String server) {
    this.nudge = nudge;
    this.address = address;
    this.server = server;
  }

  /** The server refused the login: holds the mailbox, unless it is held as disconnected already. */
  void refused(String reason) {
    LOG.warn("{} is held as disconnected: {}", address, reason);
    try {
      MailboxHold hold = hold();
      if (hold == null || hold.kind() != MailboxHold.Kind.DISCONNECTED) {
        nudge.disconnectMailbox(address, reason);
      }
      heldByUs = true;
    } catch (NotFoundException e) {
      LOG.warn("{} is not a registered sender mailbox; nothing to hold", address);
    } catch (RuntimeException e) {
      LOG.warn("could not hold {} as disconnected", address, e);
    }
  }

  /** The login worked: after a refusal, the mailbox is tried again at once. */
  void loggedIn() {
    if (!heldByUs) {
      return;
    }
    heldByUs = false;
    try {
      MailboxHold hold = hold();
      if (hold != null && hold.kind() == MailboxHold.Kind.DISCONNECTED) {
        boolean works = nudge.reconnectMailbox(address);
        LOG.info(
            "{} took the login of {} again; the mailbox {}",
            server,
            address,
            works ? "sends again" : "stays held: its SMTP server still refuses it");
      }
    } catch (RuntimeException e) {
      LOG.warn("could not try {} again", address, e);
    }
  }

  private @Nullable MailboxHold hold() {
    return nudge.mailboxStatus(address).map(MailboxStatus::hold).orElse(null);
  }
}

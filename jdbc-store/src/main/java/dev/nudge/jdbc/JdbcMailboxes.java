package dev.nudge.jdbc;

import dev.nudge.EmailAddress;
import dev.nudge.MailboxHold;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code nudge_mailbox} table: one row per sender mailbox, its settings, send counters and
 * hold, replaced by compare-and-set on the version. Rows of different mailboxes never wait for each
 * other.
 */
final class JdbcMailboxes implements MailboxRepository {
  private static final String COLUMNS =
      "address, address_text, display_name, time_zone, daily_cap, minimum_gap, count_day, sent_on_day,"
          + " last_send, queued, hold_kind, hold_reason, hold_since, hold_retry_at, hold_failures,"
          + " version";
  private static final String FIND = "SELECT " + COLUMNS + " FROM nudge_mailbox WHERE address = ?";
  private static final String FIND_ALL =
      "SELECT " + COLUMNS + " FROM nudge_mailbox ORDER BY address";
  private static final String INSERT =
      "INSERT INTO nudge_mailbox (address_text, display_name, time_zone, daily_cap, minimum_gap,"
          + " count_day, sent_on_day, last_send, queued, hold_kind, hold_reason, hold_since,"
          + " hold_retry_at, hold_failures, version, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?)";
  private static final String UPDATE =
      "UPDATE nudge_mailbox SET address_text = ?, display_name = ?, time_zone = ?, daily_cap = ?,"
          + " minimum_gap = ?, count_day = ?, sent_on_day = ?, last_send = ?, queued = ?,"
          + " hold_kind = ?, hold_reason = ?, hold_since = ?, hold_retry_at = ?,"
          + " hold_failures = ?, version = ? WHERE address = ? AND version = ?";

  private final Tx tx;
  private final Dialect dialect;

  JdbcMailboxes(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public Optional<MailboxState> find(EmailAddress address) {
    List<MailboxState> found =
        tx.read(
            "read a sender mailbox",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, address.key());
                return list(ps);
              }
            });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<MailboxState> find(Collection<EmailAddress> addresses) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    return tx.read(
        "read sender mailboxes",
        c -> {
          List<MailboxState> found = new ArrayList<>(addresses.size());
          for (List<EmailAddress> chunk : JdbcEnrollments.chunks(new ArrayList<>(addresses))) {
            String sql =
                "SELECT "
                    + COLUMNS
                    + " FROM nudge_mailbox WHERE address IN ("
                    + JdbcEnrollments.markers(chunk.size())
                    + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = 1;
              for (EmailAddress a : chunk) {
                ps.setString(i++, a.key());
              }
              found.addAll(list(ps));
            }
          }
          return found;
        });
  }

  @Override
  public List<Boolean> compareAndSetAll(List<MailboxState> next) {
    if (next.isEmpty()) {
      return List.of();
    }
    // rows are written, and locked, in one order, by address: two engines whose batches write
    // the same mailboxes wait for one another instead of each holding a row the other needs
    Integer[] order = new Integer[next.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing((Integer i) -> next.get(i).key()));
    return tx.read(
        "update sender mailboxes",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (int i : order) {
              MailboxState s = next.get(i);
              bind(ps, s);
              ps.setLong(17, s.version() - 1);
              ps.addBatch();
            }
            int[] counts = Tx.counts(ps);
            List<Boolean> done = new ArrayList<>(Collections.nCopies(counts.length, false));
            for (int k = 0; k < counts.length; k++) {
              done.set(order[k], counts[k] == 1);
            }
            return done;
          }
        });
  }

  @Override
  public List<MailboxState> findAll() {
    return tx.read(
        "read the sender mailboxes",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND_ALL)) {
            return list(ps);
          }
        });
  }

  @Override
  public boolean insert(MailboxState mailbox) {
    return tx.read(
        "register a sender mailbox",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, mailbox);
            return ps.executeUpdate() == 1;
          } catch (SQLException e) {
            if (dialect.isDuplicate(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public boolean compareAndSet(MailboxState next) {
    return tx.read(
        "update a sender mailbox",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            bind(ps, next);
            ps.setLong(17, next.version() - 1);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Binds the 16 values shared by {@link #INSERT} and {@link #UPDATE}; the key is the last. */
  private void bind(PreparedStatement ps, MailboxState s) throws SQLException {
    SenderMailbox m = s.mailbox();
    ps.setString(1, m.address().value());
    ps.setString(2, m.displayName());
    ps.setString(3, m.zone().getId());
    ps.setInt(4, m.dailyCap());
    ps.setString(5, m.minimumGap().toString());
    if (s.day() == null) {
      ps.setNull(6, Types.DATE);
    } else {
      ps.setObject(6, s.day());
    }
    ps.setInt(7, s.sentOnDay());
    dialect.setInstant(ps, 8, s.lastSend());
    ps.setInt(9, s.queued());
    MailboxHold hold = s.hold();
    ps.setString(10, hold == null ? null : hold.kind().name());
    ps.setString(11, hold == null ? null : hold.reason());
    dialect.setInstant(ps, 12, hold == null ? null : hold.since());
    dialect.setInstant(ps, 13, hold == null ? null : hold.retryAt());
    if (hold == null) {
      ps.setNull(14, Types.INTEGER);
    } else {
      ps.setInt(14, hold.failures());
    }
    ps.setLong(15, s.version());
    ps.setString(16, s.key());
  }

  private List<MailboxState> list(PreparedStatement ps) throws SQLException {
    List<MailboxState> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        SenderMailbox mailbox =
            new SenderMailbox(
                new EmailAddress(rs.getString("address_text")),
                rs.getString("display_name"),
                rs.getInt("daily_cap"),
                Duration.parse(rs.getString("minimum_gap")),
                ZoneId.of(rs.getString("time_zone")));
        String kind = rs.getString("hold_kind");
        MailboxHold hold =
            kind == null
                ? null
                : new MailboxHold(
                    MailboxHold.Kind.valueOf(kind),
                    rs.getString("hold_reason"),
                    required(dialect.getInstant(rs, "hold_since")),
                    required(dialect.getInstant(rs, "hold_retry_at")),
                    rs.getInt("hold_failures"));
        found.add(
            new MailboxState(
                mailbox,
                rs.getObject("count_day", LocalDate.class),
                rs.getInt("sent_on_day"),
                dialect.getInstant(rs, "last_send"),
                rs.getInt("queued"),
                hold,
                rs.getLong("version")));
      }
    }
    return found;
  }

  private static Instant required(@org.jspecify.annotations.Nullable Instant t) {
    return Objects.requireNonNull(t);
  }
}

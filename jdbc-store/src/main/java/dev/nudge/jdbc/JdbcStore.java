package dev.nudge.jdbc;

import dev.nudge.InvalidInputException;
import dev.nudge.StoreException;
import dev.nudge.spi.store.ActivityLog;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Checkpoints;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.InboundLog;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.store.SuppressionList;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Store} in a relational database: H2 (the embedded default), PostgreSQL (several engines
 * on one database) or MariaDB. Built on a {@link DataSource} the host owns and pools; every commit
 * is one transaction. A commit the database rolls back to end a deadlock with another transaction
 * is refused with a {@link ConflictException} (nothing was written), and the engine decides again
 * on fresh reads. Thread-safe.
 *
 * <pre>{@code
 * Store store = JdbcStore.builder(dataSource).migrateSchema(true).build();
 * }</pre>
 */
public final class JdbcStore implements Store {
  private final JdbcDialect dialect;
  private final Dialect strategy;
  private final Tx tx;
  private final Committer committer;
  private final JdbcCampaigns campaigns;
  private final JdbcEnrollments enrollments;
  private final JdbcDueSteps dueSteps;
  private final JdbcSuppressions suppressions;
  private final JdbcMailboxes mailboxes;
  private final JdbcActivity activity;
  private final JdbcCheckpoints checkpoints;
  private final JdbcInbound inbound;
  private final Statistics statistics;
  private final @Nullable StaleEntries staleEntries;

  private JdbcStore(DataSource dataSource, JdbcDialect dialect, boolean engineClock) {
    Dialect d = dialect.strategy(engineClock);
    this.strategy = d;
    this.dialect = dialect;
    this.tx = new Tx(dataSource);
    EnrollmentRows rows = new EnrollmentRows(d);
    this.campaigns = new JdbcCampaigns(tx, d);
    ViewCounts viewCounts = new ViewCounts(d);
    this.enrollments = new JdbcEnrollments(tx, d, rows, viewCounts);
    this.inbound = new JdbcInbound(tx, d);
    this.statistics = new Statistics(tx, d);
    this.committer = new Committer(d, rows, campaigns, inbound, viewCounts);
    this.dueSteps = new JdbcDueSteps(tx, d);
    this.suppressions = new JdbcSuppressions(tx, d);
    this.mailboxes = new JdbcMailboxes(tx, d);
    this.activity = new JdbcActivity(tx, d);
    this.checkpoints = new JdbcCheckpoints(tx, d);
    this.staleEntries = d.keepsStaleEntries() ? new StaleEntries(tx, d) : null;
  }

  /** Starts a store on the host's data source. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The database this store speaks to. */
  public JdbcDialect dialect() {
    return dialect;
  }

  @Override
  public CampaignRepository campaigns() {
    return campaigns;
  }

  @Override
  public EnrollmentRepository enrollments() {
    return enrollments;
  }

  @Override
  public DueSteps dueSteps() {
    return dueSteps;
  }

  @Override
  public SuppressionList suppressions() {
    return suppressions;
  }

  @Override
  public MailboxRepository mailboxes() {
    return mailboxes;
  }

  @Override
  public ActivityLog activity() {
    return activity;
  }

  @Override
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  @Override
  public InboundLog inbound() {
    return inbound;
  }

  @Override
  public void commit(Changes changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<StaleEntries.Entry> stale;
    try {
      stale = tx.write("commit changes", c -> committer.apply(c, changes));
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && strategy.isRolledBack(s)) {
        // the commit failed on another transaction (a deadlock, a serialization conflict, a lock
        // waited for too long) and was rolled back: nothing was written, and deciding again on
        // fresh reads is the way out, as after any concurrent change
        ConflictException conflict =
            new ConflictException(
                ConflictException.Kind.VERSION,
                "the commit was rolled back after a conflict with another transaction"
                    + " (SQL state "
                    + s.getSQLState()
                    + ")");
        conflict.initCause(s);
        throw conflict;
      }
      throw e;
    }
    statistics.inserted(changes.insertedEnrollments().size());
    if (staleEntries != null) {
      staleEntries.left(stale);
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + dialect + "]";
  }

  /** Collects the settings of a {@link JdbcStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable JdbcDialect dialect;
    private boolean migrate;
    private boolean engineClock;

    private Builder(DataSource dataSource) {
      if (dataSource == null) {
        throw new InvalidInputException("dataSource", "is required");
      }
      this.dataSource = dataSource;
    }

    /** The database, when it should not be detected from the connection's metadata. */
    public Builder dialect(JdbcDialect dialect) {
      if (dialect == null) {
        throw new InvalidInputException("dialect", "must not be null");
      }
      this.dialect = dialect;
      return this;
    }

    /**
     * Whether {@link #build()} applies the schema versions the database lacks (from the SQL files
     * in this jar, {@code dev/nudge/jdbc/schema/<database>/}), one node at a time. Off by default:
     * a host that runs Flyway or Liquibase applies the same files itself.
     */
    public Builder migrateSchema(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Compares due and lease times with the time the engine passes instead of the database's clock
     * (PostgreSQL, MariaDB): for tests and demos that move a {@code SettableClock}. Off by default,
     * so that an engine with a skewed clock cannot take a live lease; H2 always uses the engine's
     * time.
     */
    public Builder useEngineClock() {
      this.engineClock = true;
      return this;
    }

    /**
     * Builds the store: detects the database, migrates when asked, and checks the schema version.
     *
     * @throws StoreException when the database cannot be reached, its schema is missing, older or
     *     newer than this code's (naming both versions), or the data source's sessions are set so
     *     that the store cannot keep its promises: an isolation level it is not tested at (above
     *     READ COMMITTED on H2 and PostgreSQL, SERIALIZABLE or READ UNCOMMITTED on MariaDB), or on
     *     MariaDB a {@code sql_mode} that is not strict; or connections that are read-only (a pool
     *     set to read only where the driver keeps to it, a PostgreSQL replica or {@code
     *     default_transaction_read_only}, a MariaDB session set to {@code TRANSACTION READ ONLY}, a
     *     MariaDB server set to {@code read_only} that refuses the pool's user)
     */
    public JdbcStore build() {
      JdbcDialect d = dialect;
      if (d == null) {
        try (Connection c = dataSource.getConnection()) {
          d = JdbcDialect.of(c.getMetaData());
        } catch (SQLException e) {
          throw Tx.failed("reach the database", e);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("dataSource", String.valueOf(e.getMessage()));
        }
      }
      JdbcStore store = new JdbcStore(dataSource, d, engineClock);
      Schema.ensure(store.tx, store.strategy, migrate);
      return store;
    }
  }

  static ConflictException conflict(ConflictException.Kind kind, String message) {
    return new ConflictException(kind, message);
  }
}

package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned schema: SQL files per database inside the jar ({@code
 * dev/nudge/jdbc/schema/<database>/V<n>__nudge.sql}), a version table, and an opt-in migrator that
 * applies what is missing while other nodes wait for it. Without migration, a schema that is
 * missing, older or newer than this code is refused, naming both versions.
 */
final class Schema {
  /** The schema version this code reads and writes. */
  static final int VERSION = 1;

  private static final Logger log = LoggerFactory.getLogger("dev.nudge.store");

  private Schema() {}

  /**
   * Checks the schema, migrating it first when asked; warns of settings that will slow the store
   * down as it runs.
   */
  static void ensure(Tx tx, Dialect dialect, boolean migrate) {
    tx.read(
        "check the schema",
        c -> {
          dialect.checkSession(c);
          if (migrate) {
            dialect.lockSchema(c);
            try {
              migrate(c, dialect);
            } finally {
              dialect.unlockSchema(c);
            }
          }
          int found = checkedVersion(c, dialect);
          if (found != VERSION) {
            throw mismatch(dialect, found);
          }
          String upkeep = upkeepWarning(c, dialect);
          if (upkeep != null) {
            log.warn(upkeep);
          }
          return Boolean.TRUE;
        });
  }

  /** The dialect's warning; a server that cannot tell is not refused for it. */
  private static @Nullable String upkeepWarning(Connection c, Dialect dialect) {
    try {
      return dialect.upkeepWarning(c);
    } catch (SQLException e) {
      log.debug("could not read the settings that keep the tables tidy: {}", e.toString());
      return null;
    }
  }

  private static void migrate(Connection c, Dialect dialect) throws SQLException {
    int found = checkedVersion(c, dialect);
    if (found > VERSION) {
      throw mismatch(dialect, found);
    }
    for (int v = found + 1; v <= VERSION; v++) {
      apply(c, dialect, v);
      log.info("Nudge schema version {} applied ({})", v, dialect.name());
    }
  }

  /**
   * The applied version, 0 when there is no schema; refused when the schema's tables are there but
   * their version is not (applying the first file over them would fail on its first table, and
   * dropping them may lose a host's data).
   */
  private static int checkedVersion(Connection c, Dialect dialect) throws SQLException {
    int found = version(c, dialect);
    if (found == 0 && dialect.tableExists(c, "nudge_campaign")) {
      throw unversioned(dialect);
    }
    return found;
  }

  /** The applied version: 0 when there is no schema. */
  static int version(Connection c, Dialect dialect) throws SQLException {
    if (!dialect.tableExists(c, "nudge_schema_version")) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM nudge_schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void apply(Connection c, Dialect dialect, int version) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    int applied = 0;
    try {
      // each file ends by recording its version in nudge_schema_version
      try (Statement s = c.createStatement()) {
        for (String sql : statements(read(dialect.schemaResource(version)))) {
          s.execute(sql);
          applied++;
        }
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      if (dialect.isReadOnlyRefusal(e) && (applied == 0 || dialect.rollsBackSchemaChanges())) {
        // refused before anything was made
        throw dialect.readOnlyConnections(e);
      }
      if (dialect.rollsBackSchemaChanges()) {
        throw e;
      }
      if (applied == 0) {
        throw new StoreException(
            "applying Nudge schema version "
                + version
                + " failed at its first statement (SQL state "
                + e.getSQLState()
                + "); this attempt made nothing, but if nudge_ tables are left from an earlier"
                + " one, drop them, then try again",
            e);
      }
      throw new StoreException(
          "applying Nudge schema version "
              + version
              + " failed part way (SQL state "
              + e.getSQLState()
              + "), and "
              + dialect.name()
              + " keeps the tables made before the failure: drop the nudge_ tables it left, then"
              + " try again",
          e);
    } catch (RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Tables of the schema without the row that says which version they are. */
  private static StoreException unversioned(Dialect dialect) {
    return new StoreException(
        "the database holds Nudge tables (nudge_campaign and others) but nudge_schema_version"
            + " records no version, so the store neither reads them nor applies "
            + dialect.schemaResource(1)
            + " over them: if they were made from that file, record it (INSERT INTO"
            + " nudge_schema_version (version, applied_at) VALUES (1, CURRENT_TIMESTAMP), after"
            + " creating that table as the file does if it is gone); if they are what a failed"
            + " migration left, drop the nudge_ tables, then try again",
        null);
  }

  private static StoreException mismatch(Dialect dialect, int found) {
    String file = dialect.schemaResource(VERSION);
    String message =
        found == 0
            ? "the database has no Nudge schema (version none); this code needs version "
                + VERSION
                + ": build the store with migrateSchema(true), or apply "
                + file
                + " from the nudge-jdbc jar"
            : found < VERSION
                ? "the database's Nudge schema is version "
                    + found
                    + ", older than version "
                    + VERSION
                    + " this code needs: build the store with migrateSchema(true), or apply the"
                    + " files after version "
                    + found
                    + " in dev/nudge/jdbc/schema/"
                    + dialect.name()
                : "the database's Nudge schema is version "
                    + found
                    + ", newer than version "
                    + VERSION
                    + " this code knows: use a newer nudge-jdbc";
    return new StoreException(message, null);
  }

  static String read(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("schema file " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** The statements of a script: split at semicolons that end a line; comments dropped. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}

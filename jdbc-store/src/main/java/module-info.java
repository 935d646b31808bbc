/** Nudge's JDBC store: {@link dev.nudge.jdbc.JdbcStore} on H2, PostgreSQL or MariaDB. */
module dev.nudge.jdbc {
  requires transitive dev.nudge.core;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.nudge.jdbc;
}

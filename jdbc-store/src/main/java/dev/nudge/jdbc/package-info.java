/**
 * The JDBC store: {@link dev.nudge.jdbc.JdbcStore} keeps Nudge's data in H2, PostgreSQL or MariaDB.
 */
@NullMarked
package dev.nudge.jdbc;

import org.jspecify.annotations.NullMarked;

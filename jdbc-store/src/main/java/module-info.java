/** Nudge adapter module; its public entry class arrives with the adapter. */
module dev.nudge.jdbc {
  requires dev.nudge.core;
  requires java.sql;
}

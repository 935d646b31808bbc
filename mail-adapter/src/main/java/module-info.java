/** Nudge adapter module; its public entry class arrives with the adapter. */
module dev.nudge.mail {
  requires dev.nudge.core;
  requires jakarta.mail;
}

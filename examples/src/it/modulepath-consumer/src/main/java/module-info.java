/** The quick start as a named module: nudge-core on the module path. */
module quickstart {
  requires dev.nudge.core;
}

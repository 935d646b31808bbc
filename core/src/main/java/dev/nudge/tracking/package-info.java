/**
 * The web side of tracking, for hosts to serve: the open pixel and the unsubscribe page with its
 * RFC 8058 one-click POST, as {@link dev.nudge.tracking.TrackingEndpoints} that any web framework
 * can call, and {@link dev.nudge.tracking.JdkHttpTracking} for the JDK's built-in HTTP server.
 */
@NullMarked
package dev.nudge.tracking;

import org.jspecify.annotations.NullMarked;

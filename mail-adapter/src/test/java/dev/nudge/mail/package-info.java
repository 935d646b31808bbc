/** Tests of the SMTP transport against real servers on local ports. */
@NullMarked
package dev.nudge.mail;

import org.jspecify.annotations.NullMarked;

package org.messenger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Client commands print for people, so library INFO logs stay out of their output. */
final class CliLogging {
    private CliLogging() {}

    /** Only warnings and errors, unless {@code -Dmessenger.log.level=...} asked for something else. */
    static void quietForClients() {
        if (System.getProperty("messenger.log.level") != null) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}

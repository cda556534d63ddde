package org.messenger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * How every {@code messenger} command logs, set up in code (found by Logback through
 * {@code META-INF/services}): one line per event on stderr, so that a client's stdout stays clean
 * for scripts. Logback's XML configuration (Joran, with {@code java.xml} behind it: about 400
 * classes) cost a one-shot command more than all its own work; this builds the same appender.
 *
 * <p>{@code -Dmessenger.log.level=LEVEL} sets the root level (default INFO; client commands then
 * lower it to WARN, see {@link CliLogging}). A {@code logback.configurationFile} property or a
 * {@code logback-test.xml} on the class path still wins: then Logback's own configurators run.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** Time, level, a shortened logger name and the message: what the server's log has always looked like. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final String LEVEL_PROPERTY = "messenger.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureConsole(context, System.getProperty(LEVEL_PROPERTY));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The stderr appender and the levels; {@code rootLevel} null or unknown means INFO. */
    static void configureConsole(LoggerContext context, String rootLevel) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("io.netty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(rootLevel, Level.INFO));
        root.addAppender(stderr);
    }
}

package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The log set up in code looks and filters as the XML configuration it replaced did. */
class ConsoleLogConfiguratorTest {

    @Test
    void writesOneLinePerEventToStderrInTheServersFormat() {
        LoggerContext context = newContext();
        ConsoleLogConfigurator.configureConsole(context, null);

        String logged = stderrOf(() -> context.getLogger("org.messenger.irc.server.IrcServer").info("serving IRC on {}", "127.0.0.1:1"));

        assertThat(logged).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  o\\.m\\.i\\.s\\.IrcServer - serving IRC on 127\\.0\\.0\\.1:1\\R");
    }

    @Test
    void logsInfoAndAboveByDefault() {
        LoggerContext context = newContext();
        ConsoleLogConfigurator.configureConsole(context, null);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(stderrOf(() -> context.getLogger("org.messenger.x").debug("hidden"))).isEmpty();
    }

    @Test
    void theLevelPropertySetsTheRootLevel() {
        LoggerContext context = newContext();
        ConsoleLogConfigurator.configureConsole(context, "TRACE");

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.TRACE);
    }

    @Test
    void nettyLogsOnlyWarningsEvenWhenEverythingElseIsVerbose() {
        LoggerContext context = newContext();
        ConsoleLogConfigurator.configureConsole(context, "DEBUG");

        assertThat(stderrOf(() -> context.getLogger("io.netty.channel.nio.NioIoHandler").info("noise"))).isEmpty();
        assertThat(stderrOf(() -> context.getLogger("io.netty.channel.nio.NioIoHandler").warn("trouble"))).contains("trouble");
    }

    @Test
    void aLogbackTestFileOnTheClassPathStillWins() {
        // This module's tests have one (src/test/resources/logback-test.xml): Logback's own configurators must read it.
        LoggerContext context = newContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    /** A context as Logback's service provider makes it, before any configurator ran. */
    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    private static String stderrOf(Runnable logging) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            logging.run();
        } finally {
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

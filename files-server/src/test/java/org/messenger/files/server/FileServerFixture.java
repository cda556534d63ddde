package org.messenger.files.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.ports.PortRange;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.testkit.FreeUdpPorts;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/** A chat server with the file service on 127.0.0.1: ephemeral TCP port, a free UDP port range. */
public final class FileServerFixture implements AutoCloseable {
    public final IrcServer irc;
    public final FileService files;
    public final PortRange ports;

    private FileServerFixture(IrcServer irc, FileService files, PortRange ports) {
        this.irc = irc;
        this.files = files;
        this.ports = ports;
    }

    public static FileServerFixture start(Path shared, int portCount, Duration maxPortWait) throws Exception {
        return start(shared, portCount, maxPortWait, null);
    }

    public static FileServerFixture start(Path shared, int portCount, Duration maxPortWait, NetemSpec netem) throws Exception {
        return start(shared, portCount, netem, config -> config.withMaxPortWait(maxPortWait));
    }

    /** A server whose file-service settings are the defaults changed by {@code settings} (the ports are always free ones). */
    public static FileServerFixture start(Path shared, int portCount, NetemSpec netem, UnaryOperator<FileServiceConfig> settings)
            throws Exception {
        PortRange ports = freeUdpRange(portCount);
        FileService files = new FileService(new FileCatalogue(shared),
                settings.apply(FileServiceConfig.defaults()).withPorts(ports),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), netem), TimeSource.system());
        IrcServer irc = IrcServer.start(IrcServerConfig.builder()
                .bindAddress("127.0.0.1").port(0).serverName("test.server")
                // Tests send commands faster than a person types; keep flood control out of the way.
                .floodCostPerMessage(Duration.ofMillis(1))
                .extension(files)
                .build());
        return new FileServerFixture(irc, files, ports);
    }

    public int port() {
        return irc.port();
    }

    /** {@code count} consecutive UDP ports that are free on 127.0.0.1 right now. */
    public static PortRange freeUdpRange(int count) throws IOException {
        int first = FreeUdpPorts.consecutive(count);
        return new PortRange(first, first + count - 1);
    }

    @Override
    public void close() {
        irc.close();
        files.close();
    }
}

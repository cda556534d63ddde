package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.ports.PortRange;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
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
        PortRange ports = freeUdpRange(portCount);
        FileService files = new FileService(new FileCatalogue(shared),
                FileServiceConfig.defaults().withPorts(ports).withMaxPortWait(maxPortWait),
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
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 60000 - count);
            List<DatagramChannel> probes = new ArrayList<>();
            try {
                for (int port = first; port < first + count; port++) {
                    DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET);
                    probes.add(probe);
                    probe.bind(new InetSocketAddress("127.0.0.1", port));
                }
                return new PortRange(first, first + count - 1);
            } catch (IOException taken) {
                // Someone uses one of these; try another stretch.
            } finally {
                for (DatagramChannel probe : probes) {
                    probe.close();
                }
            }
        }
        throw new IOException("no " + count + " consecutive free UDP ports found on 127.0.0.1");
    }

    @Override
    public void close() {
        irc.close();
        files.close();
    }
}

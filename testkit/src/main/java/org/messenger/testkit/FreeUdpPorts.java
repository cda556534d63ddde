package org.messenger.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UDP ports free on 127.0.0.1 right now, for tests that hand a server a fixed port or range
 * (the file server lends its ports to clients, so it cannot bind port 0).
 */
public final class FreeUdpPorts {
    private FreeUdpPorts() {
    }

    /** One free port. */
    public static int one() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /** The first of {@code count} consecutive free ports. */
    public static int consecutive(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 60000 - count);
            List<DatagramChannel> probes = new ArrayList<>();
            try {
                for (int port = first; port < first + count; port++) {
                    DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET);
                    probes.add(probe);
                    probe.bind(new InetSocketAddress("127.0.0.1", port));
                }
                return first;
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
}

package org.messenger.bench.chat;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

/** An IRC server already running, e.g. ngircd; found by address, measured through /proc when its process is visible. */
record ExternalServer(String name, InetSocketAddress address, OptionalLong pid) implements ServerUnderTest {

    @Override
    public String description() {
        return "already running at " + address.getHostString() + ":" + address.getPort()
                + (pid.isPresent() ? ", process " + pid.getAsLong() : ", process not found (no CPU or memory figures)");
    }

    @Override
    public long collectGarbage() {
        return -1;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}

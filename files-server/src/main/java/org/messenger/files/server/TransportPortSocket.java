package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferSocket;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.netem.NetemSpec;

/** A {@link PortSocket} on the real transport: one {@link TransferSocket} bound to the leased port. */
public final class TransportPortSocket implements PortSocket {
    private final TransferSocket socket;

    private TransportPortSocket(TransferSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens ports on {@code bindAddress} (the chat server's address) with {@code config}, their
     * egress impaired by {@code netem} (null for none).
     */
    public static PortSocket.Opener opener(String bindAddress, TransferConfig config, NetemSpec netem) {
        return port -> {
            try {
                return new TransportPortSocket(TransferSocket.open(new InetSocketAddress(bindAddress, port), config, netem));
            } catch (IOException e) {
                throw new IOException("cannot bind UDP " + bindAddress + ":" + port + " (" + e.getMessage()
                        + "); is another program using it? Give the server other transfer ports", e);
            }
        };
    }

    @Override
    public TransferHandle send(FileChannel source, ByteRanges ranges, TransferTicket ticket, InetSocketAddress expectedPeer,
            TransferListener listener) {
        return socket.send(source, ranges, ticket, expectedPeer, listener);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

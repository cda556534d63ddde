package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferTicket;

/**
 * The transport bound to one leased UDP port: the file service offers files through it. One per
 * leased port, closed when the port goes back to the pool.
 */
public interface PortSocket extends AutoCloseable {
    /** Offers {@code ranges} of {@code source} to whoever presents {@code ticket} from {@code expectedPeer}'s IP. */
    TransferHandle send(FileChannel source, ByteRanges ranges, TransferTicket ticket, InetSocketAddress expectedPeer,
            TransferListener listener);

    @Override
    void close() throws IOException;

    /** Opens the transport on a port of the pool. */
    @FunctionalInterface
    interface Opener {
        PortSocket open(int port) throws IOException;
    }
}

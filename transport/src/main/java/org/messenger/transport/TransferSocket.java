package org.messenger.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import org.messenger.transport.io.SocketDriver;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/**
 * The transport as an application uses it: one UDP socket, its I/O thread, and every transfer
 * through it, in both directions.
 *
 * <pre>{@code
 * // File owner (has a public UDP port): offer a file, send the ticket over the chat connection.
 * TransferSocket server = TransferSocket.open(new InetSocketAddress(0), TransferConfig.defaults());
 * TransferTicket ticket = TransferTicket.random();
 * TransferHandle up = server.send(FileChannel.open(file), ByteRanges.whole(size), ticket, null, listener);
 * chat.sendPrivate(peer, "OFFER " + server.localAddress().getPort() + " " + ticket.encode());
 *
 * // Downloader: got port and ticket over chat; fetches what it is missing.
 * TransferSocket client = TransferSocket.open(new InetSocketAddress(0), TransferConfig.defaults());
 * ReceiveHandle down = client.receive(FileChannel.open(part, READ, WRITE, CREATE), missing,
 *         new InetSocketAddress(host, port), TransferTicket.decode(text), listener);
 * down.completion().get();
 * }</pre>
 */
public final class TransferSocket implements AutoCloseable {
    private final TransferEndpoint endpoint;
    private final SocketDriver driver;

    private TransferSocket(TransferEndpoint endpoint, SocketDriver driver) {
        this.endpoint = endpoint;
        this.driver = driver;
    }

    public static TransferSocket open(InetSocketAddress bind, TransferConfig config) throws IOException {
        return open(bind, config, null);
    }

    /**
     * Opens a socket on {@code bind}. {@code egressImpairment}: null, or a netem spec applied to
     * every datagram this socket sends (for tests and benchmarks on one machine).
     */
    public static TransferSocket open(InetSocketAddress bind, TransferConfig config, NetemSpec egressImpairment)
            throws IOException {
        TimeSource clock = TimeSource.system();
        TransferEndpoint endpoint = new TransferEndpoint(config, clock);
        SocketDriver driver = new SocketDriver(bind, endpoint, clock, egressImpairment,
                "transfer-socket-" + bind.getPort());
        endpoint.setWakeup(driver::wakeup);
        driver.start();
        return new TransferSocket(endpoint, driver);
    }

    public InetSocketAddress localAddress() {
        return driver.localAddress();
    }

    /** See {@link TransferEndpoint#send}. */
    public TransferHandle send(FileChannel source, ByteRanges ranges, TransferTicket ticket,
            InetSocketAddress expectedPeer, TransferListener listener) {
        return endpoint.send(source, ranges, ticket, expectedPeer, listener);
    }

    /** See {@link TransferEndpoint#receive}. */
    public ReceiveHandle receive(FileChannel target, ByteRanges wanted, InetSocketAddress sender,
            TransferTicket ticket, TransferListener listener) {
        return endpoint.receive(target, wanted, sender, ticket, listener);
    }

    public EndpointCounters counters() {
        return endpoint.counters();
    }

    public SocketDriver driver() {
        return driver;
    }

    /** Closes every transfer (CLOSE to peers), then the socket. */
    @Override
    public void close() throws IOException {
        endpoint.shutdown();
        driver.close();
    }
}

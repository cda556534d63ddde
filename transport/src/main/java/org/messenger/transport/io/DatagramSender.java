package org.messenger.transport.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The way out for datagrams an endpoint produces: a real socket, a socket behind the impairment
 * layer, or a link of the simulated network.
 */
@FunctionalInterface
public interface DatagramSender {
    /**
     * Sends one datagram: the bytes between {@code datagram}'s position and limit. The buffer is
     * only lent for the call; an implementation that keeps the bytes (a delay line, a simulated
     * queue) copies them. Returns false when the datagram cannot be taken now (the socket's send
     * buffer is full); the caller keeps it and tries again on its next turn, which a driver on a
     * real socket starts as soon as the socket can take more.
     */
    boolean send(ByteBuffer datagram, InetSocketAddress to);
}

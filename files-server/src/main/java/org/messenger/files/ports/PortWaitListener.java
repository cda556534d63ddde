package org.messenger.files.ports;

/**
 * What the pool tells a waiting transfer. Calls for one pool arrive one at a time, in order, on
 * the thread that caused them (a request, a release, an expiry sweep); they must not block.
 */
public interface PortWaitListener {
    /**
     * No port is free: the request waits. Called when it starts waiting and each time clients
     * ahead of it leave the queue. {@code ahead} counts clients, not transfers.
     */
    void queued(int ahead);

    /** The transfer may use {@code port} (the client's port, shared by all its transfers). */
    void leased(int port);

    /** The request waited the pool's maximum time and gave up; it holds nothing. */
    void timedOut(long waitedNanos);
}

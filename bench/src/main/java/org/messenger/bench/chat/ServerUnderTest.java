package org.messenger.bench.chat;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

/** A chat server the load runs against: one we spawned, or one already running at {@code --against}. */
interface ServerUnderTest extends AutoCloseable {
    /** Short name for tables and JSON: "messenger", "relay", "ngircd". */
    String name();

    /** One line on what it is and how it runs (JVM flags, limits changed for the bench). */
    String description();

    InetSocketAddress address();

    /** True when clients must speak TLS to it. */
    default boolean tls() {
        return false;
    }

    /** The TLS engine the server uses (OPENSSL or JDK), or null when unknown or not TLS. */
    default String tlsEngine() {
        return null;
    }

    /** Its process, for CPU and memory; empty when unknown (then those figures are not shown). */
    OptionalLong pid();

    /**
     * Asks the server to collect garbage before memory is read, so that resident memory reflects
     * what it keeps rather than what it has not yet swept. Returns its live heap in bytes after
     * the collection, or -1 when the server cannot be asked (not a JVM we started).
     */
    long collectGarbage() throws InterruptedException;

    /**
     * Milliseconds the server's JIT compilers have worked since it started, or -1 when it cannot
     * be asked (not a JVM we started).
     */
    default long compilationMillis() throws InterruptedException {
        return -1;
    }

    /** The heap the JVM kept after the last {@link #collectGarbage()}, or -1 when not a JVM we started. */
    default long committedHeap() {
        return -1;
    }

    @Override
    void close();
}

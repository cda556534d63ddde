package org.messenger.irc.server;

import io.netty.buffer.ByteBuf;
import org.messenger.chat.HubEvent;

/**
 * Encodes a hub event once for all its recipients. A lobby message or a JOIN goes to every member
 * as the same line, except for what a recipient's capabilities add (server-time, client tags, account-tag, extended-join),
 * so the bytes are formatted once per event and variant and copied into each recipient's buffer
 * for the I/O turn (or, from another thread, handed over as a retained duplicate): with 10,000
 * members one JOIN is one formatting and 10,000 small copies.
 *
 * <p>Holds only the last event's buffers. The hub calls sessions under its lock, so this lock is
 * not contended; it exists for the few deliveries made outside the hub (echo-message).
 */
final class SharedEncoding {
    /** Variants: bit 0 server-time, bit 1 message-tags, bit 2 account-tag, bit 3 extended-join. */
    private final ByteBuf[] encoded = new ByteBuf[16];
    private HubEvent event;

    /** The bytes of {@code forEvent} as {@code connection} should get them; the caller owns the returned buffer. */
    synchronized ByteBuf encode(HubEvent forEvent, IrcConnection connection) {
        return shared(forEvent, connection).retainedDuplicate();
    }

    /**
     * Copies the bytes of {@code forEvent} as {@code connection} should get them into its turn's
     * buffer (its I/O thread only); {@code urgent} as in {@link IrcConnection#appendCopy(ByteBuf, boolean)}.
     */
    synchronized void appendTo(HubEvent forEvent, IrcConnection connection, boolean urgent) {
        connection.appendCopy(shared(forEvent, connection), urgent);
    }

    private ByteBuf shared(HubEvent forEvent, IrcConnection connection) {
        if (forEvent != event) {
            releaseAll();
            event = forEvent;
        }
        int variant = connection.encodingVariant();
        ByteBuf bytes = encoded[variant];
        if (bytes == null) {
            bytes = connection.encodeEvent(forEvent);
            encoded[variant] = bytes;
        }
        return bytes;
    }

    /** Lets go of the last event's buffers (server stop). */
    synchronized void clear() {
        releaseAll();
        event = null;
    }

    private void releaseAll() {
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] != null) {
                encoded[i].release();
                encoded[i] = null;
            }
        }
    }
}

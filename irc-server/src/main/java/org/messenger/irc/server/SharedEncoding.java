package org.messenger.irc.server;

import io.netty.buffer.ByteBuf;
import java.util.List;
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
    /** The last presence batch's shared list, its lines per variant, and where each line starts. */
    private List<HubEvent> batchEvents;
    private final ByteBuf[] batchBytes = new ByteBuf[16];
    private final int[][] batchOffsets = new int[16][];

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

    /**
     * Queues the lines of {@code batch} that {@code connection} is to be told (from the batch's
     * {@code from} on), as lines that leave this turn: a slice of the shared bytes, or a copy
     * behind what the connection already has queued ({@link IrcConnection#appendShared}). I/O thread only.
     */
    synchronized void appendTo(HubEvent.PresenceBatch batch, IrcConnection connection) {
        int variant = connection.encodingVariant();
        ByteBuf lines = batchLines(batch, connection, variant);
        int start = batchOffsets[variant][batch.from()];
        connection.appendShared(lines, start, lines.writerIndex() - start);
    }

    /** The lines of {@code batch} {@code connection} is to be told, as a buffer the caller owns. */
    synchronized ByteBuf encode(HubEvent.PresenceBatch batch, IrcConnection connection) {
        int variant = connection.encodingVariant();
        ByteBuf lines = batchLines(batch, connection, variant);
        int start = batchOffsets[variant][batch.from()];
        return lines.retainedSlice(start, lines.writerIndex() - start);
    }

    /**
     * Every line of the batch's shared list, in one buffer per variant, with where each starts:
     * a member that joined during the window is told a suffix of the same bytes. The hub tells one
     * channel's batch to all its members before the next, so one list is kept at a time.
     */
    private ByteBuf batchLines(HubEvent.PresenceBatch batch, IrcConnection connection, int variant) {
        if (batch.events() != batchEvents) {
            releaseBatch();
            batchEvents = batch.events();
        }
        ByteBuf lines = batchBytes[variant];
        if (lines == null) {
            List<HubEvent> events = batchEvents;
            int[] offsets = new int[events.size() + 1];
            lines = connection.channel().alloc().buffer(events.size() * 64);
            for (int i = 0; i < events.size(); i++) {
                offsets[i] = lines.writerIndex();
                ByteBuf line = connection.encodeEvent(events.get(i));
                try {
                    lines.writeBytes(line);
                } finally {
                    line.release();
                }
            }
            offsets[events.size()] = lines.writerIndex();
            batchBytes[variant] = lines;
            batchOffsets[variant] = offsets;
        }
        return lines;
    }

    /** Lets go of the last event's buffers (server stop). */
    synchronized void clear() {
        releaseAll();
        event = null;
        releaseBatch();
        batchEvents = null;
    }

    private void releaseBatch() {
        for (int i = 0; i < batchBytes.length; i++) {
            if (batchBytes[i] != null) {
                batchBytes[i].release();
                batchBytes[i] = null;
                batchOffsets[i] = null;
            }
        }
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

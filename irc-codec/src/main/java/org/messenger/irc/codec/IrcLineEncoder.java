package org.messenger.irc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Turns a formatted line into the bytes sent: UTF-8 plus CR LF (RFC 2812 §2.3). Encoding happens
 * in the sender's thread, before the write is queued, so that Netty counts the real byte size
 * against the receiver's send queue.
 */
public final class IrcLineEncoder {
    private static final short CRLF = ('\r' << 8) | '\n';

    private IrcLineEncoder() {}

    public static ByteBuf encode(ByteBufAllocator alloc, String line) {
        ByteBuf buf = alloc.buffer(ByteBufUtil.utf8MaxBytes(line) + 2);
        ByteBufUtil.writeUtf8(buf, line);
        buf.writeShort(CRLF);
        return buf;
    }

    public static ByteBuf encode(ByteBufAllocator alloc, IrcMessage message) {
        return encode(alloc, IrcFormatter.format(message));
    }
}

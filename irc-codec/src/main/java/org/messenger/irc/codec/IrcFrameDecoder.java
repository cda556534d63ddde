package org.messenger.irc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts an IRC byte stream into {@link IrcFrame}s, like Netty's {@code LineBasedFrameDecoder}: a
 * line ends at LF (a CR just before it is dropped), an oversized line is discarded instead of
 * buffered, and decoding goes on with the next line.
 *
 * <p>Limits: RFC 2812 §2.3 "IRC messages shall not exceed 512 characters in length, counting all
 * characters including the trailing CR-LF", so 510 bytes for the part after the tags; IRCv3
 * message-tags: the tag section may take "8191 bytes, including the leading '@' and trailing
 * space". A line past either limit becomes {@link IrcFrame.TooLong}. Text must be UTF-8
 * (ISUPPORT UTF8ONLY); anything else becomes {@link IrcFrame.NotUtf8}.
 */
public final class IrcFrameDecoder extends ByteToMessageDecoder {
    public static final int MAX_TAGS_BYTES = 8191;
    public static final int MAX_MESSAGE_BYTES = 510;
    private static final int MAX_LINE_BYTES = MAX_TAGS_BYTES + MAX_MESSAGE_BYTES + 2;

    private final int maxTagsBytes;
    private final int maxMessageBytes;
    private boolean discarding;
    /** Bytes after the reader index already searched for LF, so a slowly arriving line is not rescanned. */
    private int scannedBytes;
    private long discardedBytes;

    public IrcFrameDecoder() {
        this(MAX_TAGS_BYTES, MAX_MESSAGE_BYTES);
    }

    /** Smaller limits are for tests; larger ones would break the RFC. */
    public IrcFrameDecoder(int maxTagsBytes, int maxMessageBytes) {
        this.maxTagsBytes = maxTagsBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lf = in.indexOf(in.readerIndex() + scannedBytes, in.writerIndex(), (byte) '\n');
            if (discarding) {
                if (lf < 0) {
                    discardedBytes += in.readableBytes();
                    in.skipBytes(in.readableBytes());
                    return;
                }
                discardedBytes += lf + 1 - in.readerIndex();
                in.readerIndex(lf + 1);
                discarding = false;
                out.add(new IrcFrame.TooLong(discardedBytes));
                continue;
            }
            if (lf < 0) {
                scannedBytes = in.readableBytes();
                if (in.readableBytes() > maxTagsBytes + maxMessageBytes + 2) {
                    // No end in sight: drop what we have and skip to the next LF.
                    discarding = true;
                    discardedBytes = in.readableBytes();
                    in.skipBytes(in.readableBytes());
                    scannedBytes = 0;
                }
                return;
            }
            scannedBytes = 0;
            int start = in.readerIndex();
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            in.readerIndex(lf + 1);
            out.add(frame(in, start, end));
        }
    }

    private IrcFrame frame(ByteBuf in, int start, int end) {
        int length = end - start;
        int tagsLength = 0;
        if (length > 0 && in.getByte(start) == '@') {
            int space = in.indexOf(start, end, (byte) ' ');
            tagsLength = space < 0 ? length : space - start + 1;
        }
        if (tagsLength > maxTagsBytes || length - tagsLength > maxMessageBytes) {
            return new IrcFrame.TooLong(length + (long) (in.readerIndex() - end));
        }
        // Validate in place, then copy once into the String. Decoding through a CharsetDecoder
        // also allocated a ByteBuffer view and a CharBuffer per line (3x the bytes, microbench).
        // Netty's check is as strict as a REPORTing decoder: overlong forms, surrogates and code
        // points past U+10FFFF are refused.
        if (!ByteBufUtil.isText(in, start, length, StandardCharsets.UTF_8)) {
            return new IrcFrame.NotUtf8();
        }
        return new IrcFrame.Line(in.toString(start, length, StandardCharsets.UTF_8));
    }

    /** The most bytes one line may take, CR LF included. */
    public static int maxLineBytes() {
        return MAX_LINE_BYTES;
    }
}

package org.messenger.irc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any byte stream from a TCP peer, cut into reads anywhere. Input layout: the first byte picks the
 * read size (1 to 256 bytes), the rest is the stream. Checked under the RFC limits and under tiny
 * ones (so that oversized lines and discarding are reached with small inputs):
 * <ul>
 *   <li>nothing is thrown (an exception in the pipeline would close the connection);
 *   <li>exactly one frame per LF, whatever the reads, and the same frames as one single read;
 *   <li>a line never holds an LF and never exceeds the limits;
 *   <li>every line then goes through {@link IrcParserFuzzTest#checkLine}.
 * </ul>
 * Corpus: {@code IrcFrameDecoderFuzzTestInputs/decode/}.
 */
class IrcFrameDecoderFuzzTest {
    private static final int SMALL_TAGS = 24;
    private static final int SMALL_MESSAGE = 32;

    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) {
        if (input.length == 0) return;
        int readSize = 1 + (input[0] & 0xff);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        long lineFeeds = 0;
        for (byte b : stream) if (b == '\n') lineFeeds++;

        check(stream, readSize, lineFeeds, IrcFrameDecoder.MAX_TAGS_BYTES, IrcFrameDecoder.MAX_MESSAGE_BYTES);
        check(stream, readSize, lineFeeds, SMALL_TAGS, SMALL_MESSAGE);
    }

    private static void check(byte[] stream, int readSize, long lineFeeds, int maxTags, int maxMessage) {
        List<IrcFrame> inReads = decode(stream, readSize, maxTags, maxMessage);
        List<IrcFrame> inOne = decode(stream, Math.max(1, stream.length), maxTags, maxMessage);
        assertThat(inReads).as("one frame per LF").hasSize((int) lineFeeds);
        assertThat(inReads).as("frames do not depend on how the stream was read").isEqualTo(inOne);
        for (IrcFrame frame : inReads) {
            if (frame instanceof IrcFrame.Line line) {
                assertThat(line.text()).doesNotContain("\n");
                assertThat(line.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxTags + maxMessage);
                IrcParserFuzzTest.checkLine(line.text());
            } else if (frame instanceof IrcFrame.TooLong tooLong) {
                assertThat(tooLong.bytesDiscarded()).isPositive();
            }
        }
    }

    private static List<IrcFrame> decode(byte[] stream, int readSize, int maxTags, int maxMessage) {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcFrameDecoder(maxTags, maxMessage));
        List<IrcFrame> frames = new ArrayList<>();
        for (int at = 0; at < stream.length; at += readSize) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(readSize, stream.length - at)));
            for (IrcFrame f; (f = channel.readInbound()) != null; ) frames.add(f);
        }
        channel.finishAndReleaseAll();
        return frames;
    }
}

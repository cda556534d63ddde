package org.messenger.irc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IrcFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new IrcFrameDecoder());

    private List<IrcFrame> feed(byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        List<IrcFrame> frames = new ArrayList<>();
        IrcFrame frame;
        while ((frame = channel.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 100)
    void anyBytesInAnyChunksGiveOneFramePerLfAndNeverThrow(@ForAll long seed) {
        // Mostly text, with spaces, tag markers, line ends and arbitrary (often invalid UTF-8)
        // bytes now and then; chunk sizes vary so lines break across reads anywhere.
        java.util.Random random = new java.util.Random(seed);
        EmbeddedChannel fresh = new EmbeddedChannel(new IrcFrameDecoder());
        long lineFeeds = 0;
        int frames = 0;
        int chunks = random.nextInt(30);
        for (int c = 0; c < chunks; c++) {
            byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 64 : 10_000)];
            int lineEndOdds = 1 + random.nextInt(2000);
            for (int i = 0; i < bytes.length; i++) {
                int kind = random.nextInt(100);
                bytes[i] = random.nextInt(lineEndOdds) == 0 ? (byte) '\n'
                        : kind < 85 ? (byte) ('A' + random.nextInt(26))
                        : kind < 95 ? (byte) " :@;\r".charAt(random.nextInt(5))
                        : (byte) random.nextInt(256);
                lineFeeds += bytes[i] == '\n' ? 1 : 0;
            }
            fresh.writeInbound(Unpooled.wrappedBuffer(bytes));
            while (fresh.readInbound() != null) {
                frames++;
            }
        }
        assertThat(frames).isEqualTo(lineFeeds);
        fresh.finishAndReleaseAll();
    }

    @Test
    void splitsOnCrLfAndOnBareLf() {
        assertThat(feed(ascii("NICK a\r\nUSER b\nPING x\r\n")))
                .containsExactly(new IrcFrame.Line("NICK a"), new IrcFrame.Line("USER b"), new IrcFrame.Line("PING x"));
    }

    @Test
    void joinsALineSplitAcrossReads() {
        assertThat(feed(ascii("PRIV"), ascii("MSG #a :h"), ascii("i\r"), ascii("\n")))
                .containsExactly(new IrcFrame.Line("PRIVMSG #a :hi"));
    }

    @Test
    void keepsAnIncompleteLineUntilItsEnd() {
        assertThat(feed(ascii("PING half"))).isEmpty();
    }

    @Test
    void decodesMultiByteUtf8SplitAcrossReads() {
        byte[] bytes = ascii("PRIVMSG #a :héllo ✓\r\n");
        assertThat(feed(java.util.Arrays.copyOfRange(bytes, 0, 14), java.util.Arrays.copyOfRange(bytes, 14, bytes.length)))
                .containsExactly(new IrcFrame.Line("PRIVMSG #a :héllo ✓"));
    }

    @Test
    void lineOverTheLimitBecomesTooLongAndTheNextLineIsFine() {
        List<IrcFrame> frames = feed(ascii("PRIVMSG #a :" + "x".repeat(600) + "\r\nPING ok\r\n"));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isInstanceOf(IrcFrame.TooLong.class);
        assertThat(frames.get(1)).isEqualTo(new IrcFrame.Line("PING ok"));
    }

    @Test
    void exactly510BytesBeforeCrLfIsAccepted() {
        String line = "P".repeat(510);
        assertThat(feed(ascii(line + "\r\n"))).containsExactly(new IrcFrame.Line(line));
        assertThat(feed(ascii("P".repeat(511) + "\r\n")).get(0)).isInstanceOf(IrcFrame.TooLong.class);
    }

    @Test
    void tagsHaveTheirOwn8191ByteAllowance() {
        String tags = "@k=" + "v".repeat(8191 - 4) + " ";
        assertThat(tags).hasSize(8191);
        String message = "P".repeat(510);
        assertThat(feed(ascii(tags + message + "\r\n"))).containsExactly(new IrcFrame.Line(tags + message));
        String bigTags = "@k=" + "v".repeat(8191 - 3) + " ";
        assertThat(feed(ascii(bigTags + "PING\r\n")).get(0)).isInstanceOf(IrcFrame.TooLong.class);
    }

    @Test
    void endlessLineIsDiscardedWithoutBufferingAndReportedOnce() {
        List<IrcFrame> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.addAll(feed(ascii("y".repeat(1000))));
        }
        frames.addAll(feed(ascii("tail\r\nPING after\r\n")));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isInstanceOfSatisfying(IrcFrame.TooLong.class,
                t -> assertThat(t.bytesDiscarded()).isEqualTo(100_000 + "tail\r\n".length()));
        assertThat(frames.get(1)).isEqualTo(new IrcFrame.Line("PING after"));
    }

    @Test
    void invalidUtf8BecomesNotUtf8AndTheNextLineIsFine() {
        byte[] bad = {'P', 'I', 'N', 'G', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n', 'P', 'I', 'N', 'G', '\n'};
        assertThat(feed(bad)).containsExactly(new IrcFrame.NotUtf8(), new IrcFrame.Line("PING"));
    }

    @Test
    void overlongUtf8EncodingIsRejected() {
        // 0xC0 0xAF is an overlong '/', forbidden by RFC 3629 §3.
        byte[] overlong = {'A', ' ', (byte) 0xC0, (byte) 0xAF, '\n'};
        assertThat(feed(overlong)).containsExactly(new IrcFrame.NotUtf8());
    }

    @Test
    void encodedSurrogateIsRejected() {
        // 0xED 0xA0 0x80 would be U+D800, a UTF-16 surrogate: not a character (RFC 3629 §3).
        byte[] surrogate = {'A', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
        assertThat(feed(surrogate)).containsExactly(new IrcFrame.NotUtf8());
    }

    @Test
    void codePointPastUnicodeIsRejected() {
        // 0xF4 0x90 0x80 0x80 would be U+110000, past the last code point.
        byte[] tooHigh = {'A', ' ', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '\n'};
        assertThat(feed(tooHigh)).containsExactly(new IrcFrame.NotUtf8());
    }

    @Test
    void truncatedSequenceAtTheEndOfTheLineIsRejected() {
        byte[] truncated = {'A', ' ', (byte) 0xE2, (byte) 0x82, '\r', '\n'};
        assertThat(feed(truncated)).containsExactly(new IrcFrame.NotUtf8());
    }

    @Test
    void fourByteCharactersSurviveDecoding() {
        String text = "PRIVMSG #x :caf\u00e9 \u2603 \ud83d\ude00";
        byte[] bytes = (text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(feed(bytes)).containsExactly(new IrcFrame.Line(text));
    }

    @Test
    void emptyLinesComeThroughAsEmptyText() {
        assertThat(feed(ascii("\r\n\n"))).containsExactly(new IrcFrame.Line(""), new IrcFrame.Line(""));
    }
}

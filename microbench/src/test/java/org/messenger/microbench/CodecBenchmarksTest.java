package org.messenger.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.messenger.irc.codec.IrcFrame;
import org.messenger.irc.codec.IrcParser;

class CodecBenchmarksTest {

    @ParameterizedTest
    @ValueSource(ints = {1452, 65000})
    void packetBenchmarksBuildPacketsThatParse(int datagramBytes) {
        PacketCodecBenchmark benchmark = new PacketCodecBenchmark();
        benchmark.datagramBytes = datagramBytes;
        benchmark.buildPackets();

        assertThat(benchmark.encodeDataPacket()).isEqualTo(datagramBytes);
        assertThat(benchmark.decodeDataPacket()).isPositive();
        assertThat(benchmark.encodeAckPacket()).isLessThan(200);
        assertThat(benchmark.decodeAckPacket()).isPositive();
    }

    @Test
    void ircBenchmarksRoundTripTheirLine() {
        IrcCodecBenchmark benchmark = new IrcCodecBenchmark();
        benchmark.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(benchmark.decodeFrame()).isEqualTo(new IrcFrame.Line(IrcCodecBenchmark.LINE));
            }
            assertThat(benchmark.parse().lastParam()).startsWith("the build is green");
            assertThat(benchmark.parseWithSourceAndTags().tags()).containsKeys("time", "msgid", "+draft/reply");
            assertThat(benchmark.format()).isEqualTo(IrcCodecBenchmark.RELAYED);
            assertThat(IrcParser.parse(benchmark.format())).isEqualTo(IrcParser.parse(IrcCodecBenchmark.RELAYED));
            assertThat(benchmark.encodeLine()).isEqualTo(IrcCodecBenchmark.RELAYED.length() + 2);
        } finally {
            benchmark.tearDown();
        }
    }
}

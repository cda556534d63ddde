package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;

/**
 * The test vectors of docs/transport.md §4.7, read from the document itself and rebuilt from
 * their documented inputs: the keys, a HELLO, a HELLO_REPLY, a DATA and an ACK packet (the last
 * two with each {@link AeadLibrary}).
 */
class TestVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TOKEN = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final long ID = 0x0123456789abcdefL;
    private static final byte[] NONCE_R = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    private static final byte[] NONCE_S = HEX.parseHex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    private static final Map<String, String> DOC = new HashMap<>();
    private final PacketWriter writer = new PacketWriter();

    @BeforeAll
    static void readTheDocument() throws IOException {
        Path doc = Path.of("..", "docs", "transport.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf("<!-- test vectors: begin -->");
        int end = text.indexOf("<!-- test vectors: end -->");
        assertThat(begin).as("test vector block in " + doc.toAbsolutePath()).isPositive().isLessThan(end);
        for (String line : text.substring(begin, end).split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) DOC.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
        }
    }

    private static String doc(String name) {
        assertThat(DOC).as("docs/transport.md §4.7").containsKey(name);
        return DOC.get(name);
    }

    @Test
    void keysMatchTheDocument() {
        assertThat(HEX.formatHex(KeySchedule.handshakeSecret(TOKEN))).isEqualTo(doc("handshake_secret"));
        assertThat(HEX.formatHex(KeySchedule.handshakeMacKey(TOKEN, ID, Side.RECEIVER))).isEqualTo(doc("receiver_hs_mac"));
        assertThat(HEX.formatHex(KeySchedule.handshakeMacKey(TOKEN, ID, Side.SENDER))).isEqualTo(doc("sender_hs_mac"));
        assertThat(HEX.formatHex(KeySchedule.trafficSecret(TOKEN, NONCE_R, NONCE_S))).isEqualTo(doc("traffic_secret"));
        var receiver = KeySchedule.trafficKeys(TOKEN, ID, NONCE_R, NONCE_S, Side.RECEIVER, Aead.AES_128_GCM);
        var sender = KeySchedule.trafficKeys(TOKEN, ID, NONCE_R, NONCE_S, Side.SENDER, Aead.AES_128_GCM);
        assertThat(HEX.formatHex(receiver.key())).isEqualTo(doc("receiver_key"));
        assertThat(HEX.formatHex(receiver.iv())).isEqualTo(doc("receiver_iv"));
        assertThat(HEX.formatHex(sender.key())).isEqualTo(doc("sender_key"));
        assertThat(HEX.formatHex(sender.iv())).isEqualTo(doc("sender_iv"));
    }

    @Test
    void helloMatchesTheDocumentAndOpens() {
        ByteBuffer b = ByteBuffer.allocate(2048);
        writer.begin(b, 1452, ID, 0, -1, true, true);
        writer.hello(NONCE_R, 25_000, 1452, 16L << 20, ByteRanges.whole(1L << 20));
        writer.padTo(Packet.MIN_HELLO_DATAGRAM);
        int n = writer.finish(KeySchedule.handshakeProtection(TOKEN, ID, Side.RECEIVER));
        String frames = doc("hello_frames");
        int padding = Integer.parseInt(doc("hello_padding"));
        String expected = frames + "00".repeat(padding) + doc("hello_tag");
        assertThat(n).isEqualTo(1200);
        assertThat(HEX.formatHex(b.array(), 0, n)).isEqualTo(expected);
        assertOpens(expected, KeySchedule.handshakeProtection(TOKEN, ID, Side.SENDER), 0, Packet.HELLO);
    }

    @Test
    void helloReplyMatchesTheDocumentAndOpens() {
        ByteBuffer b = ByteBuffer.allocate(2048);
        writer.begin(b, 1452, ID, 0, -1, false, true);
        AckRanges hello = new AckRanges(4);
        hello.add(0);
        writer.ack(hello, 0);
        writer.helloReply(NONCE_R, NONCE_S, 1452);
        int n = writer.finish(KeySchedule.handshakeProtection(TOKEN, ID, Side.SENDER));
        assertThat(HEX.formatHex(b.array(), 0, n)).isEqualTo(doc("hello_reply"));
        assertOpens(doc("hello_reply"), KeySchedule.handshakeProtection(TOKEN, ID, Side.RECEIVER), 0, Packet.ACK);
    }

    private static PacketProtection traffic(AeadLibrary library, Side side) {
        assumeTrue(library.available(), () -> library + " cannot run here: " + library.unavailableReason());
        return new AeadProtection(KeySchedule.AEAD, library,
                KeySchedule.trafficKeys(TOKEN, ID, NONCE_R, NONCE_S, side, KeySchedule.AEAD),
                KeySchedule.trafficKeys(TOKEN, ID, NONCE_R, NONCE_S, side.peer(), KeySchedule.AEAD));
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void dataPacketMatchesTheDocumentAndOpens(AeadLibrary library) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        writer.begin(b, 1452, ID, 1, -1, false, false);
        int at = writer.beginData(0, 16);
        b.put(at, "Hello, Messenger".getBytes(StandardCharsets.US_ASCII));
        writer.endData(at, 16);
        int n = writer.finish(traffic(library, Side.SENDER));
        assertThat(HEX.formatHex(b.array(), 0, n)).isEqualTo(doc("data"));
        PacketReader r = assertOpens(doc("data"), traffic(library, Side.RECEIVER), 1, Packet.DATA);
        byte[] bytes = new byte[r.dataLength()];
        r.buffer().get(r.dataPosition(), bytes);
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("Hello, Messenger");
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void ackPacketMatchesTheDocumentAndOpens(AeadLibrary library) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        writer.begin(b, 1452, ID, 1, -1, true, false);
        AckRanges both = new AckRanges(4);
        both.add(0);
        both.add(1);
        writer.ack(both, 0);
        int n = writer.finish(traffic(library, Side.RECEIVER));
        assertThat(HEX.formatHex(b.array(), 0, n)).isEqualTo(doc("ack"));
        PacketReader r = assertOpens(doc("ack"), traffic(library, Side.SENDER), 1, Packet.ACK);
        assertThat(r.ack().largest()).isEqualTo(1);
        assertThat(r.ack().contains(0)).isTrue();
    }

    private static PacketReader assertOpens(String hex, PacketProtection opener, long pn, int firstFrame) {
        PacketReader r = new PacketReader();
        assertThat(r.open(ByteBuffer.wrap(HEX.parseHex(hex)))).isEqualTo(PacketReader.OK);
        assertThat(r.transferId()).isEqualTo(ID);
        assertThat(r.unprotect(opener, pn)).isTrue();
        assertThat(r.nextFrame()).isEqualTo(firstFrame);
        return r;
    }
}

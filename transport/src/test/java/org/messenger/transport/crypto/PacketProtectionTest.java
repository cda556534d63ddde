package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every behaviour of the AEAD protection, with each {@link AeadLibrary} that runs here. */
class PacketProtectionTest {
    private final byte[] token = new byte[32];
    private final byte[] nonceR = new byte[16];
    private final byte[] nonceS = new byte[16];

    private PacketProtection end(AeadLibrary library, Side side) {
        return end(library, Aead.AES_128_GCM, side);
    }

    private PacketProtection end(AeadLibrary library, Aead aead, Side side) {
        assumeTrue(library.available(), () -> library + " cannot run here: " + library.unavailableReason());
        return new AeadProtection(aead, library, KeySchedule.trafficKeys(token, 99, nonceR, nonceS, side, aead),
                KeySchedule.trafficKeys(token, 99, nonceR, nonceS, side.peer(), aead));
    }

    private static ByteBuffer packet(boolean direct, int size, long seed) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size + 16) : ByteBuffer.allocate(size + 16);
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        b.put(0, content);
        return b;
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void sealsInPlaceAndOpensBackInDirectAndHeapBuffers(AeadLibrary library) {
        for (Aead aead : Aead.values()) {
            for (boolean direct : new boolean[] {true, false}) {
                PacketProtection sender = end(library, aead, Side.SENDER);
                PacketProtection receiver = end(library, aead, Side.RECEIVER);
                ByteBuffer b = packet(direct, 65_000, 1);
                ByteBuffer original = packet(false, 65_000, 1);
                int end = sender.seal(b, 0, 12, 65_000, 5);
                assertThat(end).isEqualTo(65_016);
                assertThat(b.slice(0, 12)).as("the header stays in clear").isEqualTo(original.slice(0, 12));
                assertThat(b.slice(12, 64)).as("the frames do not").isNotEqualTo(original.slice(12, 64));
                assertThat(receiver.open(b, 0, 12, end, 5)).as(aead + " direct=" + direct).isTrue();
                assertThat(b.slice(0, 65_000)).isEqualTo(original.slice(0, 65_000));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void anyChangeToHeaderPayloadTagOrPacketNumberFailsToOpen(AeadLibrary library) {
        PacketProtection sender = end(library, Side.SENDER);
        PacketProtection receiver = end(library, Side.RECEIVER);
        for (int index : new int[] {0, 1, 5, 11, 12, 500, 1435, 1436, 1451}) {
            ByteBuffer b = packet(true, 1436, 2);
            long pn = 1000 + index;
            int end = sender.seal(b, 0, 12, 1436, pn);
            b.put(index, (byte) (b.get(index) ^ 0x40));
            assertThat(receiver.open(b, 0, 12, end, pn)).as("byte " + index).isFalse();
        }
        ByteBuffer b = packet(true, 200, 3);
        int end = sender.seal(b, 0, 12, 200, 7);
        assertThat(receiver.open(b, 0, 12, end, 8)).as("another packet number").isFalse();
        assertThat(end(library, Side.SENDER).open(b, 0, 12, end, 7)).as("its own direction's key").isFalse();
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void opensPacketsOfAnySizeOneAfterAnotherWithTheirOwnBytes(AeadLibrary library) {
        for (boolean direct : new boolean[] {true, false}) {
            PacketProtection sender = end(library, Side.SENDER);
            PacketProtection receiver = end(library, Side.RECEIVER);
            long pn = 1;
            for (int size : new int[] {65_000, 12, 100, 1436, 65_000, 30_000}) {
                ByteBuffer b = packet(direct, size, size);
                int end = sender.seal(b, 0, 12, size, pn);
                assertThat(receiver.open(b, 0, 12, end, pn)).as("size " + size + " direct=" + direct).isTrue();
                assertThat(b.slice(0, size)).isEqualTo(packet(false, size, size).slice(0, size));
                pn++;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void aPacketThatFailsToOpenKeepsTheBytesItCameWith(AeadLibrary library) {
        for (Aead aead : Aead.values()) {
            for (boolean direct : new boolean[] {true, false}) {
                PacketProtection sender = end(library, aead, Side.SENDER);
                PacketProtection receiver = end(library, aead, Side.RECEIVER);
                ByteBuffer b = packet(direct, 65_000, 6);
                int end = sender.seal(b, 0, 12, 65_000, 3);
                b.put(40_000, (byte) (b.get(40_000) ^ 1));
                ByteBuffer received = ByteBuffer.allocate(end).put(0, b, 0, end);

                assertThat(receiver.open(b, 0, 12, end, 3)).isFalse();
                assertThat(b.slice(0, end)).as(aead + " direct=" + direct).isEqualTo(received);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void lengthsOutsideTheBufferFailToOpenWithoutTouchingIt(AeadLibrary library) {
        PacketProtection sender = end(library, Side.SENDER);
        PacketProtection receiver = end(library, Side.RECEIVER);
        ByteBuffer b = packet(true, 1436, 8);
        int end = sender.seal(b, 0, 12, 1436, 4);
        ByteBuffer received = ByteBuffer.allocate(b.capacity()).put(0, b, 0, b.capacity());
        int[][] hostile = {{0, 12, b.capacity() + 1}, {0, 12, Integer.MAX_VALUE}, {-1, 12, end}, {13, 12, end},
                {0, end - 15, end}, {0, end + 1, end}, {0, Integer.MIN_VALUE, end}, {0, 12, Integer.MIN_VALUE}};
        for (int[] h : hostile) {
            assertThat(receiver.open(b, h[0], h[1], h[2], 4)).as("start %d, payload %d, end %d", h[0], h[1], h[2])
                    .isFalse();
            assertThat(b).isEqualTo(received);
        }
        assertThat(receiver.open(b, 0, 12, end, 4)).as("the packet itself").isTrue();
    }

    @ParameterizedTest
    @EnumSource(AeadLibrary.class)
    void neverSealsTwoPacketsUnderOnePacketNumber(AeadLibrary library) {
        PacketProtection sender = end(library, Side.SENDER);
        ByteBuffer b = packet(true, 100, 4);
        assertThat(sender.seal(b, 0, 12, 100, 10)).isPositive();
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 10)).isEqualTo(-1);
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 9)).isEqualTo(-1);
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 11)).isPositive();
    }

    @Test
    void handshakeMacCoversEveryByteAndNeedsTheToken() {
        PacketProtection receiver = KeySchedule.handshakeProtection(token, 99, Side.RECEIVER);
        PacketProtection sender = KeySchedule.handshakeProtection(token, 99, Side.SENDER);
        byte[] other = token.clone();
        other[0] = 1;
        PacketProtection stranger = KeySchedule.handshakeProtection(other, 99, Side.SENDER);
        for (int index : new int[] {0, 9, 12, 600, 1183, 1190}) {
            ByteBuffer b = packet(true, 1184, 6);
            int end = receiver.seal(b, 0, 12, 1184, 0);
            assertThat(sender.open(b.duplicate(), 0, 12, end, 0)).isTrue();
            assertThat(stranger.open(b.duplicate(), 0, 12, end, 0)).isFalse();
            b.put(index, (byte) (b.get(index) ^ 1));
            assertThat(sender.open(b, 0, 12, end, 0)).as("byte " + index).isFalse();
        }
    }
}

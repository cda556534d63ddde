package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Choosing the AEAD library, and what OpenSSL's promises beyond the JDK's: no allocation, freed memory. */
class AeadLibraryTest {
    private static final byte[] TOKEN = new byte[32];
    private static final byte[] NONCE = new byte[16];

    private static AeadProtection end(AeadLibrary library, Side side) {
        assumeTrue(library.available(), () -> library + " cannot run here: " + library.unavailableReason());
        Aead aead = KeySchedule.AEAD;
        return new AeadProtection(aead, library, KeySchedule.trafficKeys(TOKEN, 5, NONCE, NONCE, side, aead),
                KeySchedule.trafficKeys(TOKEN, 5, NONCE, NONCE, side.peer(), aead));
    }

    private static <T> T withProperty(String value, Supplier<T> body) {
        String before = System.getProperty(AeadLibrary.PROPERTY);
        if (value == null) System.clearProperty(AeadLibrary.PROPERTY);
        else System.setProperty(AeadLibrary.PROPERTY, value);
        try {
            return body.get();
        } finally {
            if (before == null) System.clearProperty(AeadLibrary.PROPERTY);
            else System.setProperty(AeadLibrary.PROPERTY, before);
        }
    }

    @Test
    void theDefaultSplitsBySizeWhereOpenSslRunsAndIsTheJdksElsewhere() {
        AeadLibrary expected = AeadLibrary.OPENSSL.available() ? AeadLibrary.AUTO : AeadLibrary.JDK;
        assertThat(withProperty(null, () -> AeadLibrary.selected(AeadLibrary.AUTO))).isEqualTo(expected);
        assertThat(withProperty(null, () -> ((AeadProtection) KeySchedule.trafficProtection(TOKEN, 1, NONCE, NONCE,
                Side.SENDER)).library())).isEqualTo(expected);
        assertThat(AeadLibrary.choose("", null, AeadLibrary.AUTO)).isEqualTo(AeadLibrary.AUTO);
        assertThat(AeadLibrary.choose("  ", "no libcrypto.so.3 on this machine", AeadLibrary.AUTO)).isEqualTo(AeadLibrary.JDK);
    }

    /** A stand-in engine that only records what it was given. */
    private static final class Recording implements AeadEngine {
        int sealed;
        int opened;
        boolean closed;

        @Override
        public void seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce) {
            sealed++;
        }

        @Override
        public boolean open(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce) {
            opened++;
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean holdsNativeMemory() {
            return !closed;
        }
    }

    @Test
    void bySizeSendsEthernetSizedDatagramsToOneEngineAndLargerOnesToTheOtherMadeOnFirstUse() {
        Recording small = new Recording();
        Recording large = new Recording();
        int[] made = {0};
        BySizeAeadEngine engine = new BySizeAeadEngine(small, () -> {
            made[0]++;
            return large;
        });
        ByteBuffer b = ByteBuffer.allocateDirect(70_000);
        byte[] nonce = new byte[Aead.NONCE_BYTES];
        int limit = BySizeAeadEngine.SMALL_DATAGRAM_BYTES;
        // A datagram is the header, the payload and the tag: from start to the tag's end.
        engine.seal(b, 100, 112, 100 + limit - PacketProtection.TAG_BYTES, nonce);
        engine.open(b, 100, 112, 100 + limit, nonce);
        engine.open(b, 0, 12, 64, nonce);
        assertThat(small.sealed + small.opened).isEqualTo(3);
        assertThat(engine.madeLarge()).as("no large datagram yet, no second engine").isFalse();

        engine.seal(b, 100, 112, 100 + limit + 1 - PacketProtection.TAG_BYTES, nonce);
        engine.open(b, 0, 12, 65_016, nonce);
        engine.seal(b, 0, 12, 9_000, nonce);
        assertThat(large.sealed + large.opened).isEqualTo(3);
        assertThat(made[0]).as("made once").isEqualTo(1);
        assertThat(small.sealed + small.opened).isEqualTo(3);

        assertThat(engine.holdsNativeMemory()).isTrue();
        engine.close();
        assertThat(small.closed).isTrue();
        assertThat(large.closed).isTrue();
        assertThat(engine.holdsNativeMemory()).isFalse();
    }

    @Test
    void thePropertyPicksOpenSsl() {
        assumeTrue(AeadLibrary.OPENSSL.available(), () -> "OpenSSL: " + AeadLibrary.OPENSSL.unavailableReason());
        assertThat(withProperty(" OpenSSL ", () -> AeadLibrary.selected(AeadLibrary.AUTO))).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(withProperty("openssl", () -> ((AeadProtection) KeySchedule.trafficProtection(TOKEN, 1, NONCE,
                NONCE, Side.SENDER)).library())).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(withProperty("jdk", () -> AeadLibrary.selected(AeadLibrary.AUTO))).isEqualTo(AeadLibrary.JDK);
        assertThat(withProperty("auto", () -> AeadLibrary.selected(AeadLibrary.AUTO))).isEqualTo(AeadLibrary.AUTO);
    }

    @Test
    void aValueThatNamesNoLibraryFallsBackToTheJdksInsteadOfFailingTransfers() {
        assertThat(withProperty("boringssl", () -> AeadLibrary.selected(AeadLibrary.AUTO))).isEqualTo(AeadLibrary.JDK);
    }

    @Test
    void aPreferredLibraryIsTakenWhenThePropertyNamesNoneAndItCanRun() {
        String absent = "no libcrypto.so.3 on this machine";
        assertThat(AeadLibrary.choose("", null, AeadLibrary.OPENSSL)).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(AeadLibrary.choose("", absent, AeadLibrary.OPENSSL)).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("", null, AeadLibrary.JDK)).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("", null, AeadLibrary.AUTO)).isEqualTo(AeadLibrary.AUTO);
        assertThat(AeadLibrary.choose("jdk", null, AeadLibrary.OPENSSL)).as("the property wins").isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("auto", null, AeadLibrary.OPENSSL)).isEqualTo(AeadLibrary.AUTO);
    }

    @Test
    void openSslWhereItCannotRunFallsBackToTheJdksInsteadOfFailingTransfers() {
        assertThat(AeadLibrary.choose("openssl", "no libcrypto.so.3 on this machine", AeadLibrary.AUTO)).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("openssl", null, AeadLibrary.AUTO)).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(AeadLibrary.choose("", "no libcrypto.so.3 on this machine", AeadLibrary.AUTO)).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("auto", "no libcrypto.so.3 on this machine", AeadLibrary.AUTO)).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("AUTO", null, AeadLibrary.AUTO)).isEqualTo(AeadLibrary.AUTO);
    }

    @Test
    void closeFreesOpenSslsContextsAndASecondCloseIsHarmless() {
        AeadProtection sender = end(AeadLibrary.OPENSSL, Side.SENDER);
        AeadProtection receiver = end(AeadLibrary.OPENSSL, Side.RECEIVER);
        ByteBuffer b = ByteBuffer.allocateDirect(1500);
        int end = sender.seal(b, 0, 12, 1400, 1);
        assertThat(sender.holdsNativeMemory()).isTrue();

        sender.close();
        assertThat(sender.holdsNativeMemory()).isFalse();
        sender.close();
        assertThat(sender.holdsNativeMemory()).isFalse();
        assertThatThrownBy(() -> sender.seal(b, 0, 12, 1400, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");

        receiver.close();
        assertThat(receiver.open(b, 0, 12, end, 1)).as("a closed protection opens nothing").isFalse();
    }

    @Test
    void openSslSealsAndOpensWithoutAllocating() {
        assertSealsAndOpensWithoutAllocating(AeadLibrary.OPENSSL, 1436, 12_000);
    }

    @Test
    void theDefaultSealsAndOpensEthernetSizedDatagramsWithoutAllocating() {
        // 48 and 1452 bytes on the wire: an ACK and a full DATA packet of a 1500-byte MTU path.
        assertSealsAndOpensWithoutAllocating(AeadLibrary.AUTO, 20, 1436);
    }

    private static void assertSealsAndOpensWithoutAllocating(AeadLibrary library, int evenPayloadEnd, int oddPayloadEnd) {
        AeadProtection sender = end(library, Side.SENDER);
        AeadProtection receiver = end(library, Side.RECEIVER);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteBuffer b = ByteBuffer.allocateDirect(65_536);
        ByteBuffer other = ByteBuffer.allocateDirect(65_536);
        long pn = 0;
        long allocated = 0;
        int operations = 0;
        for (int round = 0; round < 12; round++) {
            long start = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++, pn++) {
                ByteBuffer into = (i & 1023) == 0 ? other : b; // now and then another pooled buffer
                int size = (i & 1) == 0 ? evenPayloadEnd : oddPayloadEnd;
                int end = sender.seal(into, 0, 12, size, pn);
                if (!receiver.open(into, 0, 12, end, pn)) throw new AssertionError("packet " + pn + " did not open");
                if ((i & 255) == 0) { // and a forgery: it fails without allocating either
                    into.put(20, (byte) (into.get(20) ^ 1));
                    if (receiver.open(into, 0, 12, end, pn)) throw new AssertionError("a forgery opened");
                }
            }
            if (round >= 8) { // warmed up: compiled (the JIT's one-off work allocates), buffers looked up
                allocated += threads.getCurrentThreadAllocatedBytes() - start;
                operations += 2 * 10_000;
            }
        }
        assertThat((double) allocated / operations).as("bytes per seal or open (%d in all)", allocated).isLessThan(1.0);
    }
}

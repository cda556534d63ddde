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
    void theJdksIsTheDefaultTheFasterByMeasurement() {
        assertThat(withProperty(null, AeadLibrary::selected)).isEqualTo(AeadLibrary.JDK);
        assertThat(withProperty(null, () -> ((AeadProtection) KeySchedule.trafficProtection(TOKEN, 1, NONCE, NONCE,
                Side.SENDER)).library())).isEqualTo(AeadLibrary.JDK);
    }

    @Test
    void thePropertyPicksOpenSsl() {
        assumeTrue(AeadLibrary.OPENSSL.available(), () -> "OpenSSL: " + AeadLibrary.OPENSSL.unavailableReason());
        assertThat(withProperty(" OpenSSL ", AeadLibrary::selected)).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(withProperty("openssl", () -> ((AeadProtection) KeySchedule.trafficProtection(TOKEN, 1, NONCE,
                NONCE, Side.SENDER)).library())).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(withProperty("jdk", AeadLibrary::selected)).isEqualTo(AeadLibrary.JDK);
    }

    @Test
    void aValueThatNamesNoLibraryFallsBackToTheJdksInsteadOfFailingTransfers() {
        assertThat(withProperty("boringssl", AeadLibrary::selected)).isEqualTo(AeadLibrary.JDK);
    }

    @Test
    void openSslWhereItCannotRunFallsBackToTheJdksInsteadOfFailingTransfers() {
        assertThat(AeadLibrary.choose("openssl", "no libcrypto.so.3 on this machine")).isEqualTo(AeadLibrary.JDK);
        assertThat(AeadLibrary.choose("openssl", null)).isEqualTo(AeadLibrary.OPENSSL);
        assertThat(AeadLibrary.choose("", "no libcrypto.so.3 on this machine")).isEqualTo(AeadLibrary.JDK);
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
        AeadProtection sender = end(AeadLibrary.OPENSSL, Side.SENDER);
        AeadProtection receiver = end(AeadLibrary.OPENSSL, Side.RECEIVER);
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
                int size = (i & 1) == 0 ? 1436 : 12_000;
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

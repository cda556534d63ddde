package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Files are hashed by libcrypto where it runs, with the JDK's digest, however the bytes are given. */
class Sha256DigestTest {
    private static MessageDigest openSsl() {
        assumeTrue(AeadLibrary.OPENSSL.available(), () -> "no libcrypto here: " + AeadLibrary.OPENSSL.unavailableReason());
        MessageDigest digest = Sha256Digest.create();
        assertThat(digest.getClass().getSimpleName()).isEqualTo("OpenSslSha256");
        return digest;
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void libcryptoHashesWhereItRunsAndTheJdkElsewhere() {
        assertThat(Sha256Digest.library()).isEqualTo(AeadLibrary.OPENSSL.available() ? "openssl" : "jdk");
        assertThat(Sha256Digest.choose("", null)).isEqualTo("openssl");
        assertThat(Sha256Digest.choose(" OpenSSL ", null)).isEqualTo("openssl");
        assertThat(Sha256Digest.choose("jdk", null)).isEqualTo("jdk");
        // A machine without libcrypto, or a property naming nothing: the JDK's, never a failure.
        assertThat(Sha256Digest.choose("", "no libcrypto.so.3 on this machine")).isEqualTo("jdk");
        assertThat(Sha256Digest.choose("openssl", "no libcrypto.so.3 on this machine")).isEqualTo("jdk");
        assertThat(Sha256Digest.choose("md5", "no libcrypto.so.3 on this machine")).isEqualTo("jdk");
        assertThat(Sha256Digest.choose("md5", null)).isEqualTo("openssl");
    }

    @Test
    void knownAnswersOfFips180() {
        MessageDigest digest = openSsl();
        assertThat(hex(digest.digest())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(digest.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(digest.getDigestLength()).isEqualTo(32);
        assertThat(digest.getAlgorithm()).isEqualTo("SHA-256");
    }

    @Test
    void resetForgetsWhatWasGiven() {
        MessageDigest digest = openSsl();
        digest.update(new byte[] {1, 2, 3});
        digest.reset();
        assertThat(digest.digest("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Sha256Digest.jdk().digest("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void bytesBeyondOneCallsWorthAreHashedInPieces() {
        MessageDigest digest = openSsl();
        byte[] large = new byte[(3 << 20) + 12_345]; // more than three of the 1 MiB pieces
        new Random(5).nextBytes(large);
        byte[] expected = Sha256Digest.jdk().digest(large);
        assertThat(digest.digest(large)).isEqualTo(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(large.length).put(large).flip();
        digest.update(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(digest.digest()).isEqualTo(expected);
    }

    /**
     * A message cut at random places, each piece given another way (an array slice, a direct
     * buffer at an offset, a heap buffer, a read-only buffer, a single byte), gives the JDK's
     * digest of the whole, twice over on the same object (a digest starts over after digest()).
     */
    @Property(tries = 200)
    void anyWayOfGivingTheBytesGivesTheJdksDigest(@ForAll @IntRange(min = 0, max = 300_000) int size,
            @ForAll long seed) {
        if (!AeadLibrary.OPENSSL.available()) return; // the JDK's is compared with itself nowhere
        byte[] message = new byte[size];
        Random random = new Random(seed);
        random.nextBytes(message);
        byte[] expected = Sha256Digest.jdk().digest(message);
        MessageDigest digest = Sha256Digest.create();
        assertThat(digest.getClass().getSimpleName()).isEqualTo("OpenSslSha256");
        for (int round = 0; round < 2; round++) {
            int at = 0;
            while (at < size) {
                int n = Math.min(size - at, 1 + random.nextInt(Math.max(1, size / 3)));
                switch (random.nextInt(5)) {
                    case 0 -> digest.update(message, at, n);
                    case 1 -> {
                        int offset = random.nextInt(64);
                        ByteBuffer direct = ByteBuffer.allocateDirect(offset + n + 8);
                        direct.position(offset).put(message, at, n).position(offset).limit(offset + n);
                        digest.update(direct);
                        assertThat(direct.position()).isEqualTo(offset + n);
                    }
                    case 2 -> digest.update(ByteBuffer.wrap(message, at, n));
                    case 3 -> digest.update(ByteBuffer.wrap(message, at, n).asReadOnlyBuffer());
                    default -> {
                        digest.update(message[at]);
                        n = 1;
                    }
                }
                at += n;
            }
            assertThat(digest.digest()).as("round %d", round).isEqualTo(expected);
        }
    }
}

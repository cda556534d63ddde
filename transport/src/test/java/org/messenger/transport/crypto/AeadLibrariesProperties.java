package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The JDK's and OpenSSL's AEAD are interchangeable on the wire: for any keys, packet numbers,
 * header lengths and payload sizes, they seal the same bytes, each opens the other's packets, and
 * a packet with any byte changed opens with neither and keeps its bytes.
 */
class AeadLibrariesProperties {
    private static final int MAX_PAYLOAD = 65_000;

    private static AeadProtection protection(AeadLibrary library, byte[] sealKey, byte[] sealIv, byte[] openKey,
            byte[] openIv) {
        return new AeadProtection(KeySchedule.AEAD, library, new KeySchedule.TrafficKeys(sealKey, sealIv),
                new KeySchedule.TrafficKeys(openKey, openIv));
    }

    private static ByteBuffer datagram(boolean direct, int bytes, long seed) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes + PacketProtection.TAG_BYTES)
                : ByteBuffer.allocate(bytes + PacketProtection.TAG_BYTES);
        byte[] content = new byte[bytes];
        new Random(seed).nextBytes(content);
        return b.put(0, content);
    }

    @Property(tries = 300)
    void bothLibrariesSealAlikeAndOpenEachOthersPackets(@ForAll @Size(16) byte[] key, @ForAll @Size(12) byte[] iv,
            @ForAll @LongRange(min = 0, max = (1L << 62) - 1) long pn, @ForAll @IntRange(min = 0, max = 64) int header,
            @ForAll @IntRange(min = 0, max = MAX_PAYLOAD) int payload, @ForAll boolean direct, @ForAll long seed) {
        Assume.that(AeadLibrary.OPENSSL.available());
        int end = header + payload;
        ByteBuffer byJdk = datagram(direct, end, seed);
        ByteBuffer byOpenSsl = datagram(direct, end, seed);
        ByteBuffer original = datagram(false, end, seed);
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;

        int sealedEnd = protection(AeadLibrary.JDK, key, iv, otherKey, iv).seal(byJdk, 0, header, end, pn);
        assertThat(protection(AeadLibrary.OPENSSL, key, iv, otherKey, iv).seal(byOpenSsl, 0, header, end, pn))
                .isEqualTo(sealedEnd).isEqualTo(end + PacketProtection.TAG_BYTES);
        assertThat(byOpenSsl).as("the same datagram, byte for byte").isEqualTo(byJdk);
        // The default seals each datagram with one or the other by its size: the same bytes again.
        ByteBuffer byDefault = datagram(direct, end, seed);
        assertThat(protection(AeadLibrary.AUTO, key, iv, otherKey, iv).seal(byDefault, 0, header, end, pn))
                .isEqualTo(sealedEnd);
        assertThat(byDefault).as("the default's datagram, byte for byte").isEqualTo(byJdk);

        assertThat(protection(AeadLibrary.OPENSSL, otherKey, iv, key, iv).open(byJdk, 0, header, sealedEnd, pn))
                .as("OpenSSL opens the JDK's packet").isTrue();
        assertThat(protection(AeadLibrary.JDK, otherKey, iv, key, iv).open(byOpenSsl, 0, header, sealedEnd, pn))
                .as("the JDK opens OpenSSL's packet").isTrue();
        assertThat(byJdk.slice(0, end)).isEqualTo(original.slice(0, end));
        assertThat(byOpenSsl.slice(0, end)).isEqualTo(original.slice(0, end));
    }

    @Property(tries = 300)
    void aChangedByteAnywhereOpensWithNeitherAndKeepsItsBytes(@ForAll @Size(16) byte[] key,
            @ForAll @Size(12) byte[] iv, @ForAll @LongRange(min = 0, max = (1L << 62) - 1) long pn,
            @ForAll @IntRange(min = 0, max = 64) int header, @ForAll @IntRange(min = 0, max = MAX_PAYLOAD) int payload,
            @ForAll boolean direct, @ForAll long seed, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        Assume.that(AeadLibrary.OPENSSL.available());
        int end = header + payload;
        ByteBuffer b = datagram(direct, end, seed);
        int sealedEnd = protection(AeadLibrary.JDK, key, iv, key, iv).seal(b, 0, header, end, pn);
        int at = where % sealedEnd;
        b.put(at, (byte) (b.get(at) ^ flip));
        ByteBuffer received = ByteBuffer.allocate(sealedEnd).put(0, b, 0, sealedEnd);

        for (AeadLibrary library : AeadLibrary.values()) {
            assertThat(protection(library, key, iv, key, iv).open(b, 0, header, sealedEnd, pn))
                    .as("%s, byte %d of %d changed", library, at, sealedEnd).isFalse();
            assertThat(b.slice(0, sealedEnd)).as("%s leaves the bytes as they came", library).isEqualTo(received);
        }
    }
}

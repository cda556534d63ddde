package org.messenger.transport.crypto;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Each packet to the library that is faster for its size: OpenSSL's up to
 * {@link #SMALL_DATAGRAM_BYTES}, the JDK's above. Both produce the same bytes (docs/transport.md
 * §4.7's vectors), so which one seals a packet is invisible on the wire.
 *
 * <p>Why (JMH, {@code PacketProtectionBenchmark.sealAndOpen}, AES-128-GCM, quiet machine,
 * docs/performance.md "Packet protection"): at 64 bytes OpenSSL takes 483 ns against the JDK's
 * 606, at 1452 bytes 1,023 against 1,115, and it allocates nothing where the JDK's
 * {@code Cipher.init} allocates about 1.9 KB per seal and open; from 4 KiB up the JDK's AES-GCM
 * intrinsic (AVX-512 VAES, which Debian 12's OpenSSL 3.0 lacks) is 1.5-2.4x faster. So every
 * packet of a path with an Ethernet MTU, and the ACKs of every path, go through OpenSSL, and only
 * the jumbo and loopback datagrams go through the JDK. The JDK's engine is made on the first large
 * packet: a transfer over the internet never holds one.
 */
final class BySizeAeadEngine implements AeadEngine {
    /** Largest datagram (header, payload and tag) that OpenSSL seals and opens: an Ethernet MTU's worth. */
    static final int SMALL_DATAGRAM_BYTES = 1500;

    private final AeadEngine small;
    private final Supplier<AeadEngine> makeLarge;
    private AeadEngine large;

    BySizeAeadEngine(AeadEngine small, Supplier<AeadEngine> makeLarge) {
        this.small = small;
        this.makeLarge = makeLarge;
    }

    @Override
    public void seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce) {
        engineFor(payloadEnd + PacketProtection.TAG_BYTES - start).seal(buf, start, payloadStart, payloadEnd, nonce);
    }

    @Override
    public boolean open(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce) {
        return engineFor(end - start).open(buf, start, payloadStart, end, nonce);
    }

    /** The engine for a datagram of this many bytes. */
    AeadEngine engineFor(int datagramBytes) {
        if (datagramBytes <= SMALL_DATAGRAM_BYTES) return small;
        AeadEngine l = large;
        if (l == null) large = l = makeLarge.get();
        return l;
    }

    /** Whether the engine for large datagrams was made (tests). */
    boolean madeLarge() {
        return large != null;
    }

    @Override
    public void close() {
        try {
            small.close();
        } finally {
            AeadEngine l = large;
            if (l != null) l.close();
        }
    }

    @Override
    public boolean holdsNativeMemory() {
        AeadEngine l = large;
        return small.holdsNativeMemory() || (l != null && l.holdsNativeMemory());
    }
}

package org.messenger.transport.crypto;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * Packet protection after the handshake (RFC 9001 §5.3): AEAD with one key and IV per direction;
 * nonce = IV XOR the full packet number, left-padded with zeros to the IV's 12 bytes; associated
 * data = the packet's header as sent (version, flags, transfer id, packet number bytes).
 * The cipher itself runs in an {@link AeadLibrary}: the JDK's {@code Cipher} (the default, the
 * faster here) or OpenSSL's libcrypto (no allocation per packet, no copy of the datagram). Both
 * produce the same bytes; this class holds what they share: the nonce, the packet-number rule,
 * and the bounds of every index against the buffer, checked before any library sees them.
 * {@link #close} gives back the library's native memory when the transfer ends.
 */
public final class AeadProtection extends PacketProtection {
    private final Aead aead;
    private final AeadLibrary library;
    private final AeadEngine engine;
    private final byte[] sealIv;
    private final byte[] openIv;
    private final byte[] nonce = new byte[Aead.NONCE_BYTES];
    private long lastSealedPn = -1;
    private long sealed;
    private long opened;
    private boolean closed;

    /**
     * Protection in a given library ({@link KeySchedule#trafficProtection} picks it with
     * {@link AeadLibrary#selected}; benchmarks and tests name one to compare them).
     *
     * @throws IllegalStateException if that library cannot be used here (see {@link AeadLibrary#available()})
     */
    public AeadProtection(Aead aead, AeadLibrary library, KeySchedule.TrafficKeys sealKeys,
            KeySchedule.TrafficKeys openKeys) {
        this.aead = aead;
        this.library = library;
        this.sealIv = sealKeys.iv();
        this.openIv = openKeys.iv();
        this.engine = library.newEngine(aead, sealKeys.key(), openKeys.key());
    }

    /** Which library runs the cipher. */
    public AeadLibrary library() {
        return library;
    }

    public Aead aead() {
        return aead;
    }

    /** Packets sealed so far. */
    public long packetsSealed() {
        return sealed;
    }

    /** Packets opened so far (authentic ones). */
    public long packetsOpened() {
        return opened;
    }

    @Override
    public boolean isHandshake() {
        return false;
    }

    /**
     * @throws IllegalArgumentException if the indices do not describe a packet inside the buffer
     *     (our own code built it: a bug, not a network event)
     * @throws IllegalStateException after {@link #close}
     */
    @Override
    public int seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, long pn) {
        if (closed) throw new IllegalStateException("This packet protection was closed with its transfer");
        if (buf.isReadOnly()) throw new ReadOnlyBufferException();
        if (start < 0 || payloadStart < start || payloadEnd < payloadStart
                || payloadEnd > buf.capacity() - TAG_BYTES) {
            throw new IllegalArgumentException("No room to seal a packet at [" + start + ", " + payloadStart + ", "
                    + payloadEnd + ") plus a " + TAG_BYTES + "-byte tag in a buffer of " + buf.capacity() + " bytes");
        }
        if (pn <= lastSealedPn || pn < 0) return -1;
        engine.seal(buf, start, payloadStart, payloadEnd, nonce(sealIv, pn));
        lastSealedPn = pn;
        sealed++;
        return payloadEnd + TAG_BYTES;
    }

    /**
     * False, without touching the buffer, for anything that is not an authentic packet: indices
     * outside the buffer or too short for a tag (they come from the network), a wrong tag, or a
     * closed protection.
     */
    @Override
    public boolean open(ByteBuffer buf, int start, int payloadStart, int end, long pn) {
        if (closed || buf.isReadOnly()) return false;
        if (start < 0 || payloadStart < start || end > buf.capacity() || end - payloadStart < TAG_BYTES
                || payloadStart > end) {
            return false;
        }
        if (!engine.open(buf, start, payloadStart, end, nonce(openIv, pn))) return false;
        opened++;
        return true;
    }

    /** Frees the library's native memory; the protection seals and opens nothing after. Safe to call twice. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        engine.close();
    }

    /** True while the protection holds native memory (OpenSSL's contexts), that is until {@link #close}. */
    public boolean holdsNativeMemory() {
        return engine.holdsNativeMemory();
    }

    /** RFC 9001 §5.3: the 62-bit packet number, big-endian, left-padded to the IV size, XOR the IV. */
    private byte[] nonce(byte[] iv, long pn) {
        System.arraycopy(iv, 0, nonce, 0, Aead.NONCE_BYTES);
        for (int i = 0; i < 8; i++) nonce[Aead.NONCE_BYTES - 1 - i] ^= (byte) (pn >>> (8 * i));
        return nonce;
    }
}

package org.messenger.transport.crypto;

import java.nio.ByteBuffer;

/**
 * Seals and opens datagrams in place, in the buffer they are built in or arrived in (no copy):
 * the header {@code [start, payloadStart)} is authenticated, the frames {@code [payloadStart,
 * payloadEnd)} are protected, and a {@link #TAG_BYTES}-byte tag follows them. One instance per
 * transfer and phase, used by the endpoint's thread only, and {@linkplain #close closed} when the
 * transfer ends. Nothing is allocated per packet with OpenSSL's AEAD; the JDK's (the default)
 * allocates inside {@code Cipher.init} (docs/performance.md, "Packet protection").
 */
public abstract sealed class PacketProtection implements AutoCloseable permits AeadProtection, HandshakeProtection {
    /** Every protected datagram ends with this many bytes of tag (AEAD tag or truncated HMAC). */
    public static final int TAG_BYTES = Aead.TAG_BYTES;

    /**
     * Seals the packet numbered {@code pn}; writes the tag at {@code payloadEnd} (the buffer's
     * capacity must allow it) and returns the datagram's end, or -1 if the packet may not be
     * sealed: an AEAD never seals twice with one packet number (RFC 9001 §5.3: the nonce would
     * repeat). The buffer's position and limit are left as they were.
     */
    public abstract int seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, long pn);

    /**
     * Checks and unprotects the datagram {@code [start, end)} whose last {@link #TAG_BYTES} bytes
     * are the tag; on success the frames are in clear in {@code [payloadStart, end - TAG_BYTES)}.
     * False if the packet is not authentic (a forgery, a corruption, or another key): drop it.
     * The buffer's position and limit are left as they were.
     */
    public abstract boolean open(ByteBuffer buf, int start, int payloadStart, int end, long pn);

    /** True for the handshake's HMAC protection (frames in clear), false for the AEAD. */
    public abstract boolean isHandshake();

    /**
     * Gives back what the protection holds outside the Java heap (OpenSSL's cipher contexts);
     * nothing seals or opens after it. Safe to call more than once.
     */
    @Override
    public void close() {}
}

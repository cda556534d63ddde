package org.messenger.transport.crypto;

import java.nio.ByteBuffer;

/**
 * The cipher work under {@link AeadProtection}: one AEAD, one key per direction, run over a datagram
 * in place. {@link AeadProtection} owns everything both libraries share (the nonce of RFC 9001
 * §5.3, which bytes are associated data, the bounds of every index against the buffer, the
 * packet-number rule), so an engine is handed only checked ranges and a ready nonce.
 * Used by the owning endpoint's thread only; {@link #close} may come from another thread once that
 * thread no longer uses it.
 */
interface AeadEngine {
    /**
     * Encrypts {@code [payloadStart, payloadEnd)} in place, with {@code [start, payloadStart)} as
     * associated data, and writes the tag at {@code payloadEnd}. The indices are checked:
     * {@code 0 <= start <= payloadStart <= payloadEnd} and {@code payloadEnd + TAG_BYTES <= capacity}.
     */
    void seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce);

    /**
     * Opens {@code [payloadStart, end)} (ciphertext, then the tag); true with the plaintext in
     * place of the ciphertext, or false with every byte of the buffer as it came. The indices are
     * checked: {@code 0 <= start <= payloadStart}, {@code payloadStart + TAG_BYTES <= end <= capacity}.
     */
    boolean open(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce);

    /** Gives back what the engine holds outside the Java heap; safe to call twice. */
    void close();

    /** True while the engine holds memory outside the Java heap (until {@link #close}). */
    boolean holdsNativeMemory();
}

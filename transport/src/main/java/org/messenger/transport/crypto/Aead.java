package org.messenger.transport.crypto;

/**
 * The two AEADs the JDK offers (RFC 9001 §5.3 allows both for QUIC). The protocol uses
 * {@link KeySchedule#AEAD}; the other stays here so the micro-benchmark can compare them.
 */
public enum Aead {
    AES_128_GCM("AES/GCM/NoPadding", "AES", 16),
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20", 32);

    /** RFC 5116: both have a 12-byte nonce and a 16-byte tag. */
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    final String transformation;
    final String keyAlgorithm;
    public final int keyBytes;

    Aead(String transformation, String keyAlgorithm, int keyBytes) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyBytes = keyBytes;
    }
}

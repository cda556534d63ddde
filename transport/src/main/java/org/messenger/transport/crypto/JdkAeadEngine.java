package org.messenger.transport.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD of the JDK's {@link Cipher}, on any JDK 21 or newer. The two {@link Cipher}s are created
 * once and re-initialised per packet: the JDK's AEADs take their nonce only through {@code init},
 * and GCM requires a new one for every encryption. That {@code init} is the one allocation per
 * packet left (about 1 KB inside the JDK, whatever the packet's size; docs/performance.md), which
 * is why {@link OpenSslAeadEngine} exists.
 */
final class JdkAeadEngine implements AeadEngine {
    private final Aead aead;
    private final Cipher sealCipher;
    private final Cipher openCipher;
    private final SecretKeySpec sealKey;
    private final SecretKeySpec openKey;
    private byte[] aad = new byte[64];
    /** Where a direct buffer's bytes are sealed or opened; grows once to the largest datagram. */
    private byte[] scratch = new byte[2048];
    /** Where a packet's plaintext is opened into, apart from its ciphertext; grows once to the largest datagram. */
    private byte[] opening = new byte[2048];

    JdkAeadEngine(Aead aead, byte[] sealKey, byte[] openKey) {
        this.aead = aead;
        try {
            this.sealCipher = Cipher.getInstance(aead.transformation);
            this.openCipher = Cipher.getInstance(aead.transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(aead.transformation + " is missing from this JVM; use a standard JDK 21 or newer", e);
        }
        this.sealKey = new SecretKeySpec(sealKey, aead.keyAlgorithm);
        this.openKey = new SecretKeySpec(openKey, aead.keyAlgorithm);
    }

    @Override
    public void seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce) {
        try {
            sealCipher.init(Cipher.ENCRYPT_MODE, sealKey, spec(nonce));
            addHeader(sealCipher, buf, start, payloadStart);
            crypt(sealCipher, buf, payloadStart, payloadEnd - payloadStart);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a packet with " + aead + " (JDK)", e);
        }
    }

    @Override
    public boolean open(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce) {
        try {
            openCipher.init(Cipher.DECRYPT_MODE, openKey, spec(nonce));
            addHeader(openCipher, buf, start, payloadStart);
            decrypt(buf, payloadStart, end - payloadStart);
            return true;
        } catch (AEADBadTagException e) {
            return false; // forged, corrupted or under another key: the caller drops and counts it
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // Nothing outside the Java heap.
    }

    @Override
    public boolean holdsNativeMemory() {
        return false;
    }

    /**
     * Runs the AEAD over {@code len} bytes at {@code at}, in place. The JDK's AES-GCM and
     * ChaCha20 intrinsics work on byte arrays only: on a direct buffer the JDK copies through
     * small temporary arrays it allocates for every call, 3-5x slower than one copy through our
     * own scratch array and back (docs/performance.md, "Packet protection").
     */
    private int crypt(Cipher cipher, ByteBuffer buf, int at, int len) throws GeneralSecurityException {
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int off = buf.arrayOffset() + at;
            return cipher.doFinal(a, off, len, a, off);
        }
        if (scratch.length < len + PacketProtection.TAG_BYTES) scratch = new byte[len + PacketProtection.TAG_BYTES];
        buf.get(at, scratch, 0, len);
        int n = cipher.doFinal(scratch, 0, len, scratch, 0);
        buf.put(at, scratch, 0, n);
        return n;
    }

    /**
     * Opens {@code len} bytes at {@code at} (ciphertext and tag) and puts the plaintext back in their
     * place. The JDK's AES-GCM decrypts in place 2-3x slower than into another array (it cannot
     * run its combined counter-mode and GHASH intrinsic over a buffer that is both input and
     * output; measured on 65,000-byte packets: 25-56 against 11-22 us each), so the plaintext
     * goes through an array of its own and is copied back, which costs far less. A packet that
     * fails to open leaves the buffer as it came.
     */
    private void decrypt(ByteBuffer buf, int at, int len) throws GeneralSecurityException {
        if (opening.length < len) opening = new byte[len];
        int n;
        if (buf.hasArray()) {
            n = openCipher.doFinal(buf.array(), buf.arrayOffset() + at, len, opening, 0);
        } else {
            if (scratch.length < len + PacketProtection.TAG_BYTES) scratch = new byte[len + PacketProtection.TAG_BYTES];
            buf.get(at, scratch, 0, len);
            n = openCipher.doFinal(scratch, 0, len, opening, 0);
        }
        buf.put(at, opening, 0, n);
    }

    private void addHeader(Cipher cipher, ByteBuffer buf, int start, int payloadStart) {
        int n = payloadStart - start;
        if (aad.length < n) aad = new byte[n];
        buf.get(start, aad, 0, n);
        cipher.updateAAD(aad, 0, n);
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        return aead == Aead.AES_128_GCM ? new GCMParameterSpec(8 * PacketProtection.TAG_BYTES, nonce)
                : new IvParameterSpec(nonce);
    }
}

package org.messenger.transport.crypto;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.messenger.transport.crypto.Libcrypto.critical;
import static org.messenger.transport.crypto.Libcrypto.failure;
import static org.messenger.transport.crypto.Libcrypto.handle;
import static org.messenger.transport.crypto.Libcrypto.invokeLong;
import static org.messenger.transport.crypto.Libcrypto.invokeVoid;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The AEAD of OpenSSL 3's libcrypto (EVP API), called through the FFM API (JDK 22+; this file is
 * compiled with {@code --release 22} and loaded by {@link AeadLibrary} only where that works).
 *
 * <p>Why: one {@code EVP_CIPHER_CTX} per direction keeps its key schedule and takes a new IV per
 * packet ({@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, enc)}), where the JDK's {@code Cipher}
 * allocates ~1 KB in every {@code init}; and libcrypto works on the datagram's own native memory
 * (page-aligned direct buffers), with its VAES/VPCLMULQDQ code, where the JDK copies the datagram
 * into an array and back.
 *
 * <p>Nothing is allocated per packet: the downcall handles are static, the IV and the {@code int}
 * out-length live in a few bytes of native memory owned by this engine, and the datagram buffer's
 * address is looked up again only when another buffer comes (buffers are pooled and long-lived).
 * The per-packet calls pass pointers as {@code long} addresses (every 64-bit ABI the JDK's linker
 * supports passes a pointer and a 64-bit integer alike), so no {@link MemorySegment} is made per
 * call; in exchange nothing checks them but us: {@link AeadProtection} bounds every index against
 * the buffer before it gets here, and the buffer is kept reachable across the calls. They are
 * {@linkplain Linker.Option#critical critical}: short (tens of microseconds at most for 64 KiB),
 * no upcalls, no blocking.
 *
 * <p>A packet that fails to open keeps its bytes: libcrypto writes the plaintext before
 * {@code EVP_DecryptFinal_ex} checks the tag, so on a wrong tag the same counter-mode keystream
 * (nonce and key unchanged) is applied once more, by a third context that encrypts with the
 * opening key, which turns the written plaintext back into the exact ciphertext (x ^ k ^ k = x;
 * GCM and ChaCha20-Poly1305 both start their keystream at the same counter when encrypting and
 * decrypting). That costs a forgery twice the work of a packet, and an authentic packet nothing:
 * no copy on the common path.
 *
 * <p>The three contexts and the engine's native memory are freed by {@link #close} (the transfer
 * ends), or by a {@link Cleaner} if an engine is dropped without it.
 */
final class OpenSslAeadEngine implements AeadEngine {
    private static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
    private static final int EVP_CTRL_AEAD_SET_TAG = 0x11;
    private static final int TAG = PacketProtection.TAG_BYTES;
    private static final int ENCRYPT = 1;
    private static final int DECRYPT = 0;

    // Set-up and tear-down.
    private static final MethodHandle EVP_AES_128_GCM = handle("EVP_aes_128_gcm", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle EVP_CHACHA20_POLY1305 = handle("EVP_chacha20_poly1305", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle EVP_CIPHER_CTX_NEW = handle("EVP_CIPHER_CTX_new", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle EVP_CIPHER_CTX_FREE = handle("EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(JAVA_LONG));
    private static final MethodHandle ERR_CLEAR_ERROR = handle("ERR_clear_error", FunctionDescriptor.ofVoid());
    // Per packet. int EVP_CipherInit_ex(ctx, cipher, engine, key, iv, enc)
    private static final MethodHandle EVP_CIPHER_INIT_EX = critical("EVP_CipherInit_ex",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), false);
    // int EVP_CipherUpdate(ctx, out, int *outl, in, int inl)
    private static final MethodHandle EVP_CIPHER_UPDATE = critical("EVP_CipherUpdate",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), false);
    // int EVP_CipherFinal_ex(ctx, out, int *outl)
    private static final MethodHandle EVP_CIPHER_FINAL_EX = critical("EVP_CipherFinal_ex",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    // int EVP_CIPHER_CTX_ctrl(ctx, int type, int arg, void *ptr)
    private static final MethodHandle EVP_CIPHER_CTX_CTRL = critical("EVP_CIPHER_CTX_ctrl",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG), false);

    private final Aead aead;
    private final Natives natives;
    private final Cleaner.Cleanable cleanable;
    private final long sealCtx;
    private final long openCtx;
    private final long restoreCtx;
    /** 12 bytes of IV, then (at {@link #OUT_LENGTH}) the {@code int} libcrypto writes lengths into. */
    private final MemorySegment scratch;
    private final long ivAddress;
    private final long outLengthAddress;
    private static final long OUT_LENGTH = 16;
    // The direct buffers seen last, for sealing and for opening apart (an endpoint seals in its
    // send buffer and opens in its driver's receive buffer): looked up only when another comes.
    private final BufferAddresses sealBuffers = new BufferAddresses();
    private final BufferAddresses openBuffers = new BufferAddresses();
    /** Where heap buffers' datagrams are sealed and opened (tests only; the data path is direct). */
    private MemorySegment heapCopy;

    OpenSslAeadEngine(Aead aead, byte[] sealKey, byte[] openKey) {
        if (sealKey.length != aead.keyBytes || openKey.length != aead.keyBytes) {
            throw new IllegalArgumentException(aead + " needs " + aead.keyBytes + "-byte keys");
        }
        this.aead = aead;
        Arena arena = Arena.ofShared();
        this.natives = new Natives(arena);
        this.cleanable = Libcrypto.CLEANER.register(this, natives);
        try {
            long cipher = invokeLong(aead == Aead.AES_128_GCM ? EVP_AES_128_GCM : EVP_CHACHA20_POLY1305);
            this.sealCtx = natives.add(newContext(cipher, sealKey, ENCRYPT));
            this.openCtx = natives.add(newContext(cipher, openKey, DECRYPT));
            this.restoreCtx = natives.add(newContext(cipher, openKey, ENCRYPT));
            this.scratch = arena.allocate(32, 16);
            this.ivAddress = scratch.address();
            this.outLengthAddress = scratch.address() + OUT_LENGTH;
        } catch (RuntimeException | Error e) {
            cleanable.clean();
            throw e;
        }
    }

    @Override
    public void seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce) {
        if (!buf.isDirect()) {
            sealHeap(buf, start, payloadStart, payloadEnd, nonce);
            return;
        }
        seal(sealBuffers.addressOf(buf), start, payloadStart, payloadEnd, nonce);
        Reference.reachabilityFence(buf);
    }

    @Override
    public boolean open(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce) {
        if (!buf.isDirect()) return openHeap(buf, start, payloadStart, end, nonce);
        boolean authentic = open(openBuffers.addressOf(buf), start, payloadStart, end, nonce);
        Reference.reachabilityFence(buf);
        return authentic;
    }

    @Override
    public void close() {
        sealBuffers.forget();
        openBuffers.forget();
        cleanable.clean();
    }

    @Override
    public boolean holdsNativeMemory() {
        return natives.holds();
    }

    /** The datagram at {@code base + [start, payloadEnd + TAG)}. */
    private void seal(long base, int start, int payloadStart, int payloadEnd, byte[] nonce) {
        setIv(nonce);
        check(init(sealCtx, ENCRYPT), "EVP_CipherInit_ex");
        aad(sealCtx, base, start, payloadStart);
        int length = payloadEnd - payloadStart;
        long payload = base + payloadStart;
        if (length > 0) check(update(sealCtx, payload, payload, length) && outLength() == length, "EVP_CipherUpdate");
        check(finalEx(sealCtx, payload + length), "EVP_CipherFinal_ex");
        check(ctrl(sealCtx, EVP_CTRL_AEAD_GET_TAG, payload + length), "EVP_CTRL_AEAD_GET_TAG");
    }

    /** The datagram at {@code base + [start, end)}, its last {@link #TAG} bytes the tag. */
    private boolean open(long base, int start, int payloadStart, int end, byte[] nonce) {
        setIv(nonce);
        check(init(openCtx, DECRYPT), "EVP_CipherInit_ex");
        aad(openCtx, base, start, payloadStart);
        int length = end - TAG - payloadStart;
        long payload = base + payloadStart;
        if (length > 0) check(update(openCtx, payload, payload, length) && outLength() == length, "EVP_CipherUpdate");
        check(ctrl(openCtx, EVP_CTRL_AEAD_SET_TAG, payload + length), "EVP_CTRL_AEAD_SET_TAG");
        if (finalEx(openCtx, payload + length)) return true;
        // Not authentic: the plaintext libcrypto wrote goes back to the ciphertext it was.
        invokeVoid(ERR_CLEAR_ERROR);
        check(init(restoreCtx, ENCRYPT), "EVP_CipherInit_ex");
        if (length > 0) check(update(restoreCtx, payload, payload, length) && outLength() == length, "EVP_CipherUpdate");
        return false;
    }

    private void sealHeap(ByteBuffer buf, int start, int payloadStart, int payloadEnd, byte[] nonce) {
        int n = payloadEnd + TAG - start;
        MemorySegment copy = heapCopy(n);
        MemorySegment heap = MemorySegment.ofArray(buf.array()).asSlice(buf.arrayOffset() + (long) start, n);
        copy.copyFrom(heap);
        seal(copy.address() - start, start, payloadStart, payloadEnd, nonce);
        heap.copyFrom(copy);
    }

    private boolean openHeap(ByteBuffer buf, int start, int payloadStart, int end, byte[] nonce) {
        int n = end - start;
        MemorySegment copy = heapCopy(n);
        MemorySegment heap = MemorySegment.ofArray(buf.array()).asSlice(buf.arrayOffset() + (long) start, n);
        copy.copyFrom(heap);
        if (!open(copy.address() - start, start, payloadStart, end, nonce)) return false;
        heap.copyFrom(copy);
        return true;
    }

    private MemorySegment heapCopy(int bytes) {
        if (heapCopy == null || heapCopy.byteSize() < bytes) {
            // Doubling: the arena frees only at close, so what it ever held stays under twice the last.
            long size = Math.max(bytes, heapCopy == null ? 2048 : 2 * heapCopy.byteSize());
            heapCopy = natives.arena.allocate(size, 64);
        }
        return heapCopy.asSlice(0, bytes);
    }

    private void aad(long ctx, long base, int start, int payloadStart) {
        int length = payloadStart - start;
        if (length > 0) check(update(ctx, 0L, base + start, length), "EVP_CipherUpdate (associated data)");
    }

    private void setIv(byte[] nonce) {
        for (int i = 0; i < Aead.NONCE_BYTES; i++) scratch.set(JAVA_BYTE, i, nonce[i]);
    }

    private int outLength() {
        return scratch.get(JAVA_INT, OUT_LENGTH);
    }

    private void check(boolean ok, String call) {
        if (!ok) {
            invokeVoid(ERR_CLEAR_ERROR);
            throw new IllegalStateException(call + " failed in OpenSSL's " + aead
                    + "; run with -D" + AeadLibrary.PROPERTY + "=jdk and report it");
        }
    }

    // ---- the downcalls; a Throwable from invokeExact is the linker's own failure ----

    private boolean init(long ctx, int enc) {
        try {
            return (int) EVP_CIPHER_INIT_EX.invokeExact(ctx, 0L, 0L, 0L, ivAddress, enc) == 1;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    private boolean update(long ctx, long out, long in, int length) {
        try {
            return (int) EVP_CIPHER_UPDATE.invokeExact(ctx, out, outLengthAddress, in, length) == 1;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    private boolean finalEx(long ctx, long out) {
        try {
            return (int) EVP_CIPHER_FINAL_EX.invokeExact(ctx, out, outLengthAddress) == 1;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    private static boolean ctrl(long ctx, int type, long tag) {
        try {
            return (int) EVP_CIPHER_CTX_CTRL.invokeExact(ctx, type, TAG, tag) == 1;
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /** A context with its cipher, key and direction set; per packet only the IV changes. */
    private static long newContext(long cipher, byte[] key, int enc) {
        long ctx;
        try {
            ctx = (long) EVP_CIPHER_CTX_NEW.invokeExact();
        } catch (Throwable e) {
            throw failure(e);
        }
        if (ctx == 0) throw new OutOfMemoryError("EVP_CIPHER_CTX_new: libcrypto is out of memory");
        try (Arena keyArena = Arena.ofConfined()) {
            MemorySegment k = keyArena.allocate(key.length);
            MemorySegment.copy(key, 0, k, JAVA_BYTE, 0, key.length);
            int ok;
            try {
                ok = (int) EVP_CIPHER_INIT_EX.invokeExact(ctx, cipher, 0L, k.address(), 0L, enc);
            } finally {
                k.fill((byte) 0);
            }
            if (ok != 1) {
                freeContext(ctx);
                invokeVoid(ERR_CLEAR_ERROR);
                throw new IllegalStateException("EVP_CipherInit_ex refused the key");
            }
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error r) throw r;
            freeContext(ctx);
            throw failure(e);
        }
        return ctx;
    }

    private static void freeContext(long ctx) {
        try {
            EVP_CIPHER_CTX_FREE.invokeExact(ctx);
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /**
     * The address of byte 0 (not of the position) of the few direct buffers used last. A buffer is
     * looked up again when it is not among them, or when the memory behind it was freed (a buffer
     * over an arena's segment), which then fails here instead of reaching libcrypto.
     */
    private static final class BufferAddresses {
        private static final int SLOTS = 4;
        private final ByteBuffer[] buffers = new ByteBuffer[SLOTS];
        private final MemorySegment[] segments = new MemorySegment[SLOTS];
        private final long[] addresses = new long[SLOTS];
        private int next;

        long addressOf(ByteBuffer buf) {
            for (int i = 0; i < SLOTS; i++) {
                if (buffers[i] == buf && segments[i].scope().isAlive()) return addresses[i];
            }
            int slot = next;
            next = (next + 1) % SLOTS;
            MemorySegment whole = MemorySegment.ofBuffer(buf.duplicate().clear());
            buffers[slot] = buf;
            segments[slot] = whole;
            addresses[slot] = whole.address();
            return addresses[slot];
        }

        void forget() {
            Arrays.fill(buffers, null);
            Arrays.fill(segments, null);
        }
    }

    /**
     * What an engine holds natively: its contexts and its arena. Apart from the engine so that the
     * {@link Cleaner} does not keep the engine reachable; runs once, by {@link #close} or the Cleaner.
     */
    private static final class Natives implements Runnable {
        final Arena arena;
        private final long[] contexts = new long[3];
        private int count;

        Natives(Arena arena) {
            this.arena = arena;
        }

        long add(long ctx) {
            contexts[count++] = ctx;
            return ctx;
        }

        boolean holds() {
            return arena.scope().isAlive();
        }

        @Override
        public void run() {
            for (int i = 0; i < count; i++) freeContext(contexts[i]);
            count = 0;
            arena.close();
        }
    }
}

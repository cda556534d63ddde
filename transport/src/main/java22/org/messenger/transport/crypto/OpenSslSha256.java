package org.messenger.transport.crypto;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.messenger.transport.crypto.Libcrypto.critical;
import static org.messenger.transport.crypto.Libcrypto.failure;
import static org.messenger.transport.crypto.Libcrypto.handle;
import static org.messenger.transport.crypto.Libcrypto.invokeLong;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * SHA-256 by OpenSSL 3's libcrypto ({@code EVP_Digest*}), called through the FFM API (JDK 22+;
 * compiled with {@code --release 22} and loaded by {@link Sha256Digest} only where that works).
 *
 * <p>Why: the JDK's SHA-256 reaches the CPU's SHA instructions only once the optimising compiler
 * (C2) has compiled {@code DigestBase.implCompressMultiBlock0}; until then, and for the whole life
 * of a process that runs the first tier only, it hashes in Java at a fraction of that speed.
 * libcrypto's is native code, as fast on the first byte as on the last (1.7 GB/s with SHA-NI
 * here), so a cold one-shot {@code get} and a server hashing a large file on its first GET need
 * no warm-up. The digest is the same (FIPS 180-4); {@link Sha256Digest} checks that once against
 * the JDK's before it trusts libcrypto.
 *
 * <p>A direct buffer is hashed where it lies; a heap array is passed to libcrypto as it is (a
 * {@linkplain Linker.Option#critical(boolean) critical} call with heap access: no copy, the GC
 * waits for the call, so anything larger goes in 1 MiB pieces, direct buffers too). The
 * context is freed by a {@link Cleaner} when the digest is dropped: a {@link MessageDigest} has no
 * close.
 */
final class OpenSslSha256 extends MessageDigest {
    private static final int DIGEST_BYTES = 32;
    /**
     * The most bytes given to libcrypto in one call: safepoints (and so the GC) wait while a
     * critical call runs, so any amount is hashed in pieces of at most ~0.6 ms each.
     */
    private static final int PIECE = 1 << 20;

    private static final MethodHandle EVP_SHA256 = handle("EVP_sha256", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle EVP_MD_CTX_NEW = handle("EVP_MD_CTX_new", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle EVP_MD_CTX_FREE = handle("EVP_MD_CTX_free", FunctionDescriptor.ofVoid(JAVA_LONG));
    // int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl)
    private static final MethodHandle EVP_DIGEST_INIT_EX = critical("EVP_DigestInit_ex",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    // int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt): the bytes as an address
    // (direct buffers) or as a heap segment (arrays), hence two handles.
    private static final MethodHandle EVP_DIGEST_UPDATE_ADDRESS = critical("EVP_DigestUpdate",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle EVP_DIGEST_UPDATE_SEGMENT = critical("EVP_DigestUpdate",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ValueLayout.ADDRESS, JAVA_LONG), true);
    // int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s)
    private static final MethodHandle EVP_DIGEST_FINAL_EX = critical("EVP_DigestFinal_ex",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ValueLayout.ADDRESS, JAVA_LONG), true);

    private static final long SHA256 = invokeLong(EVP_SHA256);

    private final Context context;
    private final byte[] single = new byte[1];

    OpenSslSha256() {
        super("SHA-256");
        this.context = new Context(invokeLong(EVP_MD_CTX_NEW));
        Libcrypto.CLEANER.register(this, context);
        init();
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        single[0] = input;
        engineUpdate(single, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        MemorySegment array = MemorySegment.ofArray(input).asSlice(offset, len); // bounds-checked here
        for (long at = 0; at < len; at += PIECE) {
            long n = Math.min(PIECE, len - at);
            int ok;
            try {
                ok = (int) EVP_DIGEST_UPDATE_SEGMENT.invokeExact(context.ctx, array.asSlice(at, n), n);
            } catch (Throwable e) {
                throw failure(e);
            } finally {
                Reference.reachabilityFence(this); // the Cleaner must not free the context mid-call
            }
            check(ok, "EVP_DigestUpdate");
        }
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        int len = input.remaining();
        if (len == 0) return;
        if (!input.isDirect()) {
            if (input.hasArray()) {
                engineUpdate(input.array(), input.arrayOffset() + input.position(), len);
                input.position(input.limit());
            } else {
                super.engineUpdate(input); // read-only heap buffer: copied out in chunks
            }
            return;
        }
        long address = MemorySegment.ofBuffer(input).address(); // the segment starts at the position
        for (long at = 0; at < len; at += PIECE) {
            long n = Math.min(PIECE, len - at);
            int ok;
            try {
                ok = (int) EVP_DIGEST_UPDATE_ADDRESS.invokeExact(context.ctx, address + at, n);
            } catch (Throwable e) {
                throw failure(e);
            } finally {
                Reference.reachabilityFence(input);
                Reference.reachabilityFence(this);
            }
            check(ok, "EVP_DigestUpdate");
        }
        input.position(input.limit());
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[DIGEST_BYTES];
        int ok;
        try {
            ok = (int) EVP_DIGEST_FINAL_EX.invokeExact(context.ctx, MemorySegment.ofArray(out), 0L);
        } catch (Throwable e) {
            throw failure(e);
        } finally {
            Reference.reachabilityFence(this);
        }
        check(ok, "EVP_DigestFinal_ex");
        init(); // a MessageDigest starts over after digest()
        return out;
    }

    @Override
    protected void engineReset() {
        init();
    }

    private void init() {
        int ok;
        try {
            ok = (int) EVP_DIGEST_INIT_EX.invokeExact(context.ctx, SHA256, 0L);
        } catch (Throwable e) {
            throw failure(e);
        } finally {
            Reference.reachabilityFence(this);
        }
        check(ok, "EVP_DigestInit_ex");
    }

    private static void check(int ok, String call) {
        if (ok != 1) throw new IllegalStateException(call + " failed in libcrypto");
    }

    /** The native context, apart from the digest so that the {@link Cleaner} does not keep it reachable. */
    private static final class Context implements Runnable {
        final long ctx;

        Context(long ctx) {
            if (ctx == 0) throw new OutOfMemoryError("EVP_MD_CTX_new returned NULL");
            this.ctx = ctx;
        }

        @Override
        public void run() {
            try {
                EVP_MD_CTX_FREE.invokeExact(ctx);
            } catch (Throwable e) {
                throw failure(e);
            }
        }
    }
}

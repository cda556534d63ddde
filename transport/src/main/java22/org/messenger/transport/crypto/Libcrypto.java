package org.messenger.transport.crypto;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * OpenSSL 3's libcrypto ({@code libcrypto.so.3}, Debian's libssl3) as the FFM API reaches it:
 * the library, looked up once per process, and the downcall handles of its functions, for
 * {@link OpenSslAeadEngine} and {@link OpenSslSha256} (compiled with {@code --release 22}). Loading
 * this class fails with an {@link UnsatisfiedLinkError} where the library is missing or older
 * than OpenSSL 3; {@link LibcryptoLoader} turns that into a reason to use the JDK's instead.
 */
final class Libcrypto {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup CRYPTO = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    /** Frees what libcrypto allocated for objects dropped without being closed: one thread for all of them. */
    static final Cleaner CLEANER = Cleaner.create();

    static {
        long version = invokeLong(handle("OpenSSL_version_num", FunctionDescriptor.of(JAVA_LONG)));
        // 0xMNN00PP0L: major in the top nibble (OpenSSL 3's OPENSSL_VERSION_NUMBER).
        if ((version >>> 28) < 3) {
            throw new UnsatisfiedLinkError("libcrypto.so.3 reports version 0x" + Long.toHexString(version)
                    + "; OpenSSL 3 is needed");
        }
    }

    private Libcrypto() {
    }

    /** A function that may block or take long: the JVM keeps its usual bookkeeping around the call. */
    static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /**
     * A short function that never calls back into Java, called without the JVM's thread-state
     * transitions ({@linkplain Linker.Option#critical critical}); {@code heapAccess}: it may be
     * given heap segments (Java arrays) too, and the GC waits while it runs.
     */
    static MethodHandle critical(String name, FunctionDescriptor descriptor, boolean heapAccess) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.critical(heapAccess));
    }

    /** Calls a function that takes nothing and returns a pointer or number. */
    static long invokeLong(MethodHandle h) {
        try {
            return (long) h.invokeExact();
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /** Calls a function that takes nothing and returns nothing. */
    static void invokeVoid(MethodHandle h) {
        try {
            h.invokeExact();
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    /** What a downcall threw, as an unchecked exception (errors are rethrown as they are). */
    static RuntimeException failure(Throwable e) {
        if (e instanceof RuntimeException r) return r;
        if (e instanceof Error err) throw err;
        return new IllegalStateException("Calling libcrypto failed", e);
    }

    private static MemorySegment symbol(String name) {
        return CRYPTO.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libcrypto.so.3 has no " + name));
    }
}

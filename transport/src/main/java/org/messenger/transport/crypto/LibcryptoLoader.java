package org.messenger.transport.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Loads a class of {@code src/main/java22} that calls libcrypto ({@link AeadLibrary}'s engine,
 * {@link Sha256Digest}'s digest) and finds its constructor, or says why it cannot be used here:
 * it is compiled for Java 22 (the FFM API), so it is only touched on a JDK 22 or newer, and a
 * failure to link libcrypto, or a known-answer check that disagrees with the JDK, leaves the
 * JDK's implementation in charge instead of failing anything.
 */
final class LibcryptoLoader {
    /** A known-answer check of a freshly loaded class against the JDK's: null if they agree, else why not. */
    @FunctionalInterface
    interface KnownAnswer {
        String disagreement(MethodHandle constructor) throws Throwable;
    }

    /** The constructor, or null and why not. */
    record Loaded(MethodHandle constructor, String unavailable) {}

    private LibcryptoLoader() {
    }

    static Loaded load(String className, MethodType constructorType, KnownAnswer check) {
        if (Runtime.version().feature() < 22) {
            return new Loaded(null, "this JDK is " + Runtime.version().feature()
                    + "; calling libcrypto needs the FFM API of JDK 22 or newer");
        }
        String why;
        MethodHandle constructor = null;
        try {
            Class<?> c = Class.forName(className, true, LibcryptoLoader.class.getClassLoader());
            constructor = MethodHandles.lookup().findConstructor(c, constructorType);
            why = check.disagreement(constructor);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // ReflectiveOperationException, LinkageError or a failure inside libcrypto
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            why = "libcrypto.so.3 could not be linked (" + cause + ")";
        }
        return why == null ? new Loaded(constructor, null) : new Loaded(null, why);
    }
}

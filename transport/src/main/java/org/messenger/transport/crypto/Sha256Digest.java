package org.messenger.transport.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the SHA-256 of shared and downloaded files comes from: OpenSSL's libcrypto where it can
 * run (a JDK 22 or newer and libssl3, as for {@link AeadLibrary#OPENSSL}), else the JDK's.
 *
 * <p>Both give the same digest; libcrypto's runs at full speed from its first byte, where the
 * JDK's needs its optimising compiler first (a one-shot {@code get} of 1 GiB hashed the file
 * in Java for its first half-second; a process on the first compiler tier alone never reaches
 * the SHA instructions). The system property {@value #PROPERTY} ({@code jdk} or {@code openssl})
 * picks one; docs/performance.md has the figures.
 */
public final class Sha256Digest {
    /** System property that forces a library: {@code jdk} or {@code openssl}. */
    public static final String PROPERTY = "messenger.sha256";

    private static final Logger LOG = LoggerFactory.getLogger(Sha256Digest.class);

    private Sha256Digest() {
    }

    /** A new SHA-256 digest from the library {@link #library()} names. */
    public static MessageDigest create() {
        return "openssl".equals(library()) ? OpenSsl.create() : jdk();
    }

    /** {@code openssl} or {@code jdk}: which library {@link #create()} uses in this process. */
    public static String library() {
        return Choice.LIBRARY;
    }

    /**
     * Links libcrypto now rather than at the first hash (the FFM API generates its downcall stubs
     * at run time), so a one-shot command can do it on a second thread. Safe from any thread.
     */
    public static void prepare() {
        library();
    }

    /** The JDK's SHA-256, which every Java platform has. */
    static MessageDigest jdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Which library a property value and OpenSSL's availability ({@code openSslUnavailable}: why
     * not, or null if it can run) give. Apart so that the fallback is tested where OpenSSL runs.
     */
    static String choose(String property, String openSslUnavailable) {
        String asked = property.trim().toLowerCase(Locale.ROOT);
        if (asked.equals("jdk")) return "jdk";
        if (!asked.isEmpty() && !asked.equals("openssl")) {
            LOG.warn("-D{}={} names no SHA-256 library (jdk or openssl); using {}.", PROPERTY, asked,
                    openSslUnavailable == null ? "OpenSSL's" : "the JDK's");
        } else if (asked.equals("openssl") && openSslUnavailable != null) {
            LOG.warn("-D{}=openssl asks for OpenSSL's SHA-256, but it cannot be used here: {}. Using the JDK's.",
                    PROPERTY, openSslUnavailable);
        }
        return openSslUnavailable == null ? "openssl" : "jdk";
    }

    /** The choice, made once per process on first use. */
    private static final class Choice {
        static final String LIBRARY;

        static {
            String property = System.getProperty(PROPERTY, "");
            // Asked for the JDK's: libcrypto is not even linked.
            LIBRARY = property.trim().equalsIgnoreCase("jdk") ? "jdk" : choose(property, OpenSsl.UNAVAILABLE);
        }
    }

    /**
     * Loads {@code OpenSslSha256} once, on first use; any reason it cannot run here (or a digest
     * unlike the JDK's) leaves the JDK's in charge, logged once at debug ({@link LibcryptoLoader}).
     */
    private static final class OpenSsl {
        static final MethodHandle CONSTRUCTOR;
        static final String UNAVAILABLE;

        static {
            LibcryptoLoader.Loaded loaded = LibcryptoLoader.load("org.messenger.transport.crypto.OpenSslSha256",
                    MethodType.methodType(void.class), OpenSsl::agreesWithTheJdk);
            if (loaded.unavailable() != null) {
                LOG.debug("Files are hashed with the JDK's SHA-256, not OpenSSL's: {}", loaded.unavailable());
            }
            CONSTRUCTOR = loaded.constructor();
            UNAVAILABLE = loaded.unavailable();
        }

        static MessageDigest create() {
            try {
                return (MessageDigest) CONSTRUCTOR.invoke();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot set up OpenSSL's SHA-256", e);
            }
        }

        /**
         * A known-answer check before libcrypto is trusted: "abc" (FIPS 180-4's example), and 1,000
         * bytes given as an array, a direct buffer and byte by byte, each against the JDK's.
         * Null if they agree, else why not.
         */
        private static String agreesWithTheJdk(MethodHandle constructor) throws Throwable {
            MessageDigest theirs = (MessageDigest) constructor.invoke();
            byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
            if (!Arrays.equals(theirs.digest(abc), jdk().digest(abc))) return "libcrypto's SHA-256 of \"abc\" is not the JDK's";
            byte[] bytes = new byte[1000];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (31 * i + 7);
            byte[] expected = jdk().digest(bytes);
            theirs.update(bytes, 0, 600);
            ByteBuffer direct = ByteBuffer.allocateDirect(399).put(bytes, 600, 399).flip();
            theirs.update(direct);
            theirs.update(bytes[999]);
            if (direct.hasRemaining() || !Arrays.equals(theirs.digest(), expected)) {
                return "libcrypto's SHA-256 of a test message given in parts is not the JDK's";
            }
            return null;
        }
    }
}

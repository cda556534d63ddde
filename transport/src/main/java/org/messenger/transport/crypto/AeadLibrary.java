package org.messenger.transport.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which library runs the AEAD of {@link AeadProtection}. Both give byte-identical packets
 * (docs/transport.md §4.7's test vectors pass with either), so the two ends of a transfer need not
 * agree on one. The default, where OpenSSL can run, is {@link #AUTO}: OpenSSL's for datagrams of
 * an Ethernet MTU or less, where it is the faster and allocates nothing, and the JDK's for larger
 * ones, where its AES-GCM intrinsic (AVX-512 VAES and VPCLMULQDQ, which OpenSSL 3.0, Debian 12's
 * libssl3, lacks) is up to 2.4x faster (docs/performance.md, "Packet protection"). Elsewhere it is
 * the JDK's. The system property {@value #PROPERTY} ({@code auto}, {@code jdk} or {@code openssl})
 * picks one.
 */
public enum AeadLibrary {
    /** {@code javax.crypto.Cipher}: any JDK 21 or newer. */
    JDK("jdk"),
    /**
     * OpenSSL 3's libcrypto ({@code libcrypto.so.3}, Debian's libssl3) through the FFM API: needs a
     * JDK 22 or newer and {@code --enable-native-access=ALL-UNNAMED} (the launcher passes it).
     * No allocation and no copy per packet.
     */
    OPENSSL("openssl"),
    /**
     * Both, each packet to the faster for its size ({@link BySizeAeadEngine}): OpenSSL's up to
     * 1,500 bytes, the JDK's above. Needs what {@link #OPENSSL} needs.
     */
    AUTO("auto");

    /** System property that forces a library: {@code jdk} or {@code openssl}. */
    public static final String PROPERTY = "messenger.transport.aead";

    private static final Logger LOG = LoggerFactory.getLogger(AeadLibrary.class);

    /** What the property and the documentation call it. */
    public final String id;

    AeadLibrary(String id) {
        this.id = id;
    }

    /** True if this library can run here. */
    public boolean available() {
        return this == JDK || OpenSsl.UNAVAILABLE == null;
    }

    /** Why this library cannot run here, or null if it can. */
    public String unavailableReason() {
        return this == JDK ? null : OpenSsl.UNAVAILABLE;
    }

    /**
     * The library a new protection uses: the one {@value #PROPERTY} names, else {@code preferred}
     * where it can run (the default, {@link #AUTO}, or what a transfer's configuration prefers: a
     * client's downloads prefer OpenSSL's at every size, see {@code TransferConfig#aeadLibrary}),
     * else the JDK's. A value that names no library, or one that needs OpenSSL where it cannot
     * run, falls back to the JDK's (a transfer must not fail over a tuning flag) and says so once
     * in the log.
     */
    public static AeadLibrary selected(AeadLibrary preferred) {
        return choose(System.getProperty(PROPERTY, ""), OPENSSL.unavailableReason(), preferred);
    }

    /**
     * {@link #selected} for a property value and for whether OpenSSL can run here
     * ({@code openSslUnavailable} is why not, or null if it can): separate so that the fallback
     * is tested on machines where OpenSSL runs too.
     */
    static AeadLibrary choose(String property, String openSslUnavailable, AeadLibrary preferred) {
        String asked = property.trim().toLowerCase(Locale.ROOT);
        if (asked.isEmpty()) { // without the property, no warning: OpenSSL's absence is logged at debug
            return preferred == JDK || openSslUnavailable != null ? JDK : preferred;
        }
        if (asked.equals(JDK.id)) return JDK;
        for (AeadLibrary needsOpenSsl : new AeadLibrary[] {OPENSSL, AUTO}) {
            if (!asked.equals(needsOpenSsl.id)) continue;
            if (openSslUnavailable == null) return needsOpenSsl;
            warnOnce("-D" + PROPERTY + "=" + asked + " asks for OpenSSL's AEAD, but it cannot be used here: "
                    + openSslUnavailable + ". Using the JDK's; for OpenSSL's, install libssl3 and run on a"
                    + " JDK 22 or newer.");
            return JDK;
        }
        warnOnce("-D" + PROPERTY + "=" + asked + " names no AEAD library (auto, jdk or openssl); using the JDK's.");
        return JDK;
    }

    /**
     * Links OpenSSL's libcrypto now, if it can run here, instead of at the first transfer's
     * handshake: the FFM API generates its downcall stubs and about 60 method-handle classes at
     * run time (~60 ms in a cold JVM), which a one-shot {@code get} can do on a second thread
     * while it connects. Once per process; safe from any thread.
     */
    public static void prepare() {
        OPENSSL.available();
    }

    /** The fallback warnings already logged: one per distinct message, not one per transfer. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private static void warnOnce(String message) {
        if (WARNED.add(message)) LOG.warn(message);
    }

    AeadEngine newEngine(Aead aead, byte[] sealKey, byte[] openKey) {
        if (this == JDK) return new JdkAeadEngine(aead, sealKey, openKey);
        if (OpenSsl.UNAVAILABLE != null) {
            throw new IllegalStateException("OpenSSL's AEAD cannot be used here: " + OpenSsl.UNAVAILABLE
                    + ". Install libssl3 and run on a JDK 22 or newer, or use AeadLibrary.JDK");
        }
        AeadEngine openSsl = OpenSsl.create(aead, sealKey, openKey);
        if (this == OPENSSL) return openSsl;
        byte[] sealCopy = sealKey.clone();
        byte[] openCopy = openKey.clone();
        return new BySizeAeadEngine(openSsl, () -> new JdkAeadEngine(aead, sealCopy, openCopy));
    }

    /**
     * Loads {@code OpenSslAeadEngine} once, on first use (never when only the JDK's is used); any
     * reason it cannot run here leaves the JDK's AEAD in charge, logged once ({@link LibcryptoLoader}).
     */
    private static final class OpenSsl {
        static final MethodHandle CONSTRUCTOR;
        static final String UNAVAILABLE;

        static {
            LibcryptoLoader.Loaded loaded = LibcryptoLoader.load("org.messenger.transport.crypto.OpenSslAeadEngine",
                    MethodType.methodType(void.class, Aead.class, byte[].class, byte[].class), OpenSsl::agreesWithTheJdk);
            if (loaded.unavailable() != null) {
                LOG.debug("Packet protection uses the JDK's AEAD, not OpenSSL's: {}", loaded.unavailable());
            }
            CONSTRUCTOR = loaded.constructor();
            UNAVAILABLE = loaded.unavailable();
        }

        static AeadEngine create(Aead aead, byte[] sealKey, byte[] openKey) {
            try {
                return (AeadEngine) CONSTRUCTOR.invoke(aead, sealKey, openKey);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot set up OpenSSL's " + aead, e);
            }
        }

        /**
         * A known-answer check before libcrypto is trusted: both AEADs seal one packet exactly as
         * the JDK does and open it back. Null if they agree, else why not.
         */
        private static String agreesWithTheJdk(MethodHandle constructor) throws Throwable {
            byte[] key = new byte[32];
            for (int i = 0; i < key.length; i++) key[i] = (byte) (7 * i + 1);
            byte[] nonce = new byte[Aead.NONCE_BYTES];
            for (int i = 0; i < nonce.length; i++) nonce[i] = (byte) (13 * i + 5);
            for (Aead aead : Aead.values()) {
                byte[] k = Arrays.copyOf(key, aead.keyBytes);
                AeadEngine theirs = (AeadEngine) constructor.invoke(aead, k, k);
                AeadEngine ours = new JdkAeadEngine(aead, k, k);
                try {
                    ByteBuffer a = ByteBuffer.allocateDirect(160);
                    ByteBuffer b = ByteBuffer.allocateDirect(160);
                    for (int i = 0; i < 144; i++) {
                        a.put(i, (byte) i);
                        b.put(i, (byte) i);
                    }
                    theirs.seal(a, 0, 12, 144, nonce);
                    ours.seal(b, 0, 12, 144, nonce);
                    if (!a.equals(b)) return "libcrypto's " + aead + " sealed a test packet unlike the JDK's";
                    if (!theirs.open(a, 0, 12, 160, nonce)) return "libcrypto's " + aead + " did not open its own test packet";
                } finally {
                    theirs.close();
                    ours.close();
                }
            }
            return null;
        }
    }
}

package org.messenger.irc.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.messenger.irc.codec.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of the server: an {@link SslContext} built from the PEM certificate and key, a
 * {@link SslHandler} per connection, and a reload when either file changes (a renewed Let's
 * Encrypt certificate is served to new connections without a restart; connections already open
 * keep theirs). A file that fails to load keeps the previous certificate in service, with a
 * warning naming the file.
 *
 * <p>{@link #reloadIfChanged} is called from one thread (the server's accept loop); the context
 * is published through a volatile field to the I/O threads.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final TlsSettings settings;
    private volatile Loaded current;
    private Stamp certificateStamp;
    private Stamp keyStamp;

    private record Loaded(SslContext context, CertificateFingerprint fingerprint, X509Certificate leaf) {}

    /** What a file looked like when it was last read: a change of either means read it again. */
    private record Stamp(long modifiedMillis, long size, Object fileKey) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
        }
    }

    private ServerTls(TlsSettings settings) {
        this.settings = settings;
    }

    /**
     * Loads the certificate and key.
     *
     * @throws IllegalArgumentException naming the file that is missing or unusable, and what to give instead
     */
    public static ServerTls load(TlsSettings settings) {
        ServerTls tls = new ServerTls(settings);
        try {
            tls.certificateStamp = Stamp.of(settings.certificate());
            tls.keyStamp = Stamp.of(settings.privateKey());
        } catch (IOException e) {
            throw new UnreadableCertificateException("cannot read the TLS certificate " + settings.certificate() + " or key "
                    + settings.privateKey() + " (" + e.getMessage() + "): check both files exist and are readable PEM", e);
        }
        tls.current = tls.build();
        return tls;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** The engine in use (AUTO resolved). */
    public TlsSettings.Engine engine() {
        return settings.engine().resolve();
    }

    public CertificateFingerprint fingerprint() {
        return current.fingerprint();
    }

    public X509Certificate certificate() {
        return current.leaf();
    }

    /** A handler for one new server-side connection, with the certificate in force now. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return current.context().newHandler(alloc);
    }

    /** Reads the files again if either changed since; returns true when a new certificate is now in service. */
    public boolean reloadIfChanged() {
        Stamp certificateNow;
        Stamp keyNow;
        try {
            certificateNow = Stamp.of(settings.certificate());
            keyNow = Stamp.of(settings.privateKey());
        } catch (IOException e) {
            log.warn("cannot check the TLS certificate files for changes ({}); still serving {}", e.toString(), fingerprint());
            return false;
        }
        if (certificateNow.equals(certificateStamp) && keyNow.equals(keyStamp)) {
            return false;
        }
        certificateStamp = certificateNow;
        keyStamp = keyNow;
        try {
            Loaded loaded = build();
            if (loaded.fingerprint().equals(current.fingerprint())) {
                return false;
            }
            current = loaded;
            log.info("TLS certificate reloaded from {}: SHA-256 fingerprint {}", settings.certificate(), loaded.fingerprint());
            return true;
        } catch (IllegalArgumentException e) {
            // Mid-renewal a tool may have written the certificate but not yet the key: the next change retries.
            log.warn("{}; still serving the previous certificate {}", e.getMessage(), fingerprint());
            return false;
        }
    }

    private Loaded build() {
        X509Certificate leaf = readLeaf(settings.certificate());
        try {
            SslContext context = SslContextBuilder.forServer(settings.certificate().toFile(), settings.privateKey().toFile())
                    .sslProvider(settings.engine().resolve() == TlsSettings.Engine.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
            return new Loaded(context, CertificateFingerprint.of(leaf), leaf);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use the TLS key " + settings.privateKey() + " with the certificate "
                    + settings.certificate() + " (" + rootMessage(e) + "): give the PEM private key that matches the certificate", e);
        }
    }

    private static X509Certificate readLeaf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Objects.requireNonNull(leaf);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate " + file + " (" + rootMessage(e)
                    + "): give a PEM certificate (-----BEGIN CERTIFICATE-----)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** The certificate or key file given cannot be read. */
    public static final class UnreadableCertificateException extends IllegalArgumentException {
        UnreadableCertificateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

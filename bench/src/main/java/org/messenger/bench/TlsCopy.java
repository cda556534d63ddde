package org.messenger.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The encrypted baseline: the same file copy as {@link TcpCopy}, over TLS 1.3 with
 * TLS_AES_128_GCM_SHA256 (the JDK's SSLSocket, so the JDK's AES-GCM intrinsics, as our protocol
 * uses), on 127.0.0.1. The server's certificate is self-signed, made once in memory (ECDSA P-256)
 * and trusted by the client. The clock runs from connect (handshake included, as our handshake is
 * in our figure) until the receiver has written the last byte.
 */
final class TlsCopy {
    static final String PROTOCOL = "TLSv1.3";
    static final String CIPHER_SUITE = "TLS_AES_128_GCM_SHA256";
    private final SSLContext context;
    private final byte[] sendBuffer = new byte[BenchFiles.CHUNK];
    private final byte[] receiveBuffer = new byte[BenchFiles.CHUNK];
    private final ByteBuffer fileBuffer = AlignedBuffers.allocate(BenchFiles.CHUNK);

    TlsCopy() {
        try {
            context = selfSignedContext();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot set up the TLS baseline: " + e.getMessage(), e);
        }
    }

    private static SSLContext selfSignedContext() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        char[] password = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pair.getPrivate(), password, new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return context;
    }

    /** Copies {@code size} bytes of {@code source} into {@code destination} over TLS; returns the elapsed nanoseconds. */
    long copy(Path source, Path destination, long size, Duration limit) throws IOException, InterruptedException, TimeoutException {
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE)) {
            server.setEnabledProtocols(new String[] {PROTOCOL});
            server.setEnabledCipherSuites(new String[] {CIPHER_SUITE});
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long[] doneNanos = {0};
            Exception[] failure = {null};
            Thread receiver = Thread.ofPlatform().name("bench-tls-receiver").daemon().start(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    InputStream stream = socket.getInputStream();
                    long position = 0;
                    while (position < size) {
                        int n = stream.read(receiveBuffer, 0, (int) Math.min(receiveBuffer.length, size - position));
                        if (n < 0) {
                            throw new EOFException("TLS sender closed after " + position + " of " + size + " bytes");
                        }
                        ByteBuffer chunk = ByteBuffer.wrap(receiveBuffer, 0, n);
                        while (chunk.hasRemaining()) {
                            position += out.write(chunk, position);
                        }
                    }
                    doneNanos[0] = System.nanoTime();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            long start = System.nanoTime();
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    server.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {PROTOCOL});
                socket.setEnabledCipherSuites(new String[] {CIPHER_SUITE});
                OutputStream stream = socket.getOutputStream();
                long position = 0;
                while (position < size) {
                    fileBuffer.clear().limit((int) Math.min(fileBuffer.capacity(), size - position));
                    int n = in.read(fileBuffer, position);
                    if (n < 0) {
                        throw new EOFException(source + " ends at " + position + ", expected " + size + " bytes");
                    }
                    fileBuffer.flip().get(sendBuffer, 0, n);
                    stream.write(sendBuffer, 0, n);
                    position += n;
                }
                stream.flush();
                receiver.join(limit);
            }
            if (receiver.isAlive()) {
                server.close();
                receiver.interrupt();
                throw new TimeoutException("TLS copy did not finish within " + limit.toSeconds() + " s");
            }
            if (failure[0] != null) {
                throw new IOException("TLS receiver failed: " + failure[0].getMessage(), failure[0]);
            }
            return doneNanos[0] - start;
        }
    }
}

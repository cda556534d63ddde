package org.messenger.irc.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate a server uses when the operator gives none: generated once into the data folder
 * ({@code tls/server.crt}, {@code tls/server.key}) and reused on every start, so that clients
 * that trusted its fingerprint on first use keep trusting it. ECDSA P-256, the cheapest common
 * key for handshakes; the names are the server name, localhost and the loopback addresses.
 */
public final class SelfSignedCertificate {
    public static final String CERT_FILE = "tls/server.crt";
    public static final String KEY_FILE = "tls/server.key";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {}

    /** The files, and whether they were made just now. */
    public record CertificateFiles(Path certificate, Path privateKey, boolean created) {}

    /**
     * Returns the certificate in {@code dataFolder}, generating it first when there is none.
     *
     * @throws IOException naming the file that could not be written or read, and what to do
     */
    public static CertificateFiles loadOrCreate(Path dataFolder, String serverName) throws IOException {
        Path cert = dataFolder.resolve(CERT_FILE);
        Path key = dataFolder.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return new CertificateFiles(cert, key, false);
        }
        if (Files.exists(cert) != Files.exists(key)) {
            throw new IOException("only one of " + cert + " and " + key + " exists: restore the other, or delete both"
                    + " to generate a new certificate (clients will then see a new fingerprint)");
        }
        Files.createDirectories(cert.getParent());
        String[] pem = generate(serverName, Instant.now());
        writeAtomically(key, pem[1], true);
        writeAtomically(cert, pem[0], false);
        return new CertificateFiles(cert, key, true);
    }

    /** [certificate PEM, PKCS#8 private key PEM]. */
    static String[] generate(String serverName, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + escapeRdn(serverName));
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, serverName));
            if (!serverName.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            }
            names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new String[] {pem(certificate), pem(new JcaPKCS8Generator(pair.getPrivate(), null))};
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String escapeRdn(String value) {
        return value.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1");
    }

    /** Written whole or not at all, the key readable by its owner only. */
    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + " (" + e.getMessage() + "): check the data folder is writable", e);
        }
    }
}

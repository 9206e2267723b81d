package io.rancherdesktop.rdd.service.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's TLS material in {@code tls_dir}: a self-signed CA, a serving certificate for
 * {@code 127.0.0.1} and {@code localhost} signed by it, and the bearer token clients present. Generated once;
 * later starts reuse them (so kubeconfigs stay valid) unless they are unreadable, expire within 30 days, or
 * lack the loopback names.
 */
public final class TlsMaterial {
    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Short enough for every platform verifier's limit on server certificates. */
    private static final Duration SERVING_VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";
    public static final String KEY_ALIAS = "serving";

    private final X509Certificate ca;
    private final X509Certificate serving;
    private final PrivateKey servingKey;
    private final String token;

    private TlsMaterial(X509Certificate ca, X509Certificate serving, PrivateKey servingKey, String token) {
        this.ca = ca;
        this.serving = serving;
        this.servingKey = servingKey;
        this.token = token;
    }

    /** Loads the material from {@code dir}, generating whatever is missing or unusable. */
    public static TlsMaterial loadOrCreate(Path dir, String commonNamePrefix) {
        try {
            createPrivateDirectory(dir);
            Path caCrt = dir.resolve("ca.crt");
            Path caKey = dir.resolve("ca.key");
            Path crt = dir.resolve("apiserver.crt");
            Path key = dir.resolve("apiserver.key");
            Path tokenFile = dir.resolve("token");
            X509Certificate ca = null;
            PrivateKey caPrivate = null;
            if (Files.isRegularFile(caCrt) && Files.isRegularFile(caKey)) {
                try {
                    ca = readCertificate(caCrt);
                    caPrivate = readKey(caKey);
                    if (expiresSoon(ca)) {
                        log.info("the API CA certificate in {} expires soon; generating a new one", dir);
                        ca = null;
                    }
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    log.warn("the API CA in {} is unusable ({}); generating a new one", dir, e.toString());
                    ca = null;
                }
            }
            boolean newCa = ca == null;
            if (newCa) {
                KeyPair kp = ecKeyPair();
                ca = selfSignedCa(kp, commonNamePrefix + "-ca");
                caPrivate = kp.getPrivate();
                writePrivate(caKey, pem(caPrivate));
                writePrivate(caCrt, pem(ca));
            }
            X509Certificate serving = null;
            PrivateKey servingKey = null;
            if (!newCa && Files.isRegularFile(crt) && Files.isRegularFile(key)) {
                try {
                    serving = readCertificate(crt);
                    servingKey = readKey(key);
                    serving.verify(ca.getPublicKey());
                    if (expiresSoon(serving) || !coversLoopback(serving)) {
                        serving = null;
                    }
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    log.warn("the API serving certificate in {} is unusable ({}); generating a new one", dir, e.toString());
                    serving = null;
                }
            }
            if (serving == null) {
                KeyPair kp = ecKeyPair();
                serving = servingCertificate(kp, ca, caPrivate, commonNamePrefix + "-apiserver");
                servingKey = kp.getPrivate();
                writePrivate(key, pem(servingKey));
                writePrivate(crt, pem(serving));
            }
            String token = null;
            if (Files.isRegularFile(tokenFile)) {
                token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
            }
            if (token == null || token.length() < 32) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                writePrivate(tokenFile, token + "\n");
            }
            return new TlsMaterial(ca, serving, servingKey, token);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing TLS material in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("generating TLS material in " + dir + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public X509Certificate servingCertificate() {
        return serving;
    }

    public String token() {
        return token;
    }

    /** The CA certificate as PEM (for kubeconfig {@code certificate-authority-data}). */
    public String caPem() {
        return pem(ca);
    }

    /** An in-memory PKCS#12 key store with the serving key and chain under {@link #KEY_ALIAS}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(KEY_ALIAS, servingKey, password, new Certificate[] {serving, ca});
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building the serving key store", e);
        }
    }

    /** A trust store holding only the CA (for clients of this server, e.g. tests). */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("rdd-ca", ca);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building the trust store", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ generation

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static X509Certificate selfSignedCa(KeyPair kp, String cn) throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(CA_VALIDITY)), name, kp.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
        return sign(b, kp.getPrivate());
    }

    private static X509Certificate servingCertificate(KeyPair kp, X509Certificate ca, PrivateKey caKey, String cn)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        Instant notAfter = now.plus(SERVING_VALIDITY);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(Duration.ofHours(1))), Date.from(notAfter),
                new X500Name("CN=" + cn), kp.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return sign(b, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        X509CertificateHolder holder = b.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static boolean expiresSoon(X509Certificate c) {
        return c.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE));
    }

    static boolean coversLoopback(X509Certificate c) throws CertificateParsingException {
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        Set<String> names = new HashSet<>();
        if (sans != null) {
            for (List<?> san : sans) {
                names.add(String.valueOf(san.get(1)));
            }
        }
        return names.contains("127.0.0.1") && names.contains("localhost");
    }

    // ------------------------------------------------------------------------------------------------ files

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        try {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory inherits the user's profile ACL
        }
    }

    /** Writes a file readable by the owner only, atomically (no moment where it exists with wider permissions). */
    public static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt()));
        try {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            if (o instanceof PrivateKey k) {
                // PKCS#8 ("PRIVATE KEY") keeps the curve in the algorithm identifier, so it reads back everywhere.
                pw.writeObject(new JcaPKCS8Generator(k, null).generate());
                return flush(pw, w);
            }
            pw.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String flush(JcaPEMWriter pw, StringWriter w) throws IOException {
        pw.flush();
        return w.toString();
    }

    private static X509Certificate readCertificate(Path p) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(p); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new IOException(p + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(h);
        }
    }

    private static PrivateKey readKey(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            return switch (o) {
                case PEMKeyPair kp -> conv.getPrivateKey(kp.getPrivateKeyInfo()); // SEC1 "EC PRIVATE KEY" may omit the public key
                case PrivateKeyInfo pki -> conv.getPrivateKey(pki);
                case null, default -> throw new IOException(p + " holds no private key");
            };
        }
    }
}

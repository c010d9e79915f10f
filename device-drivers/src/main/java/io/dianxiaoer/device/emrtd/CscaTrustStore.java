package io.dianxiaoer.device.emrtd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The country signing CA certificates (CSCA) this kiosk trusts to sign travel documents: the
 * configurable root of passive authentication. Load it from a directory of certificates
 * ({@code .pem}, {@code .crt}, {@code .cer}, {@code .der}; PEM files may hold several) or from a
 * PKCS#12 / JKS key store; in production it is filled from the ICAO PKD or a national master list.
 *
 * <p>Immutable and thread-safe.
 */
public final class CscaTrustStore {

    private final List<X509Certificate> certificates;

    private CscaTrustStore(Collection<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    public static CscaTrustStore of(Collection<X509Certificate> certificates) {
        return new CscaTrustStore(certificates);
    }

    public static CscaTrustStore of(X509Certificate... certificates) {
        return new CscaTrustStore(List.of(certificates));
    }

    public static CscaTrustStore empty() {
        return new CscaTrustStore(List.of());
    }

    /** {@link #load(Path, char[])} without a key-store password. */
    public static CscaTrustStore load(Path path) throws IOException {
        return load(path, null);
    }

    /**
     * A directory of certificate files, a single certificate file, or a key store ({@code .p12},
     * {@code .pfx}, {@code .jks}; only its certificate entries are used). PKCS#12 files encrypt their
     * certificates with the store password, so give it for those ({@code null} otherwise).
     */
    public static CscaTrustStore load(Path path, char[] keyStorePassword) throws IOException {
        if (Files.isDirectory(path)) {
            List<X509Certificate> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der")) {
                        all.addAll(readCertificates(f));
                    }
                }
            }
            return new CscaTrustStore(all);
        }
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".jks")) {
            return new CscaTrustStore(readKeyStore(path, n.endsWith(".jks") ? "JKS" : "PKCS12", keyStorePassword));
        }
        return new CscaTrustStore(readCertificates(path));
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException("not a certificate file: " + file.getFileName(), e);
        }
    }

    private static List<X509Certificate> readKeyStore(Path file, String type, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (GeneralSecurityException | IOException e) {
            // KeyStore.load reports a wrong password as an IOException: name the file either way
            throw new IOException("cannot read key store " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    Set<TrustAnchor> anchors() {
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : certificates) {
            a.add(new TrustAnchor(c, null));
        }
        return a;
    }

    @Override
    public String toString() {
        return "CscaTrustStore[" + certificates.size() + " certificates]";
    }
}

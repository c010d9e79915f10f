package io.dianxiaoer.device.emrtd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store loads from a directory of PEM/DER files, one file, or a PKCS#12 key store. */
class CscaTrustStoreTest {

    @TempDir
    Path dir;

    static X509Certificate cert(String cn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        X500Name n = new X500Name("CN=" + cn + ", C=UT");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(n, BigInteger.TEN,
                Date.from(Instant.now()), Date.from(Instant.now().plusSeconds(86400)), n, k.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void loadsADirectoryOfCertificates() throws Exception {
        X509Certificate a = cert("A");
        X509Certificate b = cert("B");
        X509Certificate c = cert("C");
        Files.writeString(dir.resolve("two.pem"), pem(a) + pem(b), StandardCharsets.US_ASCII);
        Files.write(dir.resolve("c.der"), c.getEncoded());
        Files.writeString(dir.resolve("readme.txt"), "not a certificate");
        CscaTrustStore t = CscaTrustStore.load(dir);
        assertThat(t.certificates()).containsExactlyInAnyOrder(a, b, c);
        assertThat(CscaTrustStore.load(dir.resolve("c.der")).certificates()).containsExactly(c);
    }

    @Test
    void loadsAKeyStore() throws Exception {
        X509Certificate a = cert("A");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("csca-a", a);
        Path p = dir.resolve("csca.p12");
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, "changeit".toCharArray());
        }
        assertThat(CscaTrustStore.load(p, "changeit".toCharArray()).certificates()).containsExactly(a);
        assertThatThrownBy(() -> CscaTrustStore.load(p, "wrong".toCharArray())).isInstanceOf(IOException.class)
                .hasMessageContaining("csca.p12");
    }

    @Test
    void aBrokenFileSaysWhich() throws IOException {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CscaTrustStore.load(bad)).isInstanceOf(IOException.class).hasMessageContaining("bad.pem");
        assertThat(CscaTrustStore.empty().isEmpty()).isTrue();
    }

    @Test
    void passiveAuthenticationRefusesGarbageAsAnInvalidSignature() {
        var r = PassiveAuthentication.check(java.util.Map.of(1, new byte[] {1, 2, 3}), new byte[] {0x77, 0x03, 1, 2, 3},
                CscaTrustStore.empty(), Instant.now());
        assertThat(r.verdict()).isEqualTo(io.dianxiaoer.core.identity.mrtd.ChipVerdict.SIGNATURE_INVALID);
        assertThat(r.checks().detail()).contains("cannot be parsed");
        var r2 = PassiveAuthentication.check(java.util.Map.of(), new byte[0], CscaTrustStore.empty(), Instant.now());
        assertThat(r2.verdict()).isEqualTo(io.dianxiaoer.core.identity.mrtd.ChipVerdict.SIGNATURE_INVALID);
    }
}

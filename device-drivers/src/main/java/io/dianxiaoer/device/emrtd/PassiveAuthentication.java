package io.dianxiaoer.device.emrtd;

import io.dianxiaoer.core.identity.mrtd.ChipChecks;
import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;
import org.jmrtd.lds.SODFile;

/**
 * Passive authentication of ICAO 9303 part 11: are the data groups read the ones the issuing state
 * signed? Three checks, each with its own verdict:
 * <ol>
 *   <li>the SOD's CMS signature verifies with the document signer certificate (DSC) it carries
 *       → else {@link ChipVerdict#SIGNATURE_INVALID};</li>
 *   <li>the hash of every data group read equals the one in the SOD → else {@link ChipVerdict#DATA_TAMPERED};</li>
 *   <li>the DSC chains (PKIX, no revocation list yet) to a country signing CA in the
 *       {@link CscaTrustStore} → else {@link ChipVerdict#SIGNER_UNTRUSTED}.</li>
 * </ol>
 * Pure computation, thread-safe; nothing is logged.
 */
public final class PassiveAuthentication {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** The verdict of the three checks (VERIFIED when all pass) and their details. */
    public record Result(ChipVerdict verdict, ChipChecks checks) {
    }

    private PassiveAuthentication() {
    }

    /**
     * @param dataGroups data-group number → the file's bytes exactly as read from the chip
     * @param sod        the EF.SOD bytes as read
     * @param at         the moment at which the DSC must be valid
     */
    public static Result check(Map<Integer, byte[]> dataGroups, byte[] sod, CscaTrustStore trust, Instant at) {
        SortedMap<Integer, byte[]> groups = new TreeMap<>(dataGroups);
        SODFile sodFile;
        CMSSignedData cms;
        try {
            sodFile = new SODFile(new ByteArrayInputStream(sod));
            cms = new CMSSignedData(contentInfo(sod));
        } catch (IOException | CMSException | RuntimeException e) {
            return new Result(ChipVerdict.SIGNATURE_INVALID, checks(List.of(), List.of(), Optional.of(false), Optional.empty(),
                    Optional.empty(), "the SOD cannot be parsed (" + e.getClass().getSimpleName() + ")"));
        }

        // 1. the signature over the signed attributes (which bind the hash of the LDS security object)
        X509Certificate dsc = null;
        String signer = null;
        String signatureProblem = null;
        try {
            SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) si.getSID();
            var holders = cms.getCertificates().getMatches(sid);
            if (holders.isEmpty()) {
                signatureProblem = "the SOD carries no document signer certificate";
            } else {
                X509CertificateHolder h = holders.iterator().next();
                dsc = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(h.getEncoded()));
                signer = dsc.getSubjectX500Principal().getName();
                if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(h))) {
                    signatureProblem = "the SOD signature does not verify with its document signer certificate";
                }
            }
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException | RuntimeException e) {
            signatureProblem = "the SOD signature does not verify (" + e.getClass().getSimpleName() + ")";
        }

        // 2. the data-group hashes
        List<Integer> checked = new ArrayList<>();
        List<Integer> mismatched = new ArrayList<>();
        String hashProblem = null;
        try {
            Map<Integer, byte[]> signedHashes = sodFile.getDataGroupHashes();
            MessageDigest md = MessageDigest.getInstance(sodFile.getDigestAlgorithm());
            for (Map.Entry<Integer, byte[]> g : groups.entrySet()) {
                checked.add(g.getKey());
                byte[] expected = signedHashes.get(g.getKey());
                if (expected == null || !MessageDigest.isEqual(expected, md.digest(g.getValue()))) {
                    mismatched.add(g.getKey());
                }
            }
            if (!mismatched.isEmpty()) {
                hashProblem = "data group(s) " + mismatched + " do not match the hashes in the SOD";
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            hashProblem = "the SOD's digest algorithm is unusable (" + e.getClass().getSimpleName() + ")";
        }

        // 3. the chain to a trusted CSCA
        String trustProblem = null;
        Optional<Boolean> trusted = Optional.empty();
        if (dsc != null) {
            trustProblem = chainProblem(dsc, trust, at);
            trusted = Optional.of(trustProblem == null);
        }

        Optional<Boolean> signatureValid = Optional.of(signatureProblem == null);
        Optional<String> signerName = Optional.ofNullable(signer);
        if (signatureProblem != null) {
            return new Result(ChipVerdict.SIGNATURE_INVALID,
                    checks(checked, mismatched, signatureValid, trusted, signerName, signatureProblem));
        }
        if (hashProblem != null) {
            return new Result(ChipVerdict.DATA_TAMPERED, checks(checked, mismatched, signatureValid, trusted, signerName, hashProblem));
        }
        if (trustProblem != null) {
            return new Result(ChipVerdict.SIGNER_UNTRUSTED, checks(checked, mismatched, signatureValid, trusted, signerName, trustProblem));
        }
        return new Result(ChipVerdict.VERIFIED, checks(checked, mismatched, signatureValid, trusted, signerName, ""));
    }

    private static String chainProblem(X509Certificate dsc, CscaTrustStore trust, Instant at) {
        if (trust.isEmpty()) {
            return "no country signing certificate is configured as trusted";
        }
        try {
            PKIXParameters p = new PKIXParameters(trust.anchors());
            p.setRevocationEnabled(false); // CRLs from the PKD are a later step
            p.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(dsc)), p);
            return null;
        } catch (GeneralSecurityException e) {
            return "the document signer (issued by " + dsc.getIssuerX500Principal().getName()
                    + ") does not chain to a trusted country signing CA";
        }
    }

    private static ChipChecks checks(List<Integer> checked, List<Integer> mismatched, Optional<Boolean> sig,
                                     Optional<Boolean> trusted, Optional<String> signer, String detail) {
        return new ChipChecks(checked, mismatched, sig, trusted, signer, detail);
    }

    /** EF.SOD is the CMS ContentInfo wrapped in an ICAO tag 0x77: strip the tag and its length. */
    static byte[] contentInfo(byte[] sod) throws IOException {
        if (sod.length < 2 || (sod[0] & 0xFF) != 0x77) {
            throw new IOException("EF.SOD does not start with tag 77");
        }
        int i = 1;
        int len = sod[i++] & 0xFF;
        if (len > 0x80) {
            int n = len & 0x7F;
            if (n > 3 || i + n > sod.length) {
                throw new IOException("bad length in EF.SOD");
            }
            len = 0;
            for (int k = 0; k < n; k++) {
                len = (len << 8) | (sod[i++] & 0xFF);
            }
        } else if (len == 0x80) {
            throw new IOException("indefinite length in EF.SOD");
        }
        if (i + len > sod.length) {
            throw new IOException("EF.SOD is shorter than its length says");
        }
        byte[] out = new byte[len];
        System.arraycopy(sod, i, out, 0, len);
        return out;
    }
}

package io.dianxiaoer.sim.emrtd;

import io.dianxiaoer.core.identity.mrtd.MrzCheckDigit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import net.sf.scuba.data.Gender;
import org.jmrtd.lds.LDSFile;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.icao.COMFile;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;

/**
 * Builds the elementary files of a virtual chip from a {@link TestPassport}: EF.COM, DG1 (the MRZ),
 * DG2 (the face, an ISO 19794-5 record around a JPEG) and EF.SOD (SHA-256 hashes of DG1 and DG2,
 * signed with ECDSA by a test DSC) — then spoils them as the {@link ChipMode} asks. The LDS
 * encoding uses JMRTD's data-group classes; the chip's protocol logic does not.
 *
 * <p>Stateless; thread-safe.
 */
public final class ChipFiles {

    public static final int EF_COM = 0x011E;
    public static final int EF_DG1 = 0x0101;
    public static final int EF_DG2 = 0x0102;
    public static final int EF_SOD = 0x011D;

    private ChipFiles() {
    }

    /** The BAC secret of {@code p}: document number, birth and expiry dates, each with its check digit. */
    public static String mrzInformation(TestPassport p) {
        String doc = p.documentNumber().length() >= 9 ? p.documentNumber()
                : p.documentNumber() + "<".repeat(9 - p.documentNumber().length());
        return doc + MrzCheckDigit.of(doc) + p.birthDate() + MrzCheckDigit.of(p.birthDate())
                + p.expiryDate() + MrzCheckDigit.of(p.expiryDate());
    }

    /** FID → file content for a chip in {@code mode}. */
    public static Map<Integer, byte[]> build(TestPassport p, TestPki pki, ChipMode mode) {
        try {
            byte[] dg1 = new DG1File(mrz(p, p.surname())).getEncoded();
            byte[] dg2 = dg2(p);
            TestPki.Signer signer = mode == ChipMode.UNTRUSTED_SIGNER ? pki.rogue() : pki.trusted();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<Integer, byte[]> hashes = new HashMap<>();
            hashes.put(1, sha.digest(dg1));
            hashes.put(2, sha.digest(dg2));
            SODFile sodFile = new SODFile("SHA-256", "SHA256withECDSA", hashes, signer.dscKey(), signer.dsc());
            byte[] sod = sodFile.getEncoded();
            if (mode == ChipMode.TAMPERED_DG1) {
                // Same length, other surname: a forger who changed the printed data and the chip alike.
                String other = p.surname().charAt(0) == 'Z' ? "Y" + p.surname().substring(1) : "Z" + p.surname().substring(1);
                dg1 = new DG1File(mrz(p, other)).getEncoded();
            } else if (mode == ChipMode.BAD_SIGNATURE) {
                byte[] sig = sodFile.getEncryptedDigest();
                int at = indexOf(sod, sig);
                if (at < 0) {
                    throw new IllegalStateException("signature not found in the SOD encoding");
                }
                sod[at + sig.length - 1] ^= 0x01; // the last byte of the ECDSA s value
            }
            byte[] com = new COMFile("1.7", "4.0.0", new int[] {LDSFile.EF_DG1_TAG, LDSFile.EF_DG2_TAG}).getEncoded();
            return Map.of(EF_COM, com, EF_DG1, dg1, EF_DG2, dg2, EF_SOD, sod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the test SOD", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MRZInfo mrz(TestPassport p, String surname) {
        Gender g = switch (p.sex()) {
            case 'M' -> Gender.MALE;
            case 'F' -> Gender.FEMALE;
            default -> Gender.UNSPECIFIED;
        };
        String given = p.givenNames().replace(' ', '<');
        if (p.isTd1()) {
            return MRZInfo.createTD1MRZInfo(p.documentCode(), p.issuingState(), p.documentNumber(), p.optionalData(),
                    p.birthDate(), g, p.expiryDate(), p.nationality(), "", surname, given);
        }
        return MRZInfo.createTD3MRZInfo(p.documentCode(), p.issuingState(), surname, given, p.documentNumber(),
                p.nationality(), p.birthDate(), g, p.expiryDate(), p.optionalData());
    }

    private static byte[] dg2(TestPassport p) throws IOException {
        byte[] jpeg = face(p.face());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        Gender g = p.sex() == 'M' ? Gender.MALE : p.sex() == 'F' ? Gender.FEMALE : Gender.UNSPECIFIED;
        FaceImageInfo info = new FaceImageInfo(g, FaceImageInfo.EyeColor.UNSPECIFIED, 0, FaceImageInfo.HAIR_COLOR_UNSPECIFIED,
                FaceImageInfo.EXPRESSION_UNSPECIFIED, new int[] {0, 0, 0}, new int[] {0, 0, 0},
                FaceImageInfo.FACE_IMAGE_TYPE_FULL_FRONTAL, FaceImageInfo.IMAGE_COLOR_SPACE_RGB24,
                FaceImageInfo.SOURCE_TYPE_STATIC_PHOTO_DIGITAL_CAM, 0, 0, new FaceImageInfo.FeaturePoint[0],
                img.getWidth(), img.getHeight(), new ByteArrayInputStream(jpeg), jpeg.length, FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
        return DG2File.createISO19794DG2File(List.of(new FaceInfo(List.of(info)))).getEncoded();
    }

    /** The bundled JPEG named {@code name} (next to this class). */
    public static byte[] face(String name) throws IOException {
        try (InputStream in = ChipFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no face picture " + name);
            }
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

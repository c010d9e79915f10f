package io.dianxiaoer.sim.idcard;

import io.dianxiaoer.device.idcard.SamProtocol;
import io.dianxiaoer.device.idcard.SamProtocol.Foreigner2017Text;
import io.dianxiaoer.device.idcard.SamProtocol.Foreigner2023Text;
import io.dianxiaoer.device.idcard.SamProtocol.HmtPermitText;
import io.dianxiaoer.device.idcard.SamProtocol.ResidentText;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a test identity into the 256-byte text block exactly as a card stores it (UTF-16LE,
 * any of the four layouts,
 * space padded), using the layout constants the driver parses with. Pure; thread-safe.
 */
public final class ResidentTextEncoder {

    private ResidentTextEncoder() {
    }

    /** The text block of any layout, chosen by {@link TestIdentity#kind()}. */
    public static byte[] encode(TestIdentity t) {
        return switch (t.kind()) {
            case "resident" -> encodeResident(t);
            case "hmt" -> encodeHmtPermit(t);
            case "foreigner2017" -> encodeForeigner2017(t);
            case "foreigner2023" -> encodeForeigner2023(t);
            default -> throw new IllegalArgumentException("unknown card kind '" + t.kind() + "' of test identity " + t.key());
        };
    }

    /** 港澳台居民居住证: the resident layout without nation, plus pass number, issue count and flag J. */
    public static byte[] encodeHmtPermit(TestIdentity t) {
        byte[] text = new byte[SamProtocol.TEXT_LENGTH];
        fillSpaces(text, 0, text.length);
        putSharedResidentFields(text, t);
        put(text, HmtPermitText.PASS_NUMBER, HmtPermitText.PASS_NUMBER_LEN, t.passNumber());
        put(text, HmtPermitText.ISSUE_COUNT, HmtPermitText.ISSUE_COUNT_LEN, t.issueCount());
        put(text, ResidentText.TYPE_FLAG, ResidentText.TYPE_FLAG_LEN, HmtPermitText.FLAG);
        return text;
    }

    /** 外国人永久居留身份证 2017 (flag I). */
    public static byte[] encodeForeigner2017(TestIdentity t) {
        byte[] text = new byte[SamProtocol.TEXT_LENGTH];
        fillSpaces(text, 0, text.length);
        put(text, Foreigner2017Text.ENGLISH_NAME, Foreigner2017Text.ENGLISH_NAME_LEN, t.englishName());
        put(text, Foreigner2017Text.GENDER, Foreigner2017Text.GENDER_LEN, t.gender());
        put(text, Foreigner2017Text.CARD_NUMBER, Foreigner2017Text.CARD_NUMBER_LEN, t.idNumber());
        put(text, Foreigner2017Text.NATIONALITY, Foreigner2017Text.NATIONALITY_LEN, t.nationality());
        put(text, Foreigner2017Text.CHINESE_NAME, Foreigner2017Text.CHINESE_NAME_LEN, t.name());
        put(text, Foreigner2017Text.VALID_FROM, Foreigner2017Text.VALID_FROM_LEN, t.validFrom());
        put(text, Foreigner2017Text.VALID_TO, Foreigner2017Text.VALID_TO_LEN, t.validTo());
        put(text, Foreigner2017Text.BIRTH, Foreigner2017Text.BIRTH_LEN, t.birthDate());
        put(text, Foreigner2017Text.CARD_VERSION, Foreigner2017Text.CARD_VERSION_LEN, t.cardVersion());
        put(text, Foreigner2017Text.ISSUING_OFFICE, Foreigner2017Text.ISSUING_OFFICE_LEN, t.issuingOffice());
        put(text, ResidentText.TYPE_FLAG, ResidentText.TYPE_FLAG_LEN, Foreigner2017Text.FLAG);
        return text;
    }

    /** 外国人永久居留身份证 2023 (flag Y); an English name longer than 35 characters spills into the overflow field. */
    public static byte[] encodeForeigner2023(TestIdentity t) {
        byte[] text = new byte[SamProtocol.TEXT_LENGTH];
        fillSpaces(text, 0, text.length);
        put(text, Foreigner2023Text.CHINESE_NAME, Foreigner2023Text.CHINESE_NAME_LEN, t.name());
        put(text, Foreigner2023Text.GENDER, Foreigner2023Text.GENDER_LEN, t.gender());
        put(text, Foreigner2023Text.RENEWAL_COUNT, Foreigner2023Text.RENEWAL_COUNT_LEN,
                t.cardVersion() == null ? "00" : t.cardVersion());
        put(text, Foreigner2023Text.BIRTH, Foreigner2023Text.BIRTH_LEN, t.birthDate());
        String english = t.englishName();
        int first = Foreigner2023Text.ENGLISH_NAME_LEN / 2;
        put(text, Foreigner2023Text.ENGLISH_NAME, Foreigner2023Text.ENGLISH_NAME_LEN,
                english.substring(0, Math.min(first, english.length())));
        if (english.length() > first) {
            put(text, Foreigner2023Text.ENGLISH_NAME_OVERFLOW, Foreigner2023Text.ENGLISH_NAME_OVERFLOW_LEN,
                    english.substring(first));
        }
        put(text, Foreigner2023Text.CARD_NUMBER, Foreigner2023Text.CARD_NUMBER_LEN, t.idNumber());
        put(text, Foreigner2023Text.VALID_FROM, Foreigner2023Text.VALID_FROM_LEN, t.validFrom());
        put(text, Foreigner2023Text.VALID_TO, Foreigner2023Text.VALID_TO_LEN, t.validTo());
        put(text, Foreigner2023Text.NATIONALITY, Foreigner2023Text.NATIONALITY_LEN, t.nationality());
        put(text, ResidentText.TYPE_FLAG, ResidentText.TYPE_FLAG_LEN, Foreigner2023Text.FLAG);
        return text;
    }

    /** The 70-byte appended-address area: the identity's appended address, or blank. */
    public static byte[] appendedAddress(TestIdentity t) {
        byte[] b = new byte[SamProtocol.APPENDED_ADDRESS_LENGTH];
        fillSpaces(b, 0, b.length);
        if (t.appendedAddress() != null) {
            put(b, 0, b.length, t.appendedAddress());
        }
        return b;
    }

    /** The resident ID card layout (flag blank). */
    public static byte[] encodeResident(TestIdentity t) {
        byte[] text = new byte[SamProtocol.TEXT_LENGTH];
        fillSpaces(text, 0, text.length);
        putSharedResidentFields(text, t);
        put(text, ResidentText.NATION, ResidentText.NATION_LEN, t.nation());
        return text;
    }

    /** The fields the resident card and the HMT residence permit share, at the same offsets. */
    private static void putSharedResidentFields(byte[] text, TestIdentity t) {
        put(text, ResidentText.NAME, ResidentText.NAME_LEN, t.name());
        put(text, ResidentText.GENDER, ResidentText.GENDER_LEN, t.gender());
        put(text, ResidentText.BIRTH, ResidentText.BIRTH_LEN, t.birthDate());
        put(text, ResidentText.ADDRESS, ResidentText.ADDRESS_LEN, t.address());
        put(text, ResidentText.ID_NUMBER, ResidentText.ID_NUMBER_LEN, t.idNumber());
        put(text, ResidentText.AUTHORITY, ResidentText.AUTHORITY_LEN, t.issuingAuthority());
        put(text, ResidentText.VALID_FROM, ResidentText.VALID_FROM_LEN, t.validFrom());
        put(text, ResidentText.VALID_TO, ResidentText.VALID_TO_LEN, t.validTo());
    }

    /**
     * A stand-in for the card's WLT photo: 1024 bytes, the same for the same identity. Real WLT
     * needs a licensed decoder; the driver treats the photo as opaque bytes either way.
     */
    public static byte[] photo(TestIdentity t) {
        byte[] p = new byte[SamProtocol.PHOTO_LENGTH];
        new Random(t.idNumber().hashCode()).nextBytes(p);
        p[0] = 'W';
        p[1] = 'L';
        return p;
    }

    private static void put(byte[] text, int offset, int length, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_16LE);
        if (v.length > length) {
            throw new IllegalArgumentException("field at " + offset + " holds " + length / 2 + " characters, got "
                    + value.length());
        }
        System.arraycopy(v, 0, text, offset, v.length);
    }

    private static void fillSpaces(byte[] text, int from, int to) {
        for (int i = from; i < to; i += 2) {
            text[i] = 0x20;
            text[i + 1] = 0x00;
        }
    }
}

package io.dianxiaoer.sim.idcard;

import io.dianxiaoer.device.idcard.SamProtocol;
import io.dianxiaoer.device.idcard.SamProtocol.ResidentText;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a test identity into the 256-byte text block exactly as a card stores it (UTF-16LE,
 * space padded), using the layout constants the driver parses with. Pure; thread-safe.
 */
public final class ResidentTextEncoder {

    private ResidentTextEncoder() {
    }

    public static byte[] encode(TestIdentity t) {
        byte[] text = new byte[SamProtocol.TEXT_LENGTH];
        fillSpaces(text, 0, text.length);
        put(text, ResidentText.NAME, ResidentText.NAME_LEN, t.name());
        put(text, ResidentText.GENDER, ResidentText.GENDER_LEN, t.gender());
        put(text, ResidentText.NATION, ResidentText.NATION_LEN, t.nation());
        put(text, ResidentText.BIRTH, ResidentText.BIRTH_LEN, t.birthDate());
        put(text, ResidentText.ADDRESS, ResidentText.ADDRESS_LEN, t.address());
        put(text, ResidentText.ID_NUMBER, ResidentText.ID_NUMBER_LEN, t.idNumber());
        put(text, ResidentText.AUTHORITY, ResidentText.AUTHORITY_LEN, t.issuingAuthority());
        put(text, ResidentText.VALID_FROM, ResidentText.VALID_FROM_LEN, t.validFrom());
        put(text, ResidentText.VALID_TO, ResidentText.VALID_TO_LEN, t.validTo());
        return text;
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

package io.dianxiaoer.device.idcard;

import io.dianxiaoer.core.identity.CardValidity;
import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.InvalidIdNumberException;
import io.dianxiaoer.core.identity.Nation;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.SamProtocol.ResidentText;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Parses the 256-byte text block of a card read into a verified identity. Pure; thread-safe.
 * Every failure is a {@link CardDataException} naming the field that is wrong, never its content.
 */
public final class IdCardTextParser {

    /** The kinds of card the text block's flag byte tells apart. */
    public enum CardKind { RESIDENT, HK_MACAU_TAIWAN_PERMIT, FOREIGNER_2017, FOREIGNER_2023, UNKNOWN }

    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private IdCardTextParser() {
    }

    public static CardKind kindOf(byte[] text) {
        requireLength(text);
        String flag = field(text, ResidentText.TYPE_FLAG, ResidentText.TYPE_FLAG_LEN);
        return switch (flag) {
            case "" -> CardKind.RESIDENT;
            case "J" -> CardKind.HK_MACAU_TAIWAN_PERMIT;
            case "I" -> CardKind.FOREIGNER_2017;
            case "Y" -> CardKind.FOREIGNER_2023;
            default -> CardKind.UNKNOWN;
        };
    }

    /** Parses a resident ID card (flag byte blank). */
    public static ResidentIdCard parseResident(byte[] text, byte[] photoWlt) {
        requireLength(text);
        CardKind kind = kindOf(text);
        if (kind != CardKind.RESIDENT) {
            throw new CardDataException("card type flag field marks a " + kind + " card, not a resident ID card");
        }
        String name = field(text, ResidentText.NAME, ResidentText.NAME_LEN);
        if (name.isEmpty()) {
            throw new CardDataException("name field is empty");
        }
        String genderCode = field(text, ResidentText.GENDER, ResidentText.GENDER_LEN);
        Gender gender;
        try {
            if (genderCode.length() != 1) {
                throw new IllegalArgumentException();
            }
            gender = Gender.ofCode(genderCode.charAt(0));
        } catch (IllegalArgumentException e) {
            throw new CardDataException("gender field is not a GB/T 2261.1 code");
        }
        Nation nation = Nation.ofCode(field(text, ResidentText.NATION, ResidentText.NATION_LEN))
                .orElseThrow(() -> new CardDataException("nation field is not a GB 3304 code"));
        LocalDate birth = date(field(text, ResidentText.BIRTH, ResidentText.BIRTH_LEN), "birth date");
        String address = field(text, ResidentText.ADDRESS, ResidentText.ADDRESS_LEN);
        if (address.isEmpty()) {
            throw new CardDataException("address field is empty");
        }
        IdNumber id;
        try {
            id = IdNumber.parse(field(text, ResidentText.ID_NUMBER, ResidentText.ID_NUMBER_LEN));
        } catch (InvalidIdNumberException e) {
            throw new CardDataException("ID number field: " + e.getMessage());
        }
        if (!id.birthDate().map(birth::equals).orElse(false)) {
            throw new CardDataException("birth date field does not match the ID number");
        }
        if ((gender == Gender.MALE || gender == Gender.FEMALE) && id.genderFromSequence() != gender) {
            throw new CardDataException("gender field does not match the ID number");
        }
        String authority = field(text, ResidentText.AUTHORITY, ResidentText.AUTHORITY_LEN);
        LocalDate from = date(field(text, ResidentText.VALID_FROM, ResidentText.VALID_FROM_LEN), "valid-from date");
        String toText = field(text, ResidentText.VALID_TO, ResidentText.VALID_TO_LEN);
        CardValidity validity;
        try {
            validity = ResidentText.LONG_TERM.equals(toText)
                    ? CardValidity.longTerm(from)
                    : CardValidity.until(from, date(toText, "valid-to date"));
        } catch (IllegalArgumentException e) {
            throw new CardDataException("valid-to date lies before valid-from date");
        }
        return new ResidentIdCard(name, gender, nation, birth, address, id, authority, validity, photoWlt);
    }

    /** A UTF-16LE field with its space (and NUL) padding removed. */
    static String field(byte[] text, int offset, int length) {
        String s = new String(text, offset, length, StandardCharsets.UTF_16LE);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0' || s.charAt(end - 1) == '\u3000')) {
            end--;
        }
        return s.substring(0, end).strip();
    }

    private static LocalDate date(String s, String what) {
        try {
            return LocalDate.parse(s, YYYYMMDD);
        } catch (DateTimeParseException e) {
            throw new CardDataException(what + " field is not a date (YYYYMMDD)");
        }
    }

    private static void requireLength(byte[] text) {
        if (text.length != SamProtocol.TEXT_LENGTH) {
            throw new CardDataException("text block has " + text.length + " bytes, expected " + SamProtocol.TEXT_LENGTH);
        }
    }
}

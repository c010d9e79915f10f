package io.dianxiaoer.device.idcard;

import io.dianxiaoer.core.identity.CardValidity;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.identity.ForeignPermanentResidentCard;
import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.identity.InvalidIdNumberException;
import io.dianxiaoer.core.identity.Nation;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.SamProtocol.Foreigner2017Text;
import io.dianxiaoer.device.idcard.SamProtocol.Foreigner2023Text;
import io.dianxiaoer.device.idcard.SamProtocol.HmtPermitText;
import io.dianxiaoer.device.idcard.SamProtocol.ResidentText;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Parses the 256-byte text block of a card read into a verified identity document: resident ID
 * card (flag blank), HK/Macao/Taiwan residence permit (J), foreign permanent resident card 2017 (I)
 * and 2023 (Y). Pure; thread-safe. Every failure is a {@link CardDataException} naming the field
 * that is wrong, never its content.
 */
public final class IdCardTextParser {

    /** The kinds of card the text block's flag byte tells apart. */
    public enum CardKind { RESIDENT, HK_MACAU_TAIWAN_PERMIT, FOREIGNER_2017, FOREIGNER_2023, UNKNOWN }

    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    /** 2017 card number: three letters of the nationality, then twelve digits. */
    private static final Pattern FOREIGNER_2017_NUMBER = Pattern.compile("[A-Z]{3}[0-9]{12}");
    private static final Pattern NATIONALITY = Pattern.compile("[A-Z]{3}");
    /** HK and Macao travel permits: H or M and eight digits; Taiwan: eight digits. */
    private static final Pattern PASS_NUMBER = Pattern.compile("[HM]?[0-9]{8}");

    private IdCardTextParser() {
    }

    public static CardKind kindOf(byte[] text) {
        requireLength(text);
        String flag = field(text, ResidentText.TYPE_FLAG, ResidentText.TYPE_FLAG_LEN);
        return switch (flag) {
            case "" -> CardKind.RESIDENT;
            case HmtPermitText.FLAG -> CardKind.HK_MACAU_TAIWAN_PERMIT;
            case Foreigner2017Text.FLAG -> CardKind.FOREIGNER_2017;
            case Foreigner2023Text.FLAG -> CardKind.FOREIGNER_2023;
            default -> CardKind.UNKNOWN;
        };
    }

    /** Parses any layout the reader delivers. */
    public static IdentityDocument parse(byte[] text, byte[] photoWlt) {
        return switch (kindOf(text)) {
            case RESIDENT -> parseResident(text, photoWlt);
            case HK_MACAU_TAIWAN_PERMIT -> parseHmtPermit(text, photoWlt);
            case FOREIGNER_2017 -> parseForeigner2017(text, photoWlt);
            case FOREIGNER_2023 -> parseForeigner2023(text, photoWlt);
            case UNKNOWN -> throw new UnsupportedCardException("card type flag field holds a flag no layout defines");
        };
    }

    /** Parses a resident ID card (flag byte blank). */
    public static ResidentIdCard parseResident(byte[] text, byte[] photoWlt) {
        requireLength(text);
        CardKind kind = kindOf(text);
        if (kind != CardKind.RESIDENT) {
            throw new CardDataException("card type flag field marks a " + kind + " card, not a resident ID card");
        }
        String name = required(text, ResidentText.NAME, ResidentText.NAME_LEN, "name");
        Gender gender = gender(field(text, ResidentText.GENDER, ResidentText.GENDER_LEN));
        Nation nation = Nation.ofCode(field(text, ResidentText.NATION, ResidentText.NATION_LEN))
                .orElseThrow(() -> new CardDataException("nation field is not a GB 3304 code"));
        LocalDate birth = date(field(text, ResidentText.BIRTH, ResidentText.BIRTH_LEN), "birth date");
        String address = required(text, ResidentText.ADDRESS, ResidentText.ADDRESS_LEN, "address");
        IdNumber id = idNumber(field(text, ResidentText.ID_NUMBER, ResidentText.ID_NUMBER_LEN), "ID number");
        checkAgainstNumber(id, birth, gender, "ID number");
        String authority = field(text, ResidentText.AUTHORITY, ResidentText.AUTHORITY_LEN);
        CardValidity validity = validity(text, ResidentText.VALID_FROM, ResidentText.VALID_TO);
        return new ResidentIdCard(name, gender, nation, birth, address, id, authority, validity, photoWlt);
    }

    /** Parses a 港澳台居民居住证 (flag J). */
    public static HmtResidencePermit parseHmtPermit(byte[] text, byte[] photoWlt) {
        requireLength(text);
        String name = required(text, ResidentText.NAME, ResidentText.NAME_LEN, "name");
        Gender gender = gender(field(text, ResidentText.GENDER, ResidentText.GENDER_LEN));
        LocalDate birth = date(field(text, ResidentText.BIRTH, ResidentText.BIRTH_LEN), "birth date");
        String address = required(text, ResidentText.ADDRESS, ResidentText.ADDRESS_LEN, "address");
        IdNumber id = idNumber(field(text, ResidentText.ID_NUMBER, ResidentText.ID_NUMBER_LEN), "ID number");
        if (!id.regionCode().matches("8[123]0000")) {
            throw new CardDataException("ID number field of a residence permit must start with 810000, 820000 or 830000");
        }
        checkAgainstNumber(id, birth, gender, "ID number");
        String authority = field(text, ResidentText.AUTHORITY, ResidentText.AUTHORITY_LEN);
        CardValidity validity = validity(text, ResidentText.VALID_FROM, ResidentText.VALID_TO);
        String pass = field(text, HmtPermitText.PASS_NUMBER, HmtPermitText.PASS_NUMBER_LEN);
        if (!PASS_NUMBER.matcher(pass).matches()) {
            throw new CardDataException("pass number field is not a travel-permit number");
        }
        String count = field(text, HmtPermitText.ISSUE_COUNT, HmtPermitText.ISSUE_COUNT_LEN);
        int issueCount;
        try {
            issueCount = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new CardDataException("issue count field is not a number");
        }
        return new HmtResidencePermit(name, gender, birth, address, id, authority, validity, pass, issueCount, photoWlt);
    }

    /** Parses a 外国人永久居留身份证 of the 2017 layout (flag I). */
    public static ForeignPermanentResidentCard parseForeigner2017(byte[] text, byte[] photoWlt) {
        requireLength(text);
        String english = required(text, Foreigner2017Text.ENGLISH_NAME, Foreigner2017Text.ENGLISH_NAME_LEN,
                "English name");
        Gender gender = gender(field(text, Foreigner2017Text.GENDER, Foreigner2017Text.GENDER_LEN));
        String number = field(text, Foreigner2017Text.CARD_NUMBER, Foreigner2017Text.CARD_NUMBER_LEN);
        if (!FOREIGNER_2017_NUMBER.matcher(number).matches()) {
            throw new CardDataException("card number field is not three letters and twelve digits");
        }
        String nationality = nationality(field(text, Foreigner2017Text.NATIONALITY, Foreigner2017Text.NATIONALITY_LEN));
        String chinese = field(text, Foreigner2017Text.CHINESE_NAME, Foreigner2017Text.CHINESE_NAME_LEN);
        CardValidity validity = validity(text, Foreigner2017Text.VALID_FROM, Foreigner2017Text.VALID_TO);
        LocalDate birth = date(field(text, Foreigner2017Text.BIRTH, Foreigner2017Text.BIRTH_LEN), "birth date");
        if (!number.startsWith(nationality)) {
            throw new CardDataException("card number field does not start with the nationality field");
        }
        // The rest of the 2017 number's structure is not public in a form we could verify: not checked.
        String version = field(text, Foreigner2017Text.CARD_VERSION, Foreigner2017Text.CARD_VERSION_LEN);
        String office = field(text, Foreigner2017Text.ISSUING_OFFICE, Foreigner2017Text.ISSUING_OFFICE_LEN);
        return new ForeignPermanentResidentCard(DocumentKind.FOREIGN_PERMANENT_RESIDENT_2017, english, chinese, gender,
                birth, number, nationality, validity, office, version, photoWlt);
    }

    /** Parses a 外国人永久居留身份证 of the 2023 layout (flag Y). */
    public static ForeignPermanentResidentCard parseForeigner2023(byte[] text, byte[] photoWlt) {
        requireLength(text);
        String chinese = field(text, Foreigner2023Text.CHINESE_NAME, Foreigner2023Text.CHINESE_NAME_LEN);
        Gender gender = gender(field(text, Foreigner2023Text.GENDER, Foreigner2023Text.GENDER_LEN));
        String renewals = field(text, Foreigner2023Text.RENEWAL_COUNT, Foreigner2023Text.RENEWAL_COUNT_LEN);
        LocalDate birth = date(field(text, Foreigner2023Text.BIRTH, Foreigner2023Text.BIRTH_LEN), "birth date");
        String english = (field(text, Foreigner2023Text.ENGLISH_NAME, Foreigner2023Text.ENGLISH_NAME_LEN)
                + field(text, Foreigner2023Text.ENGLISH_NAME_OVERFLOW, Foreigner2023Text.ENGLISH_NAME_OVERFLOW_LEN)).strip();
        if (english.isEmpty()) {
            throw new CardDataException("English name field is empty");
        }
        // The 2023 number has the structure of a citizen ID number, starting with 9: same check digit.
        IdNumber number = idNumber(field(text, Foreigner2023Text.CARD_NUMBER, Foreigner2023Text.CARD_NUMBER_LEN),
                "card number");
        if (number.value().charAt(0) != '9') {
            throw new CardDataException("card number field of a 2023 permanent resident card must start with 9");
        }
        checkAgainstNumber(number, birth, gender, "card number");
        CardValidity validity = validity(text, Foreigner2023Text.VALID_FROM, Foreigner2023Text.VALID_TO);
        String nationality = nationality(field(text, Foreigner2023Text.NATIONALITY, Foreigner2023Text.NATIONALITY_LEN));
        return new ForeignPermanentResidentCard(DocumentKind.FOREIGN_PERMANENT_RESIDENT_2023, english, chinese, gender,
                birth, number.value(), nationality, validity, "", renewals, photoWlt);
    }

    /** The appended-address area (30 03): UTF-16LE, blank when the holder never moved. */
    public static String appendedAddress(byte[] data) {
        return field(data, 0, data.length - data.length % 2);
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

    private static String required(byte[] text, int offset, int length, String what) {
        String v = field(text, offset, length);
        if (v.isEmpty()) {
            throw new CardDataException(what + " field is empty");
        }
        return v;
    }

    private static Gender gender(String code) {
        try {
            if (code.length() != 1) {
                throw new IllegalArgumentException();
            }
            return Gender.ofCode(code.charAt(0));
        } catch (IllegalArgumentException e) {
            throw new CardDataException("gender field is not a GB/T 2261.1 code");
        }
    }

    private static String nationality(String code) {
        if (!NATIONALITY.matcher(code).matches()) {
            throw new CardDataException("nationality field is not a three-letter country code");
        }
        return code;
    }

    private static IdNumber idNumber(String value, String what) {
        try {
            return IdNumber.parse(value);
        } catch (InvalidIdNumberException e) {
            throw new CardDataException(what + " field: " + e.getMessage());
        }
    }

    private static void checkAgainstNumber(IdNumber id, LocalDate birth, Gender gender, String what) {
        if (!id.birthDate().map(birth::equals).orElse(false)) {
            throw new CardDataException("birth date field does not match the " + what);
        }
        if ((gender == Gender.MALE || gender == Gender.FEMALE) && id.genderFromSequence() != gender) {
            throw new CardDataException("gender field does not match the " + what);
        }
    }

    private static CardValidity validity(byte[] text, int fromOffset, int toOffset) {
        LocalDate from = date(field(text, fromOffset, 16), "valid-from date");
        String toText = field(text, toOffset, 16);
        try {
            return ResidentText.LONG_TERM.equals(toText)
                    ? CardValidity.longTerm(from)
                    : CardValidity.until(from, date(toText, "valid-to date"));
        } catch (IllegalArgumentException e) {
            throw new CardDataException("valid-to date lies before valid-from date");
        }
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

package io.dianxiaoer.core.identity.mrtd;

import io.dianxiaoer.core.identity.mrtd.InvalidMrzException.Field;
import java.util.Locale;
import java.util.Objects;

/**
 * What opens a chip passport or travel permit by BAC (ICAO 9303 part 11): the document number,
 * the date of birth and the date of expiry, as printed in the machine-readable zone. The citizen
 * types them (or, later, the document camera reads the MRZ); every rule that can be checked here is
 * checked: the characters an MRZ can carry, real calendar dates, and — when the MRZ's own check
 * digits are supplied — that they match.
 *
 * <p>Immutable and thread-safe. Personal data: {@link #toString()} is masked; the key seed text is
 * only for the BAC key derivation and must never be logged.
 */
public final class MrzAccessKey {

    /** Documents whose number is longer than 9 characters (TD1 overflow) are allowed up to this length. */
    public static final int MAX_DOCUMENT_NUMBER_LENGTH = 22;

    private final String documentNumber;
    private final String birthDate;
    private final String expiryDate;

    private MrzAccessKey(String documentNumber, String birthDate, String expiryDate) {
        this.documentNumber = documentNumber;
        this.birthDate = birthDate;
        this.expiryDate = expiryDate;
    }

    /**
     * The key from the three fields as typed. Spaces and the fillers {@code <} at the end of the
     * document number are dropped, letters upper-cased; dates are {@code YYMMDD}.
     *
     * @throws InvalidMrzException naming the field at fault
     */
    public static MrzAccessKey of(String documentNumber, String birthDate, String expiryDate) {
        String doc = normaliseDocumentNumber(documentNumber);
        String birth = date(birthDate, Field.BIRTH_DATE, "出生日期", "date of birth");
        String expiry = date(expiryDate, Field.EXPIRY_DATE, "有效期至", "date of expiry");
        return new MrzAccessKey(doc, birth, expiry);
    }

    /**
     * The key from the three fields together with the check digits the MRZ prints after each of
     * them; a digit that does not match means a typing (or reading) error in that field.
     */
    public static MrzAccessKey withCheckDigits(String documentNumber, char documentNumberCheck,
                                               String birthDate, char birthDateCheck,
                                               String expiryDate, char expiryDateCheck) {
        MrzAccessKey k = of(documentNumber, birthDate, expiryDate);
        if (MrzCheckDigit.of(k.paddedDocumentNumber()) != documentNumberCheck) {
            throw new InvalidMrzException(Field.DOCUMENT_NUMBER,
                    "证件号码与校验位不符，请核对证件号码", "the document number does not match its check digit: please check it");
        }
        if (MrzCheckDigit.of(k.birthDate) != birthDateCheck) {
            throw new InvalidMrzException(Field.BIRTH_DATE,
                    "出生日期与校验位不符，请核对出生日期", "the date of birth does not match its check digit: please check it");
        }
        if (MrzCheckDigit.of(k.expiryDate) != expiryDateCheck) {
            throw new InvalidMrzException(Field.EXPIRY_DATE,
                    "有效期与校验位不符，请核对有效期", "the date of expiry does not match its check digit: please check it");
        }
        return k;
    }

    /**
     * The key from a whole machine-readable zone: two lines of 44 (TD3, passports), two of 36 (TD2)
     * or three of 30 (TD1, cards such as travel permits), separated by line breaks. The check digits
     * of the three fields are verified.
     */
    public static MrzAccessKey fromMrz(String mrz) {
        Objects.requireNonNull(mrz, "mrz");
        String[] lines = mrz.strip().toUpperCase(Locale.ROOT).split("\\s*\\R\\s*");
        for (String l : lines) {
            if (!MrzCheckDigit.isMrzText(l)) {
                throw mrzText("机读区含有无效字符", "the machine-readable zone holds characters it cannot carry");
            }
        }
        if (lines.length == 2 && lines[0].length() == 44 && lines[1].length() == 44) {
            return fromLine(lines[1], 0);
        }
        if (lines.length == 2 && lines[0].length() == 36 && lines[1].length() == 36) {
            return fromLine(lines[1], 0);
        }
        if (lines.length == 3 && lines[0].length() == 30 && lines[1].length() == 30 && lines[2].length() == 30) {
            String l1 = lines[0];
            String l2 = lines[1];
            String doc = l1.substring(5, 14);
            char docCheck = l1.charAt(14);
            if (docCheck == '<') {
                // TD1 overflow: the number goes on in the optional data; its last character there is the check digit.
                String rest = l1.substring(15);
                int end = rest.indexOf('<');
                String overflow = end < 0 ? rest : rest.substring(0, end);
                if (overflow.length() < 2) {
                    throw mrzText("机读区的证件号码不完整", "the document number in the machine-readable zone is incomplete");
                }
                doc = doc + overflow.substring(0, overflow.length() - 1);
                docCheck = overflow.charAt(overflow.length() - 1);
            }
            return withCheckDigits(doc, docCheck, l2.substring(0, 6), l2.charAt(6), l2.substring(8, 14), l2.charAt(14));
        }
        throw mrzText("机读区应为两行44个字符、两行36个字符或三行30个字符",
                "a machine-readable zone has two lines of 44 or 36 characters, or three lines of 30");
    }

    private static MrzAccessKey fromLine(String line, int start) {
        return withCheckDigits(line.substring(start, start + 9), line.charAt(start + 9),
                line.substring(start + 13, start + 19), line.charAt(start + 19),
                line.substring(start + 21, start + 27), line.charAt(start + 27));
    }

    private static InvalidMrzException mrzText(String zh, String en) {
        return new InvalidMrzException(Field.MRZ_TEXT, zh, en);
    }

    private static String normaliseDocumentNumber(String text) {
        if (text == null) {
            throw new InvalidMrzException(Field.DOCUMENT_NUMBER, "请输入证件号码", "please enter the document number");
        }
        String v = text.replace(" ", "").toUpperCase(Locale.ROOT);
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == '<') {
            end--;
        }
        v = v.substring(0, end);
        if (v.isEmpty()) {
            throw new InvalidMrzException(Field.DOCUMENT_NUMBER, "请输入证件号码", "please enter the document number");
        }
        if (v.length() > MAX_DOCUMENT_NUMBER_LENGTH) {
            throw new InvalidMrzException(Field.DOCUMENT_NUMBER, "证件号码过长", "the document number is too long");
        }
        if (!MrzCheckDigit.isMrzText(v)) {
            throw new InvalidMrzException(Field.DOCUMENT_NUMBER,
                    "证件号码只能包含字母和数字", "the document number holds only letters and digits");
        }
        return v;
    }

    private static String date(String text, Field field, String zhName, String enName) {
        String v = text == null ? "" : text.replace(" ", "");
        if (v.length() != 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidMrzException(field, zhName + "应为6位数字（年月日，如 900131）",
                    "the " + enName + " is six digits, YYMMDD (e.g. 900131)");
        }
        int yy = Integer.parseInt(v.substring(0, 2));
        int mm = Integer.parseInt(v.substring(2, 4));
        int dd = Integer.parseInt(v.substring(4, 6));
        if (mm < 1 || mm > 12 || dd < 1 || dd > daysIn(yy, mm)) {
            throw new InvalidMrzException(field, zhName + "不是有效日期", "the " + enName + " is not a real date");
        }
        return v;
    }

    /** Days of the month; the century is unknown, so 29 February is allowed in every year divisible by 4 (2000 was a leap year). */
    private static int daysIn(int yy, int mm) {
        return switch (mm) {
            case 2 -> yy % 4 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The document number without trailing fillers. Personal data. */
    public String documentNumber() {
        return documentNumber;
    }

    /** The number as the MRZ field has it: padded with {@code <} to 9 characters (longer numbers as they are). */
    public String paddedDocumentNumber() {
        return documentNumber.length() >= 9 ? documentNumber : documentNumber + "<".repeat(9 - documentNumber.length());
    }

    /** {@code YYMMDD}. Personal data. */
    public String birthDate() {
        return birthDate;
    }

    /** {@code YYMMDD}. */
    public String expiryDate() {
        return expiryDate;
    }

    /**
     * The "MRZ information" that BAC hashes into its key seed: number, date of birth and date of
     * expiry, each followed by its check digit. Secret: never log it.
     */
    public String keySeedText() {
        String doc = paddedDocumentNumber();
        return doc + MrzCheckDigit.of(doc) + birthDate + MrzCheckDigit.of(birthDate) + expiryDate + MrzCheckDigit.of(expiryDate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MrzAccessKey k && k.documentNumber.equals(documentNumber)
                && k.birthDate.equals(birthDate) && k.expiryDate.equals(expiryDate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentNumber, birthDate, expiryDate);
    }

    /** Masked on purpose: the number's length only. */
    @Override
    public String toString() {
        return "MrzAccessKey[document number of " + documentNumber.length() + " characters]";
    }
}

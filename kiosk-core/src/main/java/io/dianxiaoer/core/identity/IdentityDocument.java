package io.dianxiaoer.core.identity;

import java.time.LocalDate;

/**
 * A document that identifies its holder at the kiosk: what every card the SAM reader can read
 * has in common. Implementations are immutable; their {@code toString} is masked.
 */
public sealed interface IdentityDocument permits ResidentIdCard, HmtResidencePermit, ForeignPermanentResidentCard {

    DocumentKind kind();

    /** The name to greet the holder with (Chinese name where the card has one). Personal data. */
    String displayName();

    /** The display name with all but the first character starred. */
    String maskedName();

    /** The number that identifies the holder (ID number, or card number). Personal data: never log it. */
    String documentNumber();

    /** The number with the middle starred: safe for screens. */
    String maskedNumber();

    Gender gender();

    LocalDate birthDate();

    CardValidity validity();

    /** The card's photo as delivered (WLT: opaque bytes). A copy. */
    byte[] photoWlt();

    /** Stars all but the first character of a name. */
    static String maskName(String name) {
        if (name.isEmpty()) {
            return "";
        }
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
    }

    /** Keeps the first and last four characters of a number of 9 or more characters. */
    static String maskNumber(String number) {
        if (number.length() <= 8) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}

package io.dianxiaoer.core.identity.mrtd;

/**
 * The ICAO 9303 (part 3, 4.9) check digit of a machine-readable-zone field: each character's value
 * (digits as themselves, {@code A}–{@code Z} as 10–35, the filler {@code <} as 0) times the
 * repeating weights 7, 3, 1, summed, modulo 10.
 *
 * <p>Pure and thread-safe.
 */
public final class MrzCheckDigit {

    private static final int[] WEIGHTS = {7, 3, 1};

    private MrzCheckDigit() {
    }

    /**
     * The check digit of {@code field}.
     *
     * @throws IllegalArgumentException when the field holds a character an MRZ cannot carry
     */
    public static char of(CharSequence field) {
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * WEIGHTS[i % 3];
        }
        return (char) ('0' + sum % 10);
    }

    /** Whether {@code digit} is the check digit of {@code field}; false for any character an MRZ cannot carry. */
    public static boolean matches(CharSequence field, char digit) {
        if (!isMrzText(field)) {
            return false;
        }
        return of(field) == digit;
    }

    /** Whether every character is one an MRZ can carry: {@code 0-9 A-Z <}. */
    public static boolean isMrzText(CharSequence field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<')) {
                return false;
            }
        }
        return true;
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c == '<') {
            return 0;
        }
        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " cannot appear in an MRZ");
    }
}

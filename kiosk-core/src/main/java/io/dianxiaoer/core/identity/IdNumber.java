package io.dianxiaoer.core.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An 18-character citizen identity number (GB 11643) whose check digit has been verified.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is masked so that an accidental log line
 * never carries the number; call {@link #value()} only where the full number is really needed.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /**
     * Parses and verifies a number.
     *
     * @throws InvalidIdNumberException with a plain-words reason when the text is not a valid number
     */
    public static IdNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        String v = text.strip().toUpperCase();
        if (v.length() != 18) {
            throw new InvalidIdNumberException("an ID number has 18 characters, got " + v.length());
        }
        for (int i = 0; i < 17; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new InvalidIdNumberException("character " + (i + 1) + " of the ID number is not a digit");
            }
        }
        char last = v.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw new InvalidIdNumberException("the last character of the ID number must be a digit or X");
        }
        char expected = checkDigit(v.substring(0, 17));
        if (last != expected) {
            throw new InvalidIdNumberException("the check digit of the ID number does not match");
        }
        return new IdNumber(v);
    }

    /** Parses without throwing. */
    public static Optional<IdNumber> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidIdNumberException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkDigit(CharSequence first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int d = first17.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit at " + i);
            }
            sum += d * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** The full number. Personal data: never log it. */
    public String value() {
        return value;
    }

    /** First four and last four characters, the rest starred: {@code 3101**********123X}. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    /** The six-digit administrative division code of the place of first registration. */
    public String regionCode() {
        return value.substring(0, 6);
    }

    /** The birth date the number encodes, if it is a real date. */
    public Optional<LocalDate> birthDate() {
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Odd sequence digit: male; even: female. */
    public Gender genderFromSequence() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked on purpose: see the class comment. */
    @Override
    public String toString() {
        return masked();
    }
}

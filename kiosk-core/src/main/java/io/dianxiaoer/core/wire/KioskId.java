package io.dianxiaoer.core.wire;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kiosk's id, e.g. {@code SH-PD-0001}: 1 to 32 characters of {@code A-Z 0-9 -}. It is printed
 * into local receipt numbers, appears in URLs and is the common name of the kiosk's client
 * certificate, so it stays short, upper case and URL-safe. The one place that rule lives: the
 * outbox, the uploader and the intake server all parse ids through here.
 *
 * <p>Immutable value; not personal data, so {@link #toString()} is the id itself.
 */
public record KioskId(String value) {

    private static final Pattern RULE = Pattern.compile("[A-Z0-9-]{1,32}");

    public static final String RULE_TEXT = "1 to 32 characters of A-Z, 0-9 and '-' (upper case, no spaces)";

    public KioskId {
        Objects.requireNonNull(value, "kioskId");
        if (!isValid(value)) {
            throw new IllegalArgumentException("kioskId must be " + RULE_TEXT + ", got \"" + value + "\"");
        }
    }

    /** Parses {@code text}; {@link IllegalArgumentException} with the rule when it does not follow it. */
    public static KioskId of(String text) {
        return new KioskId(text);
    }

    public static boolean isValid(String text) {
        return text != null && RULE.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}

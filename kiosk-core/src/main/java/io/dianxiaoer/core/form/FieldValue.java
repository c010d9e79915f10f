package io.dianxiaoer.core.form;

import java.util.Objects;

/**
 * A field's current value and where it came from. Values are personal data: {@code toString}
 * shows the origin and length only.
 */
public record FieldValue(String text, Origin origin) {

    /** Where a value came from; the screen marks prefilled values so the citizen can check them. */
    public enum Origin {
        /** Typed or picked by the citizen (or accepted from a helper's suggestion). */
        TYPED,
        /** Read from the identity document in the reader. */
        IDENTITY,
        /** From an e-licence the citizen presented. */
        E_LICENCE,
        /** From an answer given to a guidance question. */
        ANSWER
    }

    public FieldValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean isPrefilled() {
        return origin != Origin.TYPED;
    }

    @Override
    public String toString() {
        return "FieldValue[" + origin + ", " + text.length() + " chars]";
    }
}

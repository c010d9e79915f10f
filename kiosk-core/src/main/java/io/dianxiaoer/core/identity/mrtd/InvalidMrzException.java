package io.dianxiaoer.core.identity.mrtd;

import java.util.Objects;

/**
 * MRZ data that fails a format or check-digit rule. Carries which field is wrong and a plain-words
 * message in Chinese and English for the citizen; neither ever contains the data itself.
 */
public final class InvalidMrzException extends IllegalArgumentException {

    /** The field at fault, so that a form can point at it. */
    public enum Field { DOCUMENT_NUMBER, BIRTH_DATE, EXPIRY_DATE, MRZ_TEXT }

    private final Field field;
    private final String chinese;

    public InvalidMrzException(Field field, String chinese, String english) {
        super(english);
        this.field = Objects.requireNonNull(field, "field");
        this.chinese = Objects.requireNonNull(chinese, "chinese");
    }

    public Field field() {
        return field;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return getMessage();
    }
}

package io.dianxiaoer.core.form;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/**
 * What is wrong with a field's value, in plain words for the citizen (Chinese and English), and a
 * code for tests and statistics. Messages never repeat the value itself: it may be personal data.
 */
public record Problem(Code code, LocalizedText message) {

    public enum Code {
        REQUIRED, TOO_SHORT, TOO_LONG, ID_NUMBER_LENGTH, ID_NUMBER_CHARACTERS, ID_NUMBER_CHECK, ID_NUMBER_DATE,
        DOCUMENT_NUMBER, PHONE, DATE_FORMAT, DATE_AFTER_TODAY, DATE_BEFORE_TODAY, NOT_AN_OPTION, NOT_A_NUMBER,
        BELOW_MINIMUM, ABOVE_MAXIMUM, MONEY_DECIMALS, CREDIT_CODE_LENGTH, CREDIT_CODE_CHARACTERS, CREDIT_CODE_CHECK,
        EMAIL, POSTCODE, ADDRESS_TOO_VAGUE
    }

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}

package io.dianxiaoer.core.form;

/** Which dates a date field accepts, judged against today on the kiosk clock. */
public enum DateRule {
    ANY,
    /** Today or earlier (birth dates, dates something happened). */
    NOT_AFTER_TODAY,
    /** Today or later (planned opening, appointment). */
    NOT_BEFORE_TODAY
}

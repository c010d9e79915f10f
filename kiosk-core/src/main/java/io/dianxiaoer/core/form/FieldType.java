package io.dianxiaoer.core.form;

/** What kind of answer a form field takes; decides the keyboard, normalisation and the checks. */
public enum FieldType {
    /** One line of text (names, titles). */
    TEXT,
    /** Several lines (business scope, reasons). */
    MULTILINE,
    /** A mainland resident ID number (18 characters, MOD 11-2 check digit). */
    ID_NUMBER,
    /** Any identity document number: ID number, HMT permit, foreigner's card, passport. */
    DOCUMENT_NUMBER,
    /** A mainland mobile number (11 digits starting with 1) or a Shanghai landline (8 digits, optional 021). */
    PHONE,
    /** A calendar date, entered as yyyy-MM-dd. */
    DATE,
    /** One of a fixed list of options. */
    CHOICE,
    /** Any number of a fixed list of options, stored comma-separated. */
    MULTI_CHOICE,
    /** A postal address (at least a district and a street or road). */
    ADDRESS,
    /** A whole or decimal number, e.g. floor area. */
    NUMBER,
    /** An amount of money in yuan with at most two decimals. */
    MONEY,
    /** A unified social credit code (统一社会信用代码, GB 32100, 18 characters with a check character). */
    CREDIT_CODE,
    /** An e-mail address. */
    EMAIL,
    /** A six-digit postal code. */
    POSTCODE,
    /** Yes or no. */
    YES_NO
}

package io.dianxiaoer.core.event;

/** Why a card on the reader did not yield an identity. */
public enum CardRejection {
    /** The read broke off (card moved or pulled away): place it again and hold still. */
    READ_INTERRUPTED,
    /** Not a card this reader understands (SW3 40, or an unknown layout). */
    UNSUPPORTED_CARD,
    /** The card failed the SAM's authentication (SW3 31/32/33): possibly damaged or not genuine. */
    AUTHENTICATION_FAILED,
    /** The card's data is not valid (bad check digit, impossible date, fields that disagree). */
    INVALID_DATA
}

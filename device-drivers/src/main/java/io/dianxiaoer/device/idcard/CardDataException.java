package io.dianxiaoer.device.idcard;

/** The card's text block does not hold a valid identity. The message names the field, never its content. */
public final class CardDataException extends RuntimeException {
    public CardDataException(String message) {
        super(message);
    }
}

package io.dianxiaoer.device.idcard;

/** The card is readable but of a kind no layout covers. */
public final class UnsupportedCardException extends RuntimeException {
    public UnsupportedCardException(String message) {
        super(message);
    }
}

package io.dianxiaoer.core.identity;

/** An ID number that fails the format or check-digit rules; the message says which, in plain words, without the number. */
public final class InvalidIdNumberException extends IllegalArgumentException {
    public InvalidIdNumberException(String message) {
        super(message);
    }
}

package io.dianxiaoer.device.locker;

/** The board answered with something that is not a valid reply, or did not answer. */
public class LockerProtocolException extends RuntimeException {
    public LockerProtocolException(String message) {
        super(message);
    }
}

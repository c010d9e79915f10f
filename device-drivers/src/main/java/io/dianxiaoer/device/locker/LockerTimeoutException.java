package io.dianxiaoer.device.locker;

/** No valid reply came within the timeout (the board is silent, absent from the bus, or too slow). */
public final class LockerTimeoutException extends LockerProtocolException {
    public LockerTimeoutException(String message) {
        super(message);
    }
}

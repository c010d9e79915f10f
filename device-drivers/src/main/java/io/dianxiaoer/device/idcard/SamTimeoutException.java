package io.dianxiaoer.device.idcard;

/** No valid reply came within the timeout. */
public final class SamTimeoutException extends SamProtocolException {
    public SamTimeoutException(String message) {
        super(message);
    }
}

package io.dianxiaoer.device.idcard;

/** The reader answered with something that is not a valid reply, or did not answer. Never carries card data. */
public class SamProtocolException extends RuntimeException {
    public SamProtocolException(String message) {
        super(message);
    }
}

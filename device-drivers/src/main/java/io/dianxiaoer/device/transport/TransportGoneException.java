package io.dianxiaoer.device.transport;

import java.io.IOException;

/** The link is gone (USB unplugged, peer closed the socket): the device must be reopened. */
public final class TransportGoneException extends IOException {
    public TransportGoneException(String message) {
        super(message);
    }

    public TransportGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}

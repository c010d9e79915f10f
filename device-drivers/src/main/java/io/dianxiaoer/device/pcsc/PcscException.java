package io.dianxiaoer.device.pcsc;

import java.io.IOException;

/** A PC/SC operation failed. The message is plain words and never holds card data. */
public class PcscException extends IOException {

    /** Why, in the terms a caller acts on. */
    public enum Kind {
        /** pcscd is not running or was restarted ({@code SCARD_E_NO_SERVICE} and friends). */
        SERVICE_UNAVAILABLE,
        /** libpcsclite is missing, so PC/SC cannot be used at all in this JVM. */
        LIBRARY_MISSING,
        /** No reader of that name. */
        NO_READER,
        /** No card on the reader, or it was taken away (or reset) during the exchange. */
        NO_CARD,
        /** The card did not answer within the timeout. */
        TIMEOUT,
        /** Anything else the reader or card reported. */
        CARD_ERROR
    }

    private final Kind kind;

    public PcscException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PcscException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

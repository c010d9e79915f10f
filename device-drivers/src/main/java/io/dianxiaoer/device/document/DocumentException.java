package io.dianxiaoer.device.document;

import java.util.Objects;

/** A picture the document pipeline cannot take: why, in plain words, and what kind of problem it is. */
public final class DocumentException extends Exception {

    /** What went wrong, for code that reacts differently (ask for another file, give up, …). */
    public enum Kind {
        /** Not a JPEG or PNG, damaged, or cut short. */
        UNREADABLE,
        /** Bigger than the configured byte or pixel limits: refused before decoding. */
        TOO_LARGE,
        /** The page cannot be brought under the size budget even at the smallest allowed size. */
        OVER_BUDGET
    }

    private final Kind kind;

    public DocumentException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}

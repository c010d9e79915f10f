package io.dianxiaoer.core.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A short message for whoever stands at the kiosk, such as "this card has expired". It carries
 * no personal data beyond a date, and disappears after {@link #SHOWN_FOR}.
 *
 * @param date the date the message is about (the expiry date), if any
 */
public record Notice(Kind kind, Instant at, Optional<LocalDate> date) {

    public static final java.time.Duration SHOWN_FOR = java.time.Duration.ofSeconds(10);

    public enum Kind {
        CARD_EXPIRED, CARD_NOT_YET_VALID, CARD_READ_INTERRUPTED, CARD_UNSUPPORTED, CARD_AUTHENTICATION_FAILED,
        CARD_INVALID_DATA
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(date, "date");
    }
}

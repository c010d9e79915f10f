package io.dianxiaoer.core.event;

import io.dianxiaoer.core.session.Language;
import java.time.Instant;
import java.util.Objects;

/** The citizen switched the interface language. */
public record LanguageSelected(Language language, Instant at) implements UserEvent {
    public LanguageSelected {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(at, "at");
    }
}

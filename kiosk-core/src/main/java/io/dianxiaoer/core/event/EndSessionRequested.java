package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** The citizen (or staff on their behalf) pressed "finish": wipe everything now. */
public record EndSessionRequested(Instant at) implements UserEvent {
    public EndSessionRequested {
        Objects.requireNonNull(at, "at");
    }
}

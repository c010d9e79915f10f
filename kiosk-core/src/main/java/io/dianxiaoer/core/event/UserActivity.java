package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A touch or key press: the citizen is still there, so the idle clock restarts. */
public record UserActivity(Instant at) implements UserEvent {
    public UserActivity {
        Objects.requireNonNull(at, "at");
    }
}

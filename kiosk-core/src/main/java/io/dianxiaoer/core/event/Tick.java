package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** The passage of time, so that the idle timeout stays a pure function of events. */
public record Tick(Instant at) implements SessionEvent {
    public Tick {
        Objects.requireNonNull(at, "at");
    }
}

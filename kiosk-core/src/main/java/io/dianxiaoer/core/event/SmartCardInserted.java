package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A card was put on (or into) a PC/SC reader. */
public record SmartCardInserted(String deviceId, String reader, Instant at) implements SmartCardEvent {
    public SmartCardInserted {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(at, "at");
    }
}

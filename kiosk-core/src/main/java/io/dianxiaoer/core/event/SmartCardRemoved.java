package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** The card left a PC/SC reader (or its reader went away). */
public record SmartCardRemoved(String deviceId, String reader, Instant at) implements SmartCardEvent {
    public SmartCardRemoved {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(at, "at");
    }
}

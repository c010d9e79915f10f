package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** The card that was read has left the reader's field. */
public record CardRemoved(String deviceId, Instant at) implements DeviceEvent {
    public CardRemoved {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(at, "at");
    }
}

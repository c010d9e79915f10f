package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A device changed state; {@code reason} is plain words for staff and technicians, never personal data. */
public record DeviceStatusChanged(String deviceId, DeviceStatus status, String reason, Instant at)
        implements DeviceEvent {
    public DeviceStatusChanged {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}

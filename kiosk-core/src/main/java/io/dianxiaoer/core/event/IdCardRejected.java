package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A card was on the reader but gave no usable identity. Carries no card data. */
public record IdCardRejected(String deviceId, CardRejection reason, Instant at) implements DeviceEvent {
    public IdCardRejected {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}

package io.dianxiaoer.core.event;

import io.dianxiaoer.core.identity.ResidentIdCard;
import java.time.Instant;
import java.util.Objects;

/** A resident ID card was found, read and parsed. Its {@code toString} is masked by {@link ResidentIdCard}. */
public record IdCardRead(String deviceId, ResidentIdCard card, Instant at) implements DeviceEvent {
    public IdCardRead {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(at, "at");
    }
}

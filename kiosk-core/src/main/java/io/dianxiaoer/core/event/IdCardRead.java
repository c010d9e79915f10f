package io.dianxiaoer.core.event;

import io.dianxiaoer.core.identity.IdentityDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * A card on the SAM reader was found, read and parsed: a resident ID card, an HMT residence
 * permit or a foreign permanent resident card. Whether it is still valid is the session's call
 * (it knows the date). Its {@code toString} is masked by the document.
 */
public record IdCardRead(String deviceId, IdentityDocument card, Instant at) implements DeviceEvent {
    public IdCardRead {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(at, "at");
    }
}

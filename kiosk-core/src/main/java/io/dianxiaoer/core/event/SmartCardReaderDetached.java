package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A PC/SC reader went away (unplugged, or the PC/SC service stopped); any card on it is reported removed first. */
public record SmartCardReaderDetached(String deviceId, String reader, Instant at) implements SmartCardEvent {
    public SmartCardReaderDetached {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(at, "at");
    }
}

package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/** A PC/SC reader appeared (plugged in, or the PC/SC service came back with it). */
public record SmartCardReaderAttached(String deviceId, String reader, Instant at) implements SmartCardEvent {
    public SmartCardReaderAttached {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(at, "at");
    }
}

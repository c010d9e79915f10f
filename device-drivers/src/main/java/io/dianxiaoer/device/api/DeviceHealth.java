package io.dianxiaoer.device.api;

import io.dianxiaoer.core.event.DeviceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A device's health at one moment: for the staff screen, maintenance mode and heartbeats.
 * {@code lastError} is plain words and never holds personal data.
 */
public record DeviceHealth(
        String deviceId,
        DeviceStatus status,
        String endpoint,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        Optional<Instant> openSince,
        Map<String, Long> counters) {

    public DeviceHealth {
        counters = Map.copyOf(counters);
    }
}

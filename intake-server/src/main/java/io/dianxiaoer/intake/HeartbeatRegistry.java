package io.dianxiaoer.intake;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest heartbeat of each kiosk, in memory only: a restart forgets them, which is fine
 * because kiosks send one every minute or so. Thread-safe and non-blocking, so event loops may
 * call it directly. When two heartbeats of one kiosk race, the one stored last wins.
 */
final class HeartbeatRegistry {

    /** A heartbeat with the server time it arrived (the kiosk's own clock may be wrong). */
    record Received(Heartbeat heartbeat, Instant receivedAt) {
        Received {
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    private final Map<String, Received> latest = new ConcurrentHashMap<>();

    void record(String kioskId, Heartbeat heartbeat, Instant receivedAt) {
        latest.put(Objects.requireNonNull(kioskId, "kioskId"), new Received(heartbeat, receivedAt));
    }

    Optional<Received> latest(String kioskId) {
        return Optional.ofNullable(latest.get(kioskId));
    }
}

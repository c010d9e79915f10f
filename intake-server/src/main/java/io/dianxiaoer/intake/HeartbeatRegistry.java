package io.dianxiaoer.intake;

import java.time.Instant;
import java.util.Objects;

/** Heartbeats are stored by {@link IntakeStore}; this holds the shape of the latest one as read back. */
final class HeartbeatRegistry {

    /** A heartbeat with the server time it arrived (the kiosk's own clock may be wrong). */
    record Received(Heartbeat heartbeat, Instant receivedAt) {
        Received {
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    private HeartbeatRegistry() {
    }
}

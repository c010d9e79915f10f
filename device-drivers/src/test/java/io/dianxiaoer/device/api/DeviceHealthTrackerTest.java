package io.dianxiaoer.device.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeviceHealthTrackerTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void countersOpenTimeAndStatusEvents() {
        HandClock clock = new HandClock();
        DeviceHealthTracker t = new DeviceHealthTracker("scanner", clock, LoggerFactory.getLogger("test"));
        List<DeviceEvent> events = new ArrayList<>();
        t.addListener(events::add);
        t.addListener(e -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });

        DeviceHealth fresh = t.health();
        assertThat(fresh.counters()).containsEntry("reads", 0L).containsEntry("errors", 0L)
                .containsEntry("reconnects", 0L).containsEntry("openSeconds", 0L);
        assertThat(fresh.status()).isEqualTo(DeviceStatus.CLOSED);

        t.opened();
        t.setStatus(DeviceStatus.READY, "ready");
        t.setStatus(DeviceStatus.READY, "still ready"); // no event for no change
        clock.now = clock.now.plusSeconds(1800);
        t.error("timeouts", "it went quiet");
        t.closedPort();
        t.setStatus(DeviceStatus.OFFLINE, "gone");
        clock.now = clock.now.plusSeconds(600); // closed time does not count
        t.opened();
        clock.now = clock.now.plusSeconds(1800);

        DeviceHealth h = t.health();
        assertThat(h.counters()).containsEntry("openSeconds", 3600L).containsEntry("opens", 2L)
                .containsEntry("reconnects", 1L).containsEntry("errors", 1L).containsEntry("timeouts", 1L);
        assertThat(h.lastError()).contains("it went quiet");
        assertThat(h.openSince()).contains(Instant.parse("2026-11-22T08:40:00Z"));
        assertThat(events).hasSize(2).allMatch(DeviceStatusChanged.class::isInstance);
    }
}

package io.dianxiaoer.device.api;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The bookkeeping every device shares: status with {@link DeviceStatusChanged} events, listeners,
 * the last error, counters, and how long the port has been open in all.
 *
 * <p>Counter names every device uses: {@code reads} (useful results: a code, a poll answered),
 * {@code errors} (every error, whatever its kind, also counted under its own name), {@code opens},
 * {@code reconnects} (opens after the first), {@code disconnects}; {@link #health()} adds
 * {@code openSeconds}, the time the port has been open over the device's whole life.
 *
 * <p>Threading: mutators ({@link #setStatus}, {@link #error}, {@link #opened}, {@link #closedPort},
 * {@link #emit}) are called from the device's own executor; {@link #health()} and {@link #status()}
 * are safe from any thread. Listeners run on the caller's thread (the device executor); one that
 * throws is logged and the others still run.
 */
public final class DeviceHealthTracker {

    private final String deviceId;
    private final Clock clock;
    private final Logger log;
    private final List<Consumer<? super DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final DeviceCounters counters = new DeviceCounters();

    private volatile DeviceStatus status = DeviceStatus.CLOSED;
    private volatile String endpoint = "";
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant openSince;
    private volatile long closedOpenMillis;

    public DeviceHealthTracker(String deviceId, Clock clock, Logger log) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    public String deviceId() {
        return deviceId;
    }

    public Clock clock() {
        return clock;
    }

    public DeviceStatus status() {
        return status;
    }

    public DeviceCounters counters() {
        return counters;
    }

    public void addListener(Consumer<? super DeviceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Changes the status and tells the listeners; nothing happens when it is the same. */
    public void setStatus(DeviceStatus next, String reason) {
        DeviceStatus prev = status;
        if (prev == next) {
            return;
        }
        status = next;
        log.info("{}: {} → {} ({})", deviceId, prev, next, reason);
        emit(new DeviceStatusChanged(deviceId, next, reason, clock.instant()));
    }

    /** Records an error: counted under {@code kind} and under {@code errors}. The message is plain words, no personal data. */
    public void error(String kind, String message) {
        counters.increment(kind);
        counters.increment("errors");
        lastError = message;
        lastErrorAt = clock.instant();
        log.warn("{}: {}", deviceId, message);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The port is open: starts the open-time clock and counts the open (and a reconnect after the first). */
    public void opened() {
        if (counters.get("opens") > 0) {
            counters.increment("reconnects");
        }
        counters.increment("opens");
        openSince = clock.instant();
    }

    /** The port was closed or lost: adds this period to the open time. */
    public void closedPort() {
        Instant since = openSince;
        openSince = null;
        if (since != null) {
            closedOpenMillis += Math.max(0, Duration.between(since, clock.instant()).toMillis());
        }
    }

    public void emit(DeviceEvent event) {
        for (Consumer<? super DeviceEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("listener of {} failed on {}", deviceId, event.getClass().getSimpleName(), e);
            }
        }
    }

    public DeviceHealth health() {
        Instant since = openSince;
        long openMillis = closedOpenMillis
                + (since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis()));
        Map<String, Long> c = new TreeMap<>(counters.snapshot());
        for (String always : List.of("reads", "errors", "reconnects")) {
            c.putIfAbsent(always, 0L);
        }
        c.put("openSeconds", openMillis / 1000);
        return new DeviceHealth(deviceId, status, endpoint, Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt), Optional.ofNullable(since), c);
    }
}

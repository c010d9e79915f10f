package io.dianxiaoer.device.api;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import java.util.function.Consumer;

/**
 * The lifecycle every device shares: {@code open → READY ⇄ BUSY → close}, with
 * {@code DEGRADED}, {@code OFFLINE} and {@code FAULT} (see {@link DeviceStatus}).
 *
 * <p>Each device runs on its own single-thread executor. {@link #open()} and {@link #close()}
 * return at once (close waits a short, bounded time for the executor). Listeners are called on
 * the device's executor and must not block it. Events are immutable records.
 */
public interface Device extends AutoCloseable {

    /** A short stable id, e.g. {@code idcard}. */
    String id();

    DeviceStatus status();

    /** A snapshot of state, counters and the last error; safe from any thread. */
    DeviceHealth health();

    /** Starts the device: it connects, keeps reconnecting while the port is missing, and reports events. */
    void open();

    void addListener(Consumer<? super DeviceEvent> listener);

    /** Stops the device and releases the port. Idempotent. */
    @Override
    void close();
}

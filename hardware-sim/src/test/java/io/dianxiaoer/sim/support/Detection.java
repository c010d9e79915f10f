package io.dianxiaoer.sim.support;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import java.util.function.Consumer;

/**
 * Measures how long a device takes to report a status after the test caused it (a listener notes
 * the moment the event arrives). The figure is printed for the docs, never judged by an assertion:
 * tests do not fail on wall-clock time.
 */
public final class Detection implements Consumer<DeviceEvent> {

    private final DeviceStatus awaited;
    private volatile long startedAt;
    private volatile long seenAt = -1;

    public Detection(DeviceStatus awaited) {
        this.awaited = awaited;
    }

    /** Call right when the fault is caused. */
    public void start() {
        seenAt = -1;
        startedAt = System.nanoTime();
    }

    @Override
    public void accept(DeviceEvent e) {
        if (startedAt != 0 && seenAt < 0 && e instanceof DeviceStatusChanged c && c.status() == awaited) {
            seenAt = System.nanoTime();
        }
    }

    /** Waits for the status and returns the milliseconds it took; prints them with {@code what}. */
    public long awaitAndReport(String what) {
        Await.until(what + " → " + awaited, () -> seenAt >= 0);
        long ms = (seenAt - startedAt) / 1_000_000;
        System.out.printf("DETECTION %s: %s after %d ms%n", what, awaited, ms);
        return ms;
    }
}

package io.dianxiaoer.sync;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops hammering an intake that is down. {@code CLOSED}: requests go out; after {@code threshold}
 * failures in a row (no answer, or a 5xx) it turns {@code OPEN} and lets nothing out for the open
 * period; then {@code HALF_OPEN}: one probe goes out, whose success closes it and whose failure opens it
 * again, each time for longer (doubling, up to {@code maxOpen}). Any answer that proves the intake is
 * working (2xx, or a 4xx about the request itself) counts as a success.
 *
 * <p>Thread-safe (synchronized); never blocks. The clock is a nanosecond supplier so tests can drive it.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long baseOpenNanos;
    private final long maxOpenNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failures;
    private long openNanos;
    private long openUntil;
    private boolean probeOut;
    private long opened;

    CircuitBreaker(int threshold, Duration open, Duration maxOpen, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.baseOpenNanos = open.toNanos();
        this.maxOpenNanos = Math.max(open.toNanos(), maxOpen.toNanos());
        this.openNanos = baseOpenNanos;
        this.nanoClock = nanoClock;
    }

    /** Whether one more request may go out now; in HALF_OPEN only one probe at a time. */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openUntil < 0) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeOut = true;
                return true;
            default:
                if (probeOut) {
                    return false;
                }
                probeOut = true;
                return true;
        }
    }

    /** Gives back a permission that was not used (nothing was due after all). */
    synchronized void release() {
        if (state == State.HALF_OPEN) {
            probeOut = false;
        }
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        probeOut = false;
        openNanos = baseOpenNanos;
    }

    synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN) {
            openNanos = Math.min(maxOpenNanos, openNanos * 2);
            open();
        } else if (state == State.CLOSED && failures >= threshold) {
            open();
        }
    }

    private void open() {
        state = State.OPEN;
        probeOut = false;
        openUntil = nanoClock.getAsLong() + openNanos;
        opened++;
    }

    /** Nanoseconds until a probe may go out (0 when requests may go now). */
    synchronized long nanosUntilAllowed() {
        if (state == State.OPEN) {
            return Math.max(0, openUntil - nanoClock.getAsLong());
        }
        return 0;
    }

    synchronized State state() {
        return state;
    }

    /** How often it has opened (a statistic). */
    synchronized long timesOpened() {
        return opened;
    }

    /** Closes it at once (a technician's "sync now"). */
    synchronized void reset() {
        onSuccess();
    }
}

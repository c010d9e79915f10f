package io.dianxiaoer.sim.support;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling waits for asynchronous behaviour. The bounds are generous on purpose: they only keep a
 * broken build from hanging, they never decide whether something was fast enough.
 */
public final class Await {

    /** The default bound for anything the driver does by itself. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, PATIENCE, condition);
    }

    public static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("still waiting after %s for: %s", bound, what);
            }
            sleep(10);
        }
    }

    /** Waits until the supplier yields non-null and returns it. */
    public static <T> T value(String what, Supplier<T> supplier) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T v;
        while ((v = supplier.get()) == null) {
            if (System.nanoTime() > deadline) {
                fail("still waiting after %s for: %s", PATIENCE, what);
            }
            sleep(10);
        }
        return v;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

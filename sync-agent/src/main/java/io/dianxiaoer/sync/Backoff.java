package io.dianxiaoer.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter and a cap: the delay before retry {@code n} (n ≥ 1) is uniform
 * in {@code [0, min(cap, base·2^(n-1))]}, so kiosks that lost the intake together do not come back in
 * step. Immutable; thread-safe.
 */
record Backoff(Duration base, Duration cap) {

    Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    /** The upper bound of the delay before retry {@code attempt}. */
    long ceilingMillis(int attempt) {
        int shift = Math.max(0, Math.min(attempt - 1, 30));
        long ceiling = base.toMillis() << shift;
        return ceiling <= 0 || ceiling > cap.toMillis() ? cap.toMillis() : ceiling;
    }

    long delayMillis(int attempt) {
        return ThreadLocalRandom.current().nextLong(ceilingMillis(attempt) + 1);
    }
}

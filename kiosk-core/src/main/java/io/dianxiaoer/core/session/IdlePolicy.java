package io.dianxiaoer.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a session may stay untouched before it is wiped, and for how long before that a
 * countdown is shown so the citizen can keep the session.
 */
public record IdlePolicy(Duration timeout, Duration countdown) {

    public static final IdlePolicy DEFAULT = new IdlePolicy(Duration.ofSeconds(60), Duration.ofSeconds(15));

    public IdlePolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(countdown, "countdown");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        if (countdown.isNegative() || countdown.compareTo(timeout) > 0) {
            throw new IllegalArgumentException("countdown must lie between 0 and the idle timeout");
        }
    }
}

package io.dianxiaoer.sim.locker;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.LockerEvent;
import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Driver settings for tests (quick polls, a one-second door alarm, a short error window) and predicates. */
final class LockerTesting {

    /** Board 1: 12 locks with item sensors; board 2: 8 locks wired on a 24-channel board without sensors. */
    static final List<BoardConfig> BUS = BoardConfig.parseList("1:12p,2:8/24");

    private LockerTesting() {
    }

    static LockerSettings fast(List<BoardConfig> boards, HookPolarity polarity) {
        return new LockerSettings(boards, polarity, Duration.ofMillis(200), Duration.ofMillis(100),
                Duration.ofMillis(300), Duration.ofMillis(150), Duration.ofSeconds(1), Duration.ofMillis(200), 3,
                Duration.ofMillis(1500), 3, Duration.ofMillis(50));
    }

    static Predicate<DeviceEvent> locker(LockerEvent.Kind kind, int compartment) {
        return e -> e instanceof LockerEvent l && l.kind() == kind && l.compartment() == compartment;
    }
}

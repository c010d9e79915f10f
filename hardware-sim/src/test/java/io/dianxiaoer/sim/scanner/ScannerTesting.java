package io.dianxiaoer.sim.scanner;

import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.Terminator;
import java.time.Duration;
import java.util.function.Predicate;

/** Driver settings for tests (quick timeouts, a short error window) and event predicates. */
final class ScannerTesting {

    static final ScannerSettings.Probe FAST_PROBE = new ScannerSettings.Probe(
            ScannerSettings.SIMULATOR_PROBE.command(), ScannerSettings.SIMULATOR_PROBE.replyPrefix(),
            Duration.ofMillis(250), Duration.ofMillis(300));

    /** Any line end, the simulator's probe every 250 ms, half codes dropped after 300 ms, errors counted over 2 s. */
    static final ScannerSettings FAST = ScannerSettings.DEFAULT
            .withTerminator(Terminator.ANY_LINE_END)
            .withProbe(FAST_PROBE)
            .withTiming(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(2));

    private ScannerTesting() {
    }

    static Predicate<DeviceEvent> code(String text) {
        return e -> e instanceof CodeScanned c && c.text().equals(text);
    }

    static Predicate<DeviceEvent> anyCode() {
        return e -> e instanceof CodeScanned;
    }
}

package io.dianxiaoer.sim;

import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerController;
import io.dianxiaoer.device.locker.LockerSettings;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.locker.LockerBusSimulator;
import io.dianxiaoer.sim.locker.LockerFault;
import io.dianxiaoer.sim.scanner.ScannerFault;
import io.dianxiaoer.sim.scanner.ScannerSimulator;
import io.dianxiaoer.sim.support.Detection;
import io.dianxiaoer.sim.support.EventRecorder;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How quickly a vanished or silent device is reported with the PRODUCTION default timings (the other
 * tests use quick ones). The figures are printed ("DETECTION …" lines, quoted in docs/devices.md),
 * never judged: tests do not fail on wall-clock time. The generous waits only keep a broken build
 * from hanging.
 */
@Timeout(120)
class DefaultTimingDetectionTest {

    @Test
    void lockerWithDefaultTimings() throws IOException {
        try (LockerBusSimulator cabinet = LockerBusSimulator.demo(0);
             LockerController locker = new LockerController("locker", Transports.fromUri(cabinet.uri(), 9600),
                     LockerSettings.of(cabinet.boards(), HookPolarity.CLOSED_READS_11), Clock.systemUTC())) {
            EventRecorder events = new EventRecorder();
            locker.addListener(events);
            locker.open();
            int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));

            Detection silent = new Detection(DeviceStatus.DEGRADED);
            locker.addListener(silent);
            silent.start();
            cabinet.setFault(LockerFault.SILENT);
            silent.awaitAndReport("locker, defaults (poll 1 s, reply timeout 500 ms, 2 boards): boards silent");
            // (recovery waits for a clean 10 s error window: the quick-timing tests cover it)

            Detection gone = new Detection(DeviceStatus.OFFLINE);
            locker.addListener(gone);
            gone.start();
            cabinet.setFault(LockerFault.UNPLUGGED);
            gone.awaitAndReport("locker, defaults: port gone");
            assertThat(locker.health().lastError()).isPresent();
            assertThat(i).isPositive();
        }
    }

    @Test
    void scannerWithDefaultTimings() throws IOException {
        try (ScannerSimulator sim = new ScannerSimulator(0, ScannerSimulator.Config.DEFAULT);
             SerialCodeScanner scanner = new SerialCodeScanner("scanner", Transports.fromUri(sim.uri(), 9600),
                     ScannerSettings.DEFAULT.withProbe(ScannerSettings.SIMULATOR_PROBE), Clock.systemUTC())) {
            EventRecorder events = new EventRecorder();
            scanner.addListener(events);
            scanner.open();
            int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));

            Detection silent = new Detection(DeviceStatus.DEGRADED);
            scanner.addListener(silent);
            silent.start();
            sim.setFault(ScannerFault.SILENT);
            silent.awaitAndReport("scanner, defaults (probe every 1 s, 500 ms timeout): silent");
            sim.setFault(ScannerFault.NONE);
            i = events.awaitFrom(i, "READY again", status(DeviceStatus.READY));

            Detection gone = new Detection(DeviceStatus.OFFLINE);
            scanner.addListener(gone);
            gone.start();
            sim.setFault(ScannerFault.UNPLUGGED);
            gone.awaitAndReport("scanner, defaults: port gone");
            sim.setFault(ScannerFault.NONE);
            events.awaitFrom(i, "READY after the unplug", status(DeviceStatus.READY));
        }
    }
}

package io.dianxiaoer.sim.scanner;

import static io.dianxiaoer.sim.scanner.ScannerTesting.FAST;
import static io.dianxiaoer.sim.scanner.ScannerTesting.code;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.serial.SocatBridge;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Detection;
import io.dianxiaoer.sim.support.EventRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner driver over a REAL serial port: socat bridges a pseudo-terminal to the simulator and
 * the driver opens the pty through jSerialComm. Killing socat makes the pty vanish, as when the USB
 * cable is pulled. Skipped where socat is missing (CI installs it).
 */
@Timeout(120)
class SerialCodeScannerPtyTest {

    @TempDir
    Path tmp;

    private ScannerSimulator sim;
    private SocatBridge bridge;
    private SerialCodeScanner scanner;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(SocatBridge.available(), "socat is not on PATH: install it (apt-get install socat) to run the serial tests");
        sim = new ScannerSimulator(0, ScannerSimulator.Config.DEFAULT);
        bridge = SocatBridge.start(tmp.resolve("ttySCANNER"), sim.port(), false);
        scanner = new SerialCodeScanner("scanner", Transports.fromUri(bridge.uri(9600), 9600), FAST, Clock.systemUTC());
        scanner.addListener(events);
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private int scanAndAwait(int from, String text) {
        Await.until("the scan to go out", () -> sim.scan(text));
        return events.awaitFrom(from, "code over the pty", code(text));
    }

    @Test
    void codesArriveOverTheSerialPortAndThePortComesBackAfterAnUnplug() throws IOException {
        scanner.open();
        int i = events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        assertThat(scanner.health().endpoint()).isEqualTo("serial:" + bridge.link() + "?baud=9600");
        i = scanAndAwait(i, "SSM1-OVER-A-PTY 上海");

        Detection d = new Detection(DeviceStatus.OFFLINE);
        scanner.addListener(d);
        d.start();
        bridge.kill(); // the pty vanishes
        i = events.awaitFrom(i, "OFFLINE after the pty vanished", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("scanner pty vanished (socat killed)");
        assertThat(scanner.health().lastError().orElseThrow()).containsAnyOf("vanished", "no such port");

        bridge.restart();
        i = events.awaitFrom(i, "READY once the pty is back", status(DeviceStatus.READY));
        scanAndAwait(i, "AFTER-REPLUG");
        assertThat(scanner.health().counters()).containsEntry("reconnects", 1L).containsEntry("reads", 2L);
    }

    @Test
    void theSimulatorsUnplugFaultReachesTheDriverThroughThePty() throws IOException {
        scanner.open();
        int i = events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        Detection d = new Detection(DeviceStatus.OFFLINE);
        scanner.addListener(d);
        d.start();
        sim.setFault(ScannerFault.UNPLUGGED); // socat loses its TCP side and exits, taking the pty with it
        i = events.awaitFrom(i, "OFFLINE", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("scanner UNPLUGGED fault through the pty");

        sim.setFault(ScannerFault.NONE);
        bridge.restart();
        i = events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        scanAndAwait(i, "BACK");
    }

    @Test
    void silenceOverThePtyIsDegradedAndRecovers() {
        scanner.open();
        int i = events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        sim.setFault(ScannerFault.SILENT);
        i = events.awaitFrom(i, "DEGRADED", status(DeviceStatus.DEGRADED));
        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY", status(DeviceStatus.READY));
        scanAndAwait(i, "AFTER-SILENCE");
    }
}

package io.dianxiaoer.sim.locker;

import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_CLOSED;
import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_OPENED;
import static io.dianxiaoer.core.event.LockerEvent.Kind.ITEM_PLACED;
import static io.dianxiaoer.sim.locker.LockerTesting.BUS;
import static io.dianxiaoer.sim.locker.LockerTesting.fast;
import static io.dianxiaoer.sim.locker.LockerTesting.locker;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerController;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.serial.SocatBridge;
import io.dianxiaoer.sim.support.Detection;
import io.dianxiaoer.sim.support.EventRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locker driver over a REAL serial port (a socat pty bridged to the cabinet simulator, opened
 * through jSerialComm), including the port vanishing and coming back. Skipped without socat.
 */
@Timeout(120)
class LockerControllerPtyTest {

    @TempDir
    Path tmp;

    private LockerBusSimulator cabinet;
    private SocatBridge bridge;
    private LockerController locker;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(SocatBridge.available(), "socat is not on PATH: install it (apt-get install socat) to run the serial tests");
        cabinet = new LockerBusSimulator(0, BUS, HookPolarity.CLOSED_READS_11);
        bridge = SocatBridge.start(tmp.resolve("ttyLOCKER"), cabinet.port(), false);
        locker = new LockerController("locker", Transports.fromUri(bridge.uri(9600), 9600),
                fast(BUS, HookPolarity.CLOSED_READS_11), Clock.systemUTC());
        locker.addListener(events);
    }

    @AfterEach
    void stop() {
        if (locker != null) {
            locker.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (cabinet != null) {
            cabinet.close();
        }
    }

    @Test
    void aDepositOverTheSerialPortAndThePortComingBack() throws IOException {
        locker.open();
        int i = events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        assertThat(locker.health().endpoint()).isEqualTo("serial:" + bridge.link() + "?baud=9600");
        assertThat(locker.unlock(14).orTimeout(20, TimeUnit.SECONDS).join().opened()).isTrue();
        i = events.awaitFrom(i, "door 14 (board 2) opened", locker(DOOR_OPENED, 14));
        assertThat(locker.unlock(2).orTimeout(20, TimeUnit.SECONDS).join().opened()).isTrue();
        cabinet.putItem(2);
        cabinet.closeDoor(2);
        i = events.awaitFrom(i, "deposit in 2", locker(ITEM_PLACED, 2));

        Detection d = new Detection(DeviceStatus.OFFLINE);
        locker.addListener(d);
        d.start();
        bridge.kill();
        i = events.awaitFrom(i, "OFFLINE when the pty vanished", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("locker pty vanished (socat killed)");

        cabinet.closeDoor(14);
        bridge.restart();
        i = events.awaitFrom(i, "READY once the pty is back", status(DeviceStatus.READY));
        events.awaitFrom(i, "door 14 closed meanwhile", locker(DOOR_CLOSED, 14));
        assertThat(locker.health().counters()).containsEntry("reconnects", 1L);
    }

    @Test
    void theUnplugFaultReachesTheDriverThroughThePty() throws IOException {
        locker.open();
        int i = events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        Detection d = new Detection(DeviceStatus.OFFLINE);
        locker.addListener(d);
        d.start();
        cabinet.setFault(LockerFault.UNPLUGGED);
        i = events.awaitFrom(i, "OFFLINE", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("locker UNPLUGGED fault through the pty");
        cabinet.setFault(LockerFault.NONE);
        bridge.restart();
        events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
    }
}

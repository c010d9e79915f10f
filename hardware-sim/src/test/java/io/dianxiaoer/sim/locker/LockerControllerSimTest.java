package io.dianxiaoer.sim.locker;

import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_CLOSED;
import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_LEFT_OPEN;
import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_OPENED;
import static io.dianxiaoer.core.event.LockerEvent.Kind.DOOR_STUCK;
import static io.dianxiaoer.core.event.LockerEvent.Kind.ITEM_PLACED;
import static io.dianxiaoer.core.event.LockerEvent.Kind.ITEM_REMOVED;
import static io.dianxiaoer.sim.locker.LockerTesting.BUS;
import static io.dianxiaoer.sim.locker.LockerTesting.fast;
import static io.dianxiaoer.sim.locker.LockerTesting.locker;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.LockerEvent;
import io.dianxiaoer.device.locker.CompartmentState;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerController;
import io.dianxiaoer.device.locker.LockerSettings;
import io.dianxiaoer.device.locker.OpenResult;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Detection;
import io.dianxiaoer.sim.support.EventRecorder;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production locker driver against the wire-level cabinet simulator (two boards on one bus)
 * over loopback TCP: deposits and pickups, the door alarm, stuck doors, hook polarity, and every
 * fault with recovery. "Nothing happened" is measured in commands the boards served.
 */
@Timeout(120)
class LockerControllerSimTest {

    private LockerBusSimulator cabinet;
    private LockerController locker;
    private final EventRecorder events = new EventRecorder();

    @AfterEach
    void stop() {
        if (locker != null) {
            locker.close();
        }
        if (cabinet != null) {
            cabinet.close();
        }
    }

    private int start(HookPolarity cabinetWiring, LockerSettings settings) throws IOException {
        cabinet = new LockerBusSimulator(0, BUS, cabinetWiring);
        locker = new LockerController("locker", Transports.fromUri(cabinet.uri(), 9600), settings, Clock.systemUTC());
        locker.addListener(events);
        locker.open();
        return events.awaitFrom(0, "READY", status(DeviceStatus.READY));
    }

    private int start() throws IOException {
        return start(HookPolarity.CLOSED_READS_11, fast(BUS, HookPolarity.CLOSED_READS_11));
    }

    private OpenResult unlock(int n) {
        return locker.unlock(n).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Lets the driver poll: the boards serve {@code n} more commands. */
    private void letItPoll(int n) {
        long target = cabinet.commandsServed() + n;
        Await.until(n + " more commands", () -> cabinet.commandsServed() >= target);
    }

    private List<LockerEvent> lockerEvents() {
        return events.all().stream().filter(LockerEvent.class::isInstance).map(LockerEvent.class::cast).toList();
    }

    // ------------------------------------------------------------------------------------ doors and items

    @Test
    void aDepositCountsWhenTheDoorClosesWithAnItemInside() throws IOException {
        int i = start();
        assertThat(locker.compartments()).hasSize(20);
        assertThat(locker.compartments().get(0).door()).isEqualTo(CompartmentState.Door.CLOSED);
        assertThat(locker.compartments().get(0).item()).isEqualTo(CompartmentState.Item.ABSENT);
        assertThat(locker.compartments().get(14).item()).isEqualTo(CompartmentState.Item.NO_SENSOR);
        assertThat(locker.compartments().get(14)).extracting(CompartmentState::board, CompartmentState::lock)
                .containsExactly(2, 3);

        assertThat(unlock(3).outcome()).isEqualTo(OpenResult.Outcome.OPENED);
        i = events.awaitFrom(i, "door 3 opened", locker(DOOR_OPENED, 3));
        assertThat(locker.compartments().get(2).door()).isEqualTo(CompartmentState.Door.OPEN);
        assertThat(locker.compartments().get(2).doorOpenSince()).isPresent();
        cabinet.putItem(3);
        letItPoll(6); // the item is in but the door is open: not a deposit yet
        assertThat(lockerEvents()).noneMatch(e -> e.kind() == ITEM_PLACED);

        cabinet.closeDoor(3);
        i = events.awaitFrom(i, "door 3 closed", locker(DOOR_CLOSED, 3));
        i = events.awaitFrom(i - 1, "deposit in 3", locker(ITEM_PLACED, 3));
        LockerEvent placed = lockerEvents().stream().filter(e -> e.kind() == ITEM_PLACED).findFirst().orElseThrow();
        assertThat(placed.board()).isEqualTo(1);
        assertThat(placed.lock()).isEqualTo(3);
        assertThat(locker.compartments().get(2).item()).isEqualTo(CompartmentState.Item.PRESENT);

        // the pickup
        assertThat(unlock(3).opened()).isTrue();
        i = events.awaitFrom(i, "door 3 opened again", locker(DOOR_OPENED, 3));
        cabinet.takeItem(3);
        cabinet.closeDoor(3);
        i = events.awaitFrom(i, "pickup from 3", locker(ITEM_REMOVED, 3));
        assertThat(locker.health().counters()).containsEntry("deposits", 1L).containsEntry("pickups", 1L);
        assertThat(lockerEvents()).extracting(LockerEvent::kind)
                .containsExactly(DOOR_OPENED, DOOR_CLOSED, ITEM_PLACED, DOOR_OPENED, DOOR_CLOSED, ITEM_REMOVED);
    }

    @Test
    void openingAndClosingWithoutAChangeOrASensorGlitchIsNoDeposit() throws IOException {
        int i = start();
        unlock(5);
        cabinet.closeDoor(5);
        i = events.awaitFrom(i, "door 5 closed", locker(DOOR_CLOSED, 5));

        cabinet.flipSensor(6); // an item "appears" behind a closed door
        Await.until("the glitch counted", () -> locker.health().counters().getOrDefault("presenceChangesWhileClosed", 0L) == 1);

        // a board without sensors: the door opens and closes, items are never reported
        unlock(15);
        cabinet.putItem(15);
        cabinet.closeDoor(15);
        i = events.awaitFrom(i, "door 15 closed", locker(DOOR_CLOSED, 15));
        letItPoll(6);
        assertThat(lockerEvents()).extracting(LockerEvent::kind)
                .containsExactly(DOOR_OPENED, DOOR_CLOSED, DOOR_OPENED, DOOR_CLOSED);
        assertThat(locker.health().counters().getOrDefault("deposits", 0L)).isZero();
    }

    @Test
    void aDoorOpenedByHandIsNoticedAndOneLeftOpenRaisesOneAlarm() throws IOException {
        int i = start();
        cabinet.openDoor(7); // a technician's key
        i = events.awaitFrom(i, "door 7 found open", locker(DOOR_OPENED, 7));
        i = events.awaitFrom(i, "door 7 left open", locker(DOOR_LEFT_OPEN, 7));
        letItPoll(10);
        assertThat(lockerEvents()).filteredOn(e -> e.kind() == DOOR_LEFT_OPEN).hasSize(1);
        cabinet.closeDoor(7);
        events.awaitFrom(i, "door 7 closed", locker(DOOR_CLOSED, 7));
        assertThat(locker.health().counters()).containsEntry("doorLeftOpen", 1L);
    }

    @Test
    void aStuckDoorIsReportedAndWorksOnceFreed() throws IOException {
        int i = start();
        cabinet.setStuck(4, true);
        OpenResult r = unlock(4);
        assertThat(r.outcome()).isEqualTo(OpenResult.Outcome.STUCK);
        assertThat(r.detail()).contains("still reads closed");
        i = events.awaitFrom(i, "door 4 stuck", locker(DOOR_STUCK, 4));
        assertThat(locker.health().lastError().orElseThrow()).contains("compartment 4 did not open");
        assertThat(locker.compartments().get(3).door()).isEqualTo(CompartmentState.Door.CLOSED);

        cabinet.setStuck(4, false);
        assertThat(unlock(4).opened()).isTrue();
        events.awaitFrom(i, "door 4 opened", locker(DOOR_OPENED, 4));
        assertThat(unlock(99).outcome()).isEqualTo(OpenResult.Outcome.FAILED);
    }

    @Test
    void hookPolarityIsASetting() throws IOException {
        // wired the other way round, and configured so: every door reads closed
        start(HookPolarity.CLOSED_READS_00, fast(BUS, HookPolarity.CLOSED_READS_00));
        assertThat(locker.compartments()).allMatch(c -> c.door() == CompartmentState.Door.CLOSED);
        assertThat(unlock(2).opened()).isTrue();
        locker.close();
        cabinet.close();

        // the same cabinet with the wrong setting reads every closed door as open
        EventRecorder wrong = new EventRecorder();
        cabinet = new LockerBusSimulator(0, BUS, HookPolarity.CLOSED_READS_00);
        locker = new LockerController("locker", Transports.fromUri(cabinet.uri(), 9600),
                fast(BUS, HookPolarity.CLOSED_READS_11), Clock.systemUTC());
        locker.addListener(wrong);
        locker.open();
        wrong.awaitFrom(0, "READY", status(DeviceStatus.READY));
        assertThat(locker.compartments()).allMatch(c -> c.door() == CompartmentState.Door.OPEN);
    }

    // ------------------------------------------------------------------------------------ faults

    @Test
    void silenceIsDegradedThenOfflineAndRecovers() throws IOException {
        int i = start();
        Detection degraded = new Detection(DeviceStatus.DEGRADED);
        Detection offline = new Detection(DeviceStatus.OFFLINE);
        locker.addListener(degraded);
        locker.addListener(offline);
        degraded.start();
        offline.start();
        cabinet.setFault(LockerFault.SILENT);
        i = events.awaitFrom(i, "DEGRADED when the boards fall silent", status(DeviceStatus.DEGRADED));
        degraded.awaitAndReport("locker boards silent (poll 300 ms, reply timeout 200 ms)");
        assertThat(locker.health().lastError().orElseThrow()).contains("does not answer");
        i = events.awaitFrom(i, "OFFLINE after three silent polls", status(DeviceStatus.OFFLINE));
        offline.awaitAndReport("locker boards silent, 3 polls");
        assertThat(unlock(1).outcome()).isEqualTo(OpenResult.Outcome.FAILED);

        cabinet.setFault(LockerFault.NONE);
        events.awaitFrom(i, "READY when the boards answer again", status(DeviceStatus.READY));
        assertThat(unlock(1).opened()).isTrue();
    }

    @Test
    void lineNoiseIsDegradedWhileDoorsStillWorkAndItRecovers() throws IOException {
        int i = start();
        cabinet.setFault(LockerFault.GARBAGE);
        i = events.awaitFrom(i, "DEGRADED under line noise", status(DeviceStatus.DEGRADED));
        assertThat(locker.health().lastError().orElseThrow()).containsAnyOf("line noise", "corrupt");
        assertThat(unlock(8).opened()).isTrue(); // the decoder finds the replies behind the noise
        cabinet.setFault(LockerFault.NONE);
        events.awaitFrom(i, "READY once the noise stops", status(DeviceStatus.READY));
        assertThat(locker.health().counters().get("noisyReplies")).isPositive();
    }

    @Test
    void badChecksumsAreDegradedAndRecover() throws IOException {
        int i = start();
        cabinet.setFault(LockerFault.BAD_CHECKSUM);
        i = events.awaitFrom(i, "DEGRADED on corrupt replies", status(DeviceStatus.DEGRADED));
        assertThat(locker.health().lastError().orElseThrow()).contains("checksum");
        OpenResult r = unlock(9);
        assertThat(r.outcome()).isEqualTo(OpenResult.Outcome.FAILED);
        assertThat(r.detail()).contains("corrupt");
        cabinet.setFault(LockerFault.NONE);
        events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        assertThat(locker.status()).isEqualTo(DeviceStatus.READY);
    }

    @Test
    void slowAnswersAreDegradedAndRecover() throws IOException {
        int i = start();
        cabinet.setSlowMillis(130); // slower than the 100 ms "slow" mark, within the 200 ms timeout
        cabinet.setFault(LockerFault.SLOW);
        i = events.awaitFrom(i, "DEGRADED on slow answers", status(DeviceStatus.DEGRADED));
        assertThat(locker.health().lastError().orElseThrow()).contains("answers slowly");
        assertThat(unlock(10).opened()).isTrue();

        cabinet.setSlowMillis(600); // later than the timeout: late replies must not answer later commands
        letItPoll(6);
        assertThat(locker.status()).isIn(DeviceStatus.DEGRADED, DeviceStatus.OFFLINE);
        assertThat(locker.health().counters().get("timeouts")).isPositive();

        cabinet.setFault(LockerFault.NONE);
        events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        assertThat(locker.compartments().get(9).door()).isEqualTo(CompartmentState.Door.OPEN);
    }

    @Test
    void jammedLocksAreStuckUntilTheFaultStops() throws IOException {
        start();
        cabinet.setFault(LockerFault.STUCK_DOORS);
        assertThat(unlock(11).outcome()).isEqualTo(OpenResult.Outcome.STUCK);
        cabinet.setFault(LockerFault.NONE);
        assertThat(unlock(11).outcome()).isEqualTo(OpenResult.Outcome.OPENED);
    }

    @Test
    void anUnpluggedBusIsOfflineAndWhatChangedMeanwhileIsReportedWhenItReturns() throws IOException {
        int i = start();
        unlock(12);
        i = events.awaitFrom(i, "door 12 open", locker(DOOR_OPENED, 12));
        cabinet.putItem(12);

        Detection d = new Detection(DeviceStatus.OFFLINE);
        locker.addListener(d);
        d.start();
        cabinet.setFault(LockerFault.UNPLUGGED);
        i = events.awaitFrom(i, "OFFLINE when unplugged", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("locker unplugged (TCP)");

        cabinet.closeDoor(12); // while the driver is away
        cabinet.setFault(LockerFault.NONE);
        i = events.awaitFrom(i, "READY when plugged in again", status(DeviceStatus.READY));
        i = events.awaitFrom(i, "the deposit made during the outage", locker(ITEM_PLACED, 12));
        assertThat(locker.health().counters()).containsEntry("reconnects", 1L);
        assertThat(locker.health().openSince()).isPresent();
    }
}

package io.dianxiaoer.sim.pcsc;

import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.SmartCardInserted;
import io.dianxiaoer.core.event.SmartCardReaderAttached;
import io.dianxiaoer.core.event.SmartCardReaderDetached;
import io.dianxiaoer.core.event.SmartCardRemoved;
import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import io.dianxiaoer.core.identity.mrtd.MrzAccessKey;
import io.dianxiaoer.device.emrtd.CscaTrustStore;
import io.dianxiaoer.device.emrtd.EmrtdReader;
import io.dianxiaoer.device.pcsc.PcscReaderWatcher;
import io.dianxiaoer.sim.emrtd.ChipMode;
import io.dianxiaoer.sim.emrtd.TestPassports;
import io.dianxiaoer.sim.emrtd.TestPki;
import io.dianxiaoer.sim.emrtd.VirtualEmrtdSimulator;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.PcscEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production reader watcher against a real pcscd with vpcd: readers appear, cards come and go,
 * and pcscd is stopped and started again under it. The recovery times are measured and printed
 * (they are figures for the docs, not pass/fail criteria: the waits have generous bounds).
 */
@Timeout(120)
class PcscReaderWatcherTest {

    static final String SLOT0 = PcscSandbox.readerName(0);
    static final String SLOT1 = PcscSandbox.readerName(1);

    PcscReaderWatcher watcher;
    EventRecorder events;
    VirtualEmrtdSimulator chip;
    TestPki pki;

    @BeforeEach
    void start() {
        PcscSandbox sandbox = PcscEnvironment.sandbox();
        // cards of earlier tests have left both readers before this one starts counting
        PcscEnvironment.awaitCard(SLOT0, false);
        PcscEnvironment.awaitCard(SLOT1, false);
        pki = TestPki.generate();
        chip = new VirtualEmrtdSimulator(sandbox.slotSocket(0), SLOT0, TestPassports.bundled(), pki);
        events = new EventRecorder();
        watcher = new PcscReaderWatcher("pcsc", PcscReaderWatcher.Settings.DEFAULT, Clock.systemUTC());
        watcher.addListener(events);
    }

    @AfterEach
    void stop() {
        if (watcher == null) {
            return; // the PC/SC set-up was skipped
        }
        watcher.close();
        chip.close();
        PcscEnvironment.sandbox(); // leave a running pcscd for the next test
    }

    static Predicate<DeviceEvent> attached(String reader) {
        return e -> e instanceof SmartCardReaderAttached a && a.reader().equals(reader);
    }

    static Predicate<DeviceEvent> detached(String reader) {
        return e -> e instanceof SmartCardReaderDetached d && d.reader().equals(reader);
    }

    static Predicate<DeviceEvent> inserted(String reader) {
        return e -> e instanceof SmartCardInserted i && i.reader().equals(reader);
    }

    static Predicate<DeviceEvent> removed(String reader) {
        return e -> e instanceof SmartCardRemoved r && r.reader().equals(reader);
    }

    @Test
    void reportsReadersAndCardsComingAndGoing() {
        watcher.open();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        assertThat(events.all()).anyMatch(attached(SLOT0)).anyMatch(attached(SLOT1));
        assertThat(watcher.readers()).containsEntry(SLOT0, false).containsEntry(SLOT1, false);

        chip.place("utopia-anna", ChipMode.GENUINE);
        i = events.awaitFrom(i, "card inserted on slot 0", inserted(SLOT0));
        assertThat(watcher.readers()).containsEntry(SLOT0, true);

        chip.remove();
        i = events.awaitFrom(i, "card removed from slot 0", removed(SLOT0));
        assertThat(watcher.readers()).containsEntry(SLOT0, false);

        chip.place("li-na", ChipMode.GENUINE);
        events.awaitFrom(i, "card inserted again", inserted(SLOT0));
        assertThat(events.all()).noneMatch(detached(SLOT0)).noneMatch(inserted(SLOT1));
        assertThat(watcher.health().counters()).containsEntry("cardsInserted", 2L).containsEntry("cardsRemoved", 1L);
    }

    @Test
    void survivesPcscdStoppingAndStartingAgain() {
        chip.place("utopia-anna", ChipMode.GENUINE);
        watcher.open();
        int i = events.awaitFrom(0, "card on slot 0", inserted(SLOT0));

        long stop0 = System.nanoTime();
        PcscEnvironment.stop();
        long stopped = System.nanoTime();
        int j = events.awaitFrom(i, "OFFLINE after pcscd stopped", status(DeviceStatus.OFFLINE));
        long offline = System.nanoTime();
        List<DeviceEvent> loss = events.since(i).subList(0, j - i);
        assertThat(loss).anyMatch(removed(SLOT0)).anyMatch(detached(SLOT0)).anyMatch(detached(SLOT1));
        // the card is reported gone before its reader
        assertThat(indexOf(loss, removed(SLOT0))).isLessThan(indexOf(loss, detached(SLOT0)));
        assertThat(watcher.readers()).isEmpty();
        assertThat(watcher.health().lastError()).get().asString().contains("SCARD_E_NO_SERVICE");

        long start0 = System.nanoTime();
        PcscEnvironment.sandbox();
        long started = System.nanoTime();
        int k = events.awaitFrom(j, "READY after pcscd came back", status(DeviceStatus.READY));
        long ready = System.nanoTime();
        events.awaitFrom(j, "the card on slot 0 again", inserted(SLOT0));
        long card = System.nanoTime();
        assertThat(events.since(j)).anyMatch(attached(SLOT0)).anyMatch(attached(SLOT1));
        assertThat(watcher.health().counters()).containsEntry("serviceLosses", 1L).containsEntry("recoveries", 1L);

        System.out.printf("pcscd stop took %d ms; watcher OFFLINE %d ms after pcscd was gone%n",
                ms(stop0, stopped), ms(stopped, offline));
        System.out.printf("pcscd start took %d ms; watcher READY %d ms after pcscd was up, card seen again after %d ms%n",
                ms(start0, started), ms(started, ready), ms(started, card));

        // and the APDU path works on the new context too
        try (EmrtdReader reader = new EmrtdReader(CscaTrustStore.of(pki.trustedCsca()), EmrtdReader.Settings.DEFAULT,
                Clock.systemUTC())) {
            var r = reader.readBlocking(SLOT0, MrzAccessKey.of("L898902C3", "740812", "341231"));
            assertThat(r.verdict()).as(r.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
        }
        assertThat(k).isPositive();
    }

    @Test
    void startsWithoutPcscdAndComesUpWhenItStarts() {
        PcscEnvironment.stop();
        watcher.open();
        int i = events.awaitFrom(0, "OFFLINE without pcscd", status(DeviceStatus.OFFLINE));
        assertThat(watcher.health().lastError()).get().asString().contains("not running");
        long t0 = System.nanoTime();
        PcscEnvironment.sandbox();
        long up = System.nanoTime();
        events.awaitFrom(i, "READY once pcscd runs", status(DeviceStatus.READY));
        System.out.printf("watcher started without pcscd: READY %d ms after pcscd was up%n", ms(up, System.nanoTime()));
        assertThat(ms(t0, up)).isNotNegative();
        assertThat(watcher.readers()).containsKeys(SLOT0, SLOT1);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static int indexOf(List<DeviceEvent> list, Predicate<DeviceEvent> p) {
        for (int n = 0; n < list.size(); n++) {
            if (p.test(list.get(n))) {
                return n;
            }
        }
        return -1;
    }
}

package io.dianxiaoer.sim.scanner;

import static io.dianxiaoer.sim.scanner.ScannerTesting.FAST;
import static io.dianxiaoer.sim.scanner.ScannerTesting.code;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.code.CodeParser;
import io.dianxiaoer.core.code.CodePolicy;
import io.dianxiaoer.core.code.CodeRejection;
import io.dianxiaoer.core.code.ScannedPayload;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.scanner.Terminator;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Detection;
import io.dianxiaoer.sim.support.EventRecorder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production scanner driver against the wire-level scanner simulator over loopback TCP, with
 * every fault: each gives a clear state and the driver recovers by itself once the fault stops.
 * "Nothing happened" is measured in status probes the simulator answered, never in milliseconds.
 */
@Timeout(120)
class SerialCodeScannerSimTest {

    private ScannerSimulator sim;
    private SerialCodeScanner scanner;
    private final EventRecorder events = new EventRecorder();

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private int start(ScannerSimulator.Config config, ScannerSettings settings) throws IOException {
        sim = new ScannerSimulator(0, config);
        scanner = new SerialCodeScanner("scanner", Transports.fromUri(sim.uri(), 9600), settings, Clock.systemUTC());
        scanner.addListener(events);
        scanner.open();
        return events.awaitFrom(0, "READY", status(DeviceStatus.READY));
    }

    /** Lets the driver run: the simulator answers {@code n} more probes. */
    private void letItRun(int n) {
        long target = sim.probesAnswered() + n;
        Await.until(n + " more probes answered", () -> sim.probesAnswered() >= target);
    }

    private int scanAndAwait(int from, String text) {
        Await.until("the scan to go out", () -> sim.scan(text));
        return events.awaitFrom(from, "code " + text.length() + " chars", code(text));
    }

    private List<CodeScanned> codes() {
        return events.all().stream().filter(CodeScanned.class::isInstance).map(CodeScanned.class::cast).toList();
    }

    // ------------------------------------------------------------------------------------ plain

    @Test
    void codesArriveExactlyAsScanned() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        String suishen = new ScannedPayload.SuishenCode(io.dianxiaoer.core.code.CodeKind.SUISHEN_CODE,
                Instant.now().plusSeconds(300), "K7Q2M9XW4T8RZ3NB5VHC").payload();
        i = scanAndAwait(i, suishen);
        i = scanAndAwait(i, "上海市浦东新区 便民服务 ①");
        i = scanAndAwait(i, "6901234567892");

        assertThat(codes()).extracting(CodeScanned::text)
                .containsExactly(suishen, "上海市浦东新区 便民服务 ①", "6901234567892");
        assertThat(new CodeParser(CodePolicy.DEFAULT).parse(codes().get(0).text(), Instant.now()).accepted()).isTrue();
        DeviceHealth h = scanner.health();
        assertThat(h.status()).isEqualTo(DeviceStatus.READY);
        assertThat(h.counters()).containsEntry("reads", 3L).containsEntry("errors", 0L).containsEntry("opens", 1L);
        assertThat(h.endpoint()).isEqualTo(sim.uri());
        assertThat(h.openSince()).isPresent();
        assertThat(h.counters().get("probeAnswers")).isPositive();
    }

    @Test
    void prefixAndSuffixAreStrippedAndEachTerminatorStyleWorks() throws IOException {
        ScannerSimulator.Config cfg = ScannerSimulator.Config.DEFAULT.withAffixes("\u0002", "\u0003").withTerminator(Terminator.CR);
        int i = start(cfg, FAST.withAffixes("\u0002", "\u0003").withTerminator(Terminator.CR));
        scanAndAwait(i, "LKR1:PD01:58302917:X");
        assertThat(codes()).extracting(CodeScanned::text).containsExactly("LKR1:PD01:58302917:X");
    }

    @Test
    void aScannerInTriggerModeSendsOnlyAfterTheTrigger() throws IOException {
        ScannerSimulator.Config cfg = ScannerSimulator.Config.DEFAULT.withTriggerMode(true);
        // without a trigger configured, a held scan never comes out
        int i = start(cfg, FAST);
        sim.scan("HELD-CODE");
        letItRun(3);
        assertThat(codes()).isEmpty();
        assertThat(sim.heldScans()).isEqualTo(1);
        scanner.close();
        sim.close();

        // with the trigger, the held scan is released when the port opens
        events.all();
        EventRecorder withTrigger = new EventRecorder();
        sim = new ScannerSimulator(0, cfg);
        sim.scan("HELD-CODE");
        scanner = new SerialCodeScanner("scanner", Transports.fromUri(sim.uri(), 9600),
                FAST.withTrigger(new ScannerSettings.Trigger(ScannerSettings.SYN_T_CR, Duration.ofHours(1))),
                Clock.systemUTC());
        scanner.addListener(withTrigger);
        scanner.open();
        withTrigger.awaitFrom(0, "the held code after the trigger", code("HELD-CODE"));
        assertThat(sim.triggersSeen()).isEqualTo(1);
        assertThat(scanner.health().counters()).containsEntry("triggers", 1L);
    }

    @Test
    void binaryAndOverlongCodesAreCountedAndTheNextCodeIsClean() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST.withMaxLength(100));
        sim.scanBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xFF, (byte) 0xFE, 0x01});
        i = events.awaitFrom(i, "the binary code", ScannerTesting.anyCode());
        CodeScanned binary = codes().get(0);
        assertThat(binary.text()).contains("\uFFFD");
        assertThat(new CodeParser(CodePolicy.DEFAULT).parse(binary.text(), Instant.now()).refusal().orElseThrow()
                .reason()).isEqualTo(CodeRejection.Reason.BINARY);
        assertThat(scanner.health().counters()).containsEntry("noiseFrames", 1L);

        sim.scan("X".repeat(101));
        Await.until("the overlong code counted", () -> scanner.health().counters().getOrDefault("tooLong", 0L) == 1);
        scanAndAwait(i, "X".repeat(100));
        assertThat(codes()).hasSize(2);
        assertThat(scanner.health().lastError().orElseThrow()).contains("longer than the limit");
    }

    // ------------------------------------------------------------------------------------ faults

    @Test
    void silenceIsDegradedAndRecovers() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        Detection d = new Detection(DeviceStatus.DEGRADED);
        scanner.addListener(d);
        d.start();
        sim.setFault(ScannerFault.SILENT);
        i = events.awaitFrom(i, "DEGRADED while silent", status(DeviceStatus.DEGRADED));
        d.awaitAndReport("scanner silent (probe every 250 ms, 300 ms timeout)");
        assertThat(scanner.health().lastError().orElseThrow()).contains("does not answer");
        assertThat(sim.scan("LOST")).isFalse();

        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY after the silence", status(DeviceStatus.READY));
        scanAndAwait(i, "AFTER-SILENCE");
        assertThat(codes()).extracting(CodeScanned::text).containsExactly("AFTER-SILENCE");
    }

    @Test
    void lineNoiseIsDegradedCodesBetweenBurstsSurviveAndItRecovers() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        sim.setFault(ScannerFault.GARBAGE);
        i = events.awaitFrom(i, "DEGRADED under line noise", status(DeviceStatus.DEGRADED));
        assertThat(scanner.health().counters().get("noiseFrames")).isGreaterThanOrEqualTo(3);
        assertThat(scanner.health().lastError().orElseThrow()).contains("not text");
        scanAndAwait(i, "THROUGH-THE-NOISE");

        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY once the noise stops", status(DeviceStatus.READY));
        scanAndAwait(i, "AFTER-NOISE");
    }

    @Test
    void halfCodesAreDiscardedCountedAndItRecovers() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        int before = codes().size();
        sim.setFault(ScannerFault.HALF_CODE);
        for (int k = 1; k <= 3; k++) {
            long target = k;
            sim.scan("HALF-" + k + "-OF-A-LONGER-CODE");
            Await.until("half code " + k + " timed out",
                    () -> scanner.health().counters().getOrDefault("halfCodes", 0L) >= target);
        }
        i = events.awaitFrom(i, "DEGRADED after half codes", status(DeviceStatus.DEGRADED));
        assertThat(codes()).hasSize(before);
        assertThat(scanner.health().lastError().orElseThrow()).contains("half-received");

        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        scanAndAwait(i, "WHOLE-AGAIN");
    }

    @Test
    void aSlowTrickleStillGivesTheWholeCodeAndAStalledOneIsDroppedThenRecovers() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        sim.setTrickleDelayMillis(40); // under the 300 ms gap limit: slow, but whole
        sim.setFault(ScannerFault.SLOW_TRICKLE);
        i = scanAndAwait(i, "SLOW-BUT-WHOLE-1234567890");
        assertThat(scanner.health().counters().getOrDefault("halfCodes", 0L)).isZero();
        // while a code trickles, the scanner answers no status query: let it catch up first
        Await.until("READY after the slow code", () -> scanner.status() == DeviceStatus.READY);
        i = events.size();

        sim.setTrickleDelayMillis(450); // over the gap limit: every byte arrives alone and times out
        sim.scan("STALL");
        Await.until("stalled bytes dropped", () -> scanner.health().counters().getOrDefault("halfCodes", 0L) >= 3);
        i = events.awaitFrom(i, "DEGRADED by a stalling link", status(DeviceStatus.DEGRADED));

        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        scanAndAwait(i, "FAST-AGAIN");
        assertThat(codes()).extracting(CodeScanned::text).containsExactly("SLOW-BUT-WHOLE-1234567890", "FAST-AGAIN");
    }

    @Test
    void anUnpluggedScannerIsOfflineAndComesBackByItself() throws IOException {
        int i = start(ScannerSimulator.Config.DEFAULT, FAST);
        Detection d = new Detection(DeviceStatus.OFFLINE);
        scanner.addListener(d);
        d.start();
        sim.setFault(ScannerFault.UNPLUGGED);
        i = events.awaitFrom(i, "OFFLINE when unplugged", status(DeviceStatus.OFFLINE));
        d.awaitAndReport("scanner unplugged (TCP)");
        assertThat(scanner.health().openSince()).isEmpty();

        sim.setFault(ScannerFault.NONE);
        i = events.awaitFrom(i, "READY when plugged in again", status(DeviceStatus.READY));
        scanAndAwait(i, "BACK-AGAIN");
        assertThat(scanner.health().counters()).containsEntry("reconnects", 1L).containsEntry("opens", 2L);
        assertThat(scanner.health().counters().get("disconnects")).isEqualTo(1L);
    }
}

package io.dianxiaoer.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.code.CodeKind;
import io.dianxiaoer.core.code.ScannedPayload;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.serial.SocatBridge;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Identities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The technicians' scan-once, locker-open, locker-status and health commands against the simulators. */
@Timeout(120)
class DeviceToolDevicesSimTest {

    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private HardwareSimulator hw;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
    }

    @AfterEach
    void stop() {
        hw.close();
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(GUARD, () -> DeviceTool.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private CompletableFuture<Integer> runInBackground(String... args) {
        return CompletableFuture.supplyAsync(() -> DeviceTool.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private JsonNode json() throws IOException {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Scans {@code text} once scan-once has connected, and returns the command's exit code. */
    private int scanOnce(String port, String text) {
        CompletableFuture<Integer> cmd = runInBackground("scan-once", "--port", port, "--timeout", "30");
        Await.until("scan-once connected", () -> hw.scanner().connected());
        Await.until("the scan went out", () -> hw.scanner().scan(text));
        return cmd.orTimeout(60, TimeUnit.SECONDS).join();
    }

    // ------------------------------------------------------------------------------------ scan-once

    @Test
    void scanOncePrintsTheCodeAndItsKind() throws IOException {
        String code = new ScannedPayload.LockerPickup("PD01", "58302917").payload();
        assertThat(scanOnce(hw.scanner().uri(), code)).isEqualTo(DeviceTool.OK);
        JsonNode j = json();
        assertThat(j.get("kind").asText()).isEqualTo("SCANNED_CODE");
        assertThat(j.get("text").asText()).isEqualTo(code);
        assertThat(j.at("/classification/accepted").asBoolean()).isTrue();
        assertThat(j.at("/classification/kind").asText()).isEqualTo("LOCKER_PICKUP");
        assertThat(j.at("/classification/zh").asText()).isEqualTo("智能柜取件码");
    }

    @Test
    void scanOnceOfARefusedCodeIsExit4WithTheReason() throws IOException {
        String expired = new ScannedPayload.SuishenCode(CodeKind.SUISHEN_CODE, Instant.now().minusSeconds(10),
                "K7Q2M9XW4T8RZ3NB5VHC").payload();
        assertThat(scanOnce(hw.scanner().uri(), expired)).isEqualTo(DeviceTool.BAD_CARD);
        JsonNode j = json();
        assertThat(j.at("/classification/accepted").asBoolean()).isFalse();
        assertThat(j.at("/classification/reason").asText()).isEqualTo("EXPIRED");
        assertThat(j.at("/classification/en").asText()).contains("expired");
    }

    @Test
    void scanOnceOverASerialPort() throws IOException {
        assumeTrue(SocatBridge.available(), "socat is not on PATH");
        try (SocatBridge b = SocatBridge.start(tmp.resolve("ttyScan"), hw.scanner().port(), false)) {
            assertThat(scanOnce(b.uri(9600), "6901234567892")).isEqualTo(DeviceTool.OK);
            assertThat(json().at("/classification/kind").asText()).isEqualTo("UNKNOWN");
        }
    }

    @Test
    void scanOnceWithoutACodeOrWithoutAPort() throws IOException {
        assertThat(run("scan-once", "--port", hw.scanner().uri(), "--timeout", "0.5")).isEqualTo(DeviceTool.NO_CARD);
        assertThat(stderr()).contains("no code scanned");
        assertThat(run("scan-once", "--port", "tcp://127.0.0.1:" + deadPort(), "--timeout", "5"))
                .isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(stderr()).contains("unusable");
        assertThat(run("scan-once", "--port", tmp.resolve("no-such-tty").toString(), "--timeout", "5"))
                .isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(run("scan-once")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("scan-once", "--port", "x", "--terminator", "semicolon")).isEqualTo(DeviceTool.USAGE);
    }

    // ------------------------------------------------------------------------------------ locker

    @Test
    void lockerOpenOpensTheDoorAndSaysSo() throws IOException {
        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "2", "--lock", "4")).isEqualTo(DeviceTool.OK);
        JsonNode j = json();
        assertThat(j.get("door").asText()).isEqualTo("OPEN");
        assertThat(j.get("opened").asBoolean()).isTrue();
        assertThat(hw.locker().compartment(16).doorOpen()).isTrue(); // board 2 lock 4 of the 1:12p,2:12p demo

        hw.locker().setStuck(1, true);
        out.reset();
        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "1", "--lock", "1")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(json().get("door").asText()).isEqualTo("CLOSED");
        assertThat(stderr()).contains("still reads closed");

        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "9", "--lock", "1")).isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(stderr()).contains("board 9 does not answer");
        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "1")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "1", "--lock", "99")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("locker-open", "--port", hw.locker().uri(), "--board", "1", "--lock", "1", "--closed-reads", "10"))
                .isEqualTo(DeviceTool.USAGE);
    }

    @Test
    void lockerStatusReadsEveryBoard() throws IOException {
        hw.locker().openDoor(3);
        hw.locker().putItem(3);
        assertThat(run("locker-status", "--port", hw.locker().uri(), "--bus", hw.locker().busSpec())).isEqualTo(DeviceTool.OK);
        JsonNode j = json();
        assertThat(j.get("boards").size()).isEqualTo(2);
        JsonNode lock3 = j.at("/boards/0/locks/2");
        assertThat(lock3.get("compartment").asInt()).isEqualTo(3);
        assertThat(lock3.get("door").asText()).isEqualTo("OPEN");
        assertThat(lock3.get("item").asText()).isEqualTo("PRESENT");
        assertThat(j.at("/boards/1/locks/0/compartment").asInt()).isEqualTo(13);

        out.reset();
        assertThat(run("locker-status", "--port", hw.locker().uri(), "--board", "2", "--channels", "12", "--presence"))
                .isEqualTo(DeviceTool.OK);
        assertThat(json().at("/boards/0/locks").size()).isEqualTo(12);

        // no board given: addresses 1..8 are asked, the two that answer are listed
        out.reset();
        assertThat(run("locker-status", "--port", hw.locker().uri(), "--channels", "12", "--presence")).isEqualTo(DeviceTool.OK);
        assertThat(json().get("boards").size()).isEqualTo(2);

        // the wrong board size: a clear hint, exit 4
        out.reset();
        assertThat(run("locker-status", "--port", hw.locker().uri(), "--board", "1", "--channels", "24")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(json().at("/boards/0/error").asText()).contains("--channels");

        assertThat(run("locker-status", "--port", "tcp://127.0.0.1:" + deadPort())).isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(run("locker-status", "--port", hw.locker().uri(), "--bus", "1:12,1:8")).isEqualTo(DeviceTool.USAGE);
    }

    // ------------------------------------------------------------------------------------ health

    @Test
    void healthPrintsEveryDeviceAsJson() throws IOException {
        assertThat(run("health", "--json", "--idcard", hw.idcardReader().uri(), "--scanner", hw.scanner().uri(),
                "--scanner-probe", "--locker", hw.locker().uri(), "--bus", hw.locker().busSpec())).isEqualTo(DeviceTool.OK);
        JsonNode devices = json().get("devices");
        assertThat(devices).hasSize(3);
        for (JsonNode d : devices) {
            assertThat(d.get("status").asText()).as(d.get("device").asText()).isEqualTo("READY");
            assertThat(d.get("usable").asBoolean()).isTrue();
            assertThat(d.at("/counters/reads").isNumber()).isTrue();
            assertThat(d.at("/counters/errors").isNumber()).isTrue();
            assertThat(d.at("/counters/reconnects").isNumber()).isTrue();
            assertThat(d.get("hoursOpen").isNumber()).isTrue();
            assertThat(d.get("openSince").isTextual()).isTrue();
        }
        assertThat(devices.get(2).at("/counters/reads").asLong()).isPositive(); // the locker polled its boards
    }

    @Test
    void aMissingDeviceMakesHealthExit6AndSaysWhy() throws IOException {
        int dead = deadPort();
        assertThat(run("health", "--json", "--scanner", hw.scanner().uri(), "--locker", "tcp://127.0.0.1:" + dead,
                "--wait", "10")).isEqualTo(DeviceTool.NOT_USABLE);
        JsonNode devices = json().get("devices");
        assertThat(devices.get(0).get("status").asText()).isEqualTo("READY");
        assertThat(devices.get(1).get("status").asText()).isEqualTo("OFFLINE");
        assertThat(devices.get(1).get("lastError").asText()).contains("cannot open");
        assertThat(devices.get(1).get("usable").asBoolean()).isFalse();
        assertThat(run("health", "--json")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("health", "--json", "--locker", hw.locker().uri(), "--bus", "nonsense")).isEqualTo(DeviceTool.USAGE);
    }
}

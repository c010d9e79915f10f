package io.dianxiaoer.sim.idcard;

import static io.dianxiaoer.sim.support.EventRecorder.readOf;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.Identities;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver over a REAL serial port: socat makes a pseudo-terminal and bridges it to the
 * simulator's TCP port, and the driver opens the pty through jSerialComm ({@code SerialTransport}).
 * Skipped where socat is missing (CI installs it).
 */
@Timeout(120)
class SamIdCardReaderSerialTest {

    private static final Logger log = LoggerFactory.getLogger(SamIdCardReaderSerialTest.class);

    @TempDir
    Path tmp;

    private SamReaderSimulator sim;
    private Process socat;
    private SamIdCardReader reader;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(onPath("socat"), "socat is not on PATH: install it (apt-get install socat) to run the serial tests");
        sim = new SamReaderSimulator(0);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        stopSocat();
        if (sim != null) {
            sim.close();
        }
    }

    private Path link() {
        return tmp.resolve("ttyREADER");
    }

    private void startSocat() throws IOException {
        Path logFile = tmp.resolve("socat-" + System.nanoTime() + ".log");
        socat = new ProcessBuilder(List.of("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + link(),
                "tcp:127.0.0.1:" + sim.port()))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        Await.until("socat to create " + link(), () -> Files.exists(link()) || !socat.isAlive());
        assertThat(socat.isAlive()).as("socat runs (log in %s)", logFile).isTrue();
    }

    private void stopSocat() {
        Process p = socat;
        socat = null;
        if (p == null) {
            return;
        }
        p.destroy(); // SIGTERM: socat closes the pty and removes the link, as when a USB adapter is pulled
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void openReader() {
        String uri = "serial:" + link() + "?baud=115200";
        reader = new SamIdCardReader("idcard", Transports.fromUri(uri, 9600), SamIdCardReaderSimTest.FAST,
                Clock.systemUTC());
        reader.addListener(events);
        reader.open();
    }

    @Test
    void aCardIsReadOverARealSerialPort() throws IOException {
        startSocat();
        openReader();
        events.awaitFrom(0, "READY on the pty", status(DeviceStatus.READY));
        assertThat(reader.health().endpoint()).isEqualTo("serial:" + link() + "?baud=115200");

        TestIdentity ayigul = Identities.get("ayigul");
        sim.placeCard(ayigul);
        events.awaitFrom(0, "the card read over serial", readOf(ayigul.idNumber()));
        assertThat(events.reads()).hasSize(1);
        assertThat(events.reads().get(0).card().displayName()).isEqualTo("阿依古丽·买买提");
        assertThat(events.reads().get(0).card().photoWlt()).isEqualTo(ResidentTextEncoder.photo(ayigul));
    }

    @Test
    void aVanishingPortGoesOfflineAndComesBackWhenItReappears() throws IOException {
        startSocat();
        openReader();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));

        long killedAt = System.nanoTime();
        stopSocat();
        i = events.awaitFrom(i, "OFFLINE after the port vanished", status(DeviceStatus.OFFLINE));
        log.info("OFFLINE {} ms after the pty vanished", (System.nanoTime() - killedAt) / 1_000_000);
        assertThat(reader.health().lastError()).isPresent();

        startSocat();
        i = events.awaitFrom(i, "READY once the port is back", status(DeviceStatus.READY));
        assertThat(reader.health().counters()).containsEntry("opens", 2L).containsEntry("reconnects", 1L);

        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        events.awaitFrom(i, "a card read after the port came back", readOf(zhang.idNumber()));
    }

    @Test
    void aPortThatDoesNotExistIsOffline() {
        openReader();
        events.awaitFrom(0, "OFFLINE", status(DeviceStatus.OFFLINE));
        assertThat(reader.health().lastError().orElseThrow()).contains("no such port");
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}

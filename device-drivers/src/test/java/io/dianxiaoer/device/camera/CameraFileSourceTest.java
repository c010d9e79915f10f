package io.dianxiaoer.device.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same camera code on file sources: a still picture shown as a stream, a missing file, and a
 * pipe that stops delivering without ever closing — a source with no read timeout, like a hung
 * V4L2 device, where only the watchdog can tell.
 */
class CameraFileSourceTest {

    @TempDir
    Path dir;

    private static byte[] jpeg(int w, int h, double blue) {
        NativeVision.ensureLoaded();
        try (Mat m = new Mat(h, w, opencv_core.CV_8UC3, new Scalar(blue, 120, 40, 0))) {
            return Mats.encodeJpeg(m, 90);
        }
    }

    @Test
    void aPictureFileIsShownAsAPacedStream() throws Exception {
        Path png = dir.resolve("page.jpg");
        Files.write(png, jpeg(640, 480, 200));
        List<CameraFrame> frames = new CopyOnWriteArrayList<>();
        try (Camera c = new Camera("camera-file", CameraSource.parse("file:" + png + "?fps=15"), Camera.Settings.DEFAULT,
                Clock.systemUTC())) {
            c.addFrameListener(frames::add);
            c.open();
            await("20 frames", () -> frames.size() >= 20);
            assertThat(frames.get(0).width()).isEqualTo(640);
            assertThat(c.status()).isEqualTo(DeviceStatus.READY);
            StillImage s = c.captureStill().get(20, TimeUnit.SECONDS);
            assertThat(s.bgr()[0] & 0xFF).isBetween(190, 210); // blue channel of the picture
            await("rate measured", () -> c.measuredFps() > 0);
            // paced at the file's rate, not decoded as fast as the CPU allows (generous bound)
            assertThat(c.measuredFps()).isLessThan(40);
        }
    }

    @Test
    void aMissingFileIsOfflineWithTheReason() {
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        try (Camera c = new Camera("camera-file", CameraSource.parse("file:" + dir.resolve("nothing.png")),
                Camera.Settings.DEFAULT, Clock.systemUTC())) {
            c.addListener(events::add);
            c.open();
            await("offline", () -> c.status() == DeviceStatus.OFFLINE);
            assertThat(c.health().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("cannot open file:"));
            assertThat(events).anyMatch(e -> e instanceof DeviceStatusChanged s && s.status() == DeviceStatus.OPENING);
        }
    }

    @Test
    void aSourceThatHangsWithoutATimeoutIsReportedByTheWatchdog() throws Exception {
        Path fifo = dir.resolve("camera.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        byte[] frame = jpeg(320, 240, 90);
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicBoolean release = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (OutputStream out = new FileOutputStream(fifo.toFile())) { // blocks until the camera opens it
                while (feeding.get()) {
                    out.write(frame);
                    out.flush();
                    Thread.sleep(50);
                }
                while (!release.get()) {
                    Thread.sleep(20); // keep the pipe open and silent: the reader blocks for ever
                }
            } catch (IOException | InterruptedException e) {
                // test over
            }
        }, "fifo-writer");
        writer.setDaemon(true);
        writer.start();
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        Camera c = new Camera("camera-pipe", CameraSource.parse("file:" + fifo + "?format=mjpeg&loop=false"),
                Camera.Settings.DEFAULT, Clock.systemUTC());
        try {
            java.util.concurrent.atomic.AtomicLong lastFrame = new java.util.concurrent.atomic.AtomicLong();
            c.addListener(events::add);
            c.addFrameListener(f -> lastFrame.set(System.nanoTime()));
            c.open();
            await("ready", () -> c.status() == DeviceStatus.READY);
            feeding.set(false);
            await("offline", () -> c.status() == DeviceStatus.OFFLINE);
            System.out.printf("hung source: OFFLINE reported %d ms after the last frame arrived%n",
                    (System.nanoTime() - lastFrame.get()) / 1_000_000);
            assertThat(c.health().counters().get("stalls")).isEqualTo(1);
            assertThat(c.health().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("no picture for"));
        } finally {
            release.set(true); // the writer closes: the blocked read ends and the camera can close
            c.close();
        }
    }

    private static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after 20 s for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

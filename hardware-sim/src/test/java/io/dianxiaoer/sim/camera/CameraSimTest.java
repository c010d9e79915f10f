package io.dianxiaoer.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.camera.CameraUnavailableException;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production {@link Camera} against the simulated MJPEG camera over HTTP on loopback: frames,
 * stills, every fault of the simulator, pulling the camera out and plugging it back in.
 */
class CameraSimTest {

    private static CameraScenes scenes;

    private MjpegCameraSimulator sim;
    private Camera camera;
    private final EventRecorder events = new EventRecorder();

    @BeforeAll
    static void scenes() {
        scenes = new CameraScenes(1920, 1080);
    }

    @BeforeEach
    void start() throws Exception {
        sim = new MjpegCameraSimulator("test", 0, 20, scenes.picture("form-good").orElseThrow());
        camera = new Camera("camera-document", CameraSource.parse(sim.streamUrl()), Camera.Settings.DEFAULT,
                Clock.systemUTC());
        camera.addListener(events);
        camera.open();
        awaitStatus(0, DeviceStatus.READY);
    }

    @AfterEach
    void stop() {
        camera.close();
        sim.close();
    }

    @Test
    void previewFramesArriveScaledAndAStillComesAtFullResolution() throws Exception {
        List<CameraFrame> frames = new CopyOnWriteArrayList<>();
        try (FrameSubscription sub = camera.addFrameListener(frames::add)) {
            Await.until("30 preview frames", () -> frames.size() >= 30);
            CameraFrame f = frames.get(frames.size() - 1);
            assertThat(f.width()).isEqualTo(Camera.Settings.DEFAULT.previewMaxWidth());
            assertThat(f.height()).isEqualTo(720);
            assertThat(f.sourceWidth()).isEqualTo(1920);
            assertThat(f.sourceHeight()).isEqualTo(1080);
            assertThat(f.grey()).hasSize(1280 * 720);
            assertThat(frames.get(5).sequence()).isGreaterThan(frames.get(4).sequence());
            assertThat(f.toString()).doesNotContain("bgr").contains("1280×720");
        }
        StillImage still = camera.captureStill().get(20, TimeUnit.SECONDS);
        assertThat(still.width()).isEqualTo(1920);
        assertThat(still.height()).isEqualTo(1080);
        // It is the picture the simulator shows, not some other frame.
        byte[] truth = SceneGenerator.generate(SyntheticScenes.byName("form-good").orElseThrow()).bgr();
        try (Mat got = Mats.fromBgr(still.bgr(), 1920, 1080); Mat want = Mats.fromBgr(truth, 1920, 1080)) {
            assertThat(Pictures.correlation(got, want, 192, 108)).isGreaterThan(0.95);
        }
        still.wipe();
        assertThat(still.isWiped()).isTrue();

        Await.until("the frame rate is measured", () -> camera.measuredFps() > 0);
        System.out.printf("camera preview: %.1f frames per second measured over 2 s (simulator sends 20)%n",
                camera.measuredFps());
        var health = camera.health();
        assertThat(health.status()).isEqualTo(DeviceStatus.READY);
        assertThat(health.endpoint()).isEqualTo(sim.streamUrl());
        assertThat(health.counters()).containsEntry("opens", 1L).containsKey("frames").containsEntry("stills", 1L);
        assertThat(health.openSince()).isPresent();
    }

    @Test
    void theSimulatorChangesWhatTheCameraSees() throws Exception {
        sim.show(scenes.picture("desk").orElseThrow());
        byte[] desk = SceneGenerator.emptyBase(1920, 1080, 11);
        Await.until("the camera shows the empty base", () -> {
            try {
                StillImage s = camera.captureStill().get(20, TimeUnit.SECONDS);
                try (Mat got = Mats.fromBgr(s.bgr(), 1920, 1080); Mat want = Mats.fromBgr(desk, 1920, 1080)) {
                    return Pictures.correlation(got, want, 192, 108) > 0.9;
                }
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aSlowListenerSkipsFramesWithoutSlowingTheCameraOrOthers() {
        AtomicLong fast = new AtomicLong();
        AtomicLong slow = new AtomicLong();
        try (FrameSubscription f = camera.addFrameListener(x -> fast.incrementAndGet());
             FrameSubscription s = camera.addFrameListener(x -> {
                 slow.incrementAndGet();
                 Await.sleep(300); // a consumer far slower than the camera
             })) {
            long framesAtStart = camera.health().counters().getOrDefault("frames", 0L);
            Await.until("40 frames to the fast listener", () -> fast.get() >= 40);
            Await.until("the slow listener dropped frames", () -> s.dropped() > 5);
            assertThat(fast.get()).isGreaterThan(2 * slow.get());
            assertThat(camera.health().counters().get("frames") - framesAtStart).isGreaterThanOrEqualTo(40);
            assertThat(camera.health().counters().get("dropped")).isGreaterThan(0);
            assertThat(f.dropped()).isLessThan(fast.get());
        }
    }

    @Test
    void aPulledCameraIsReportedOfflineAndComesBackWhenPluggedIn() throws Exception {
        int mark = events.size();
        long pulled = System.nanoTime();
        sim.stop();
        int after = awaitStatus(mark, DeviceStatus.OFFLINE);
        long reportedMs = (System.nanoTime() - pulled) / 1_000_000;
        System.out.printf("camera pulled out: OFFLINE reported after %d ms%n", reportedMs);
        assertThat(camera.health().lastError()).isPresent();
        assertThatThrownBy(() -> camera.captureStill().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CameraUnavailableException.class)
                .hasMessageContaining("offline");

        Await.sleep(1500); // a few reconnect attempts against a closed port
        assertThat(camera.status()).isEqualTo(DeviceStatus.OFFLINE);
        sim.start();
        awaitStatus(after, DeviceStatus.READY);
        assertThat(camera.captureStill().get(20, TimeUnit.SECONDS).width()).isEqualTo(1920);
        assertThat(camera.health().counters()).containsEntry("reconnects", 1L);
        assertThat(camera.health().counters().get("disconnects")).isGreaterThanOrEqualTo(1);
        // OFFLINE is reported once, not once per failed reconnect attempt
        assertThat(events.since(mark).stream().filter(e -> e instanceof DeviceStatusChanged c
                && c.status() == DeviceStatus.OFFLINE).count()).isEqualTo(1);
    }

    @Test
    void aStalledStreamIsOfflineAndRecoversWhenPicturesFlowAgain() {
        int mark = events.size();
        long stalled = System.nanoTime();
        sim.setFault(CameraFault.STALL);
        int after = awaitStatus(mark, DeviceStatus.OFFLINE);
        System.out.printf("camera stalled: OFFLINE reported after %d ms%n", (System.nanoTime() - stalled) / 1_000_000);
        sim.setFault(CameraFault.NONE);
        awaitStatus(after, DeviceStatus.READY);
    }

    @Test
    void droppedConnectionsAreOfflineAndRecover() {
        int mark = events.size();
        sim.setFault(CameraFault.DISCONNECT);
        int after = awaitStatus(mark, DeviceStatus.OFFLINE);
        Await.sleep(1200);
        assertThat(camera.status()).isEqualTo(DeviceStatus.OFFLINE);
        sim.setFault(CameraFault.NONE);
        awaitStatus(after, DeviceStatus.READY);
    }

    @Test
    void slowFramesDegradeAndRecover() {
        int mark = events.size();
        sim.setFault(CameraFault.SLOW);
        int after = awaitStatus(mark, DeviceStatus.DEGRADED);
        DeviceStatusChanged degraded = (DeviceStatusChanged) events.all().get(after - 1);
        assertThat(degraded.reason()).contains("frames per second");
        sim.setFault(CameraFault.NONE);
        awaitStatus(after, DeviceStatus.READY);
    }

    @Test
    void damagedFramesAreCountedAndDroppedWholeWhileGoodOnesStillCome() throws Exception {
        // The preview is on (frames are decoded only while someone watches or a still is wanted).
        List<CameraFrame> seen = new CopyOnWriteArrayList<>();
        FrameSubscription preview = camera.addFrameListener(seen::add);
        int mark = events.size();
        long errorsBefore = camera.health().counters().getOrDefault("errors", 0L);
        sim.setFault(CameraFault.GARBAGE);
        int after = awaitStatus(mark, DeviceStatus.DEGRADED);
        assertThat(((DeviceStatusChanged) events.all().get(after - 1)).reason()).contains("damaged frames");
        long framesBefore = camera.health().counters().get("frames");
        Await.until("damaged frames counted", () -> camera.health().counters().get("errors") > errorsBefore + 5);
        Await.until("good frames still come", () -> camera.health().counters().get("frames") > framesBefore + 10);
        // No half-decoded picture gets through: every still is the whole scene.
        byte[] truth = SceneGenerator.generate(SyntheticScenes.byName("form-good").orElseThrow()).bgr();
        for (int i = 0; i < 5; i++) {
            StillImage s = camera.captureStill().get(20, TimeUnit.SECONDS);
            try (Mat got = Mats.fromBgr(s.bgr(), 1920, 1080); Mat want = Mats.fromBgr(truth, 1920, 1080)) {
                assertThat(Pictures.correlation(got, want, 192, 108)).as("still %d", i).isGreaterThan(0.95);
            }
        }
        assertThat(camera.health().lastError()).hasValueSatisfying(e -> assertThat(e).contains("damaged frame"));
        sim.setFault(CameraFault.NONE);
        awaitStatus(after, DeviceStatus.READY);
        preview.close();
    }

    @Test
    void withNobodyWatchingFramesAreReadButNotDecodedAndAStillStillComes() throws Exception {
        long skimmed = camera.health().counters().getOrDefault("framesNotDecoded", 0L);
        Await.until("frames read without decoding", () ->
                camera.health().counters().getOrDefault("framesNotDecoded", 0L) > skimmed + 10);
        assertThat(camera.status()).isEqualTo(DeviceStatus.READY);
        Await.until("the rate is measured on undecoded frames too", () -> camera.measuredFps() > 5);
        StillImage s = camera.captureStill().get(20, TimeUnit.SECONDS);
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.bgr()).isNotEqualTo(new byte[s.bgr().length]);
    }

    @Test
    void aClosedCameraRefusesStillsAndStops() {
        camera.close();
        assertThat(camera.status()).isEqualTo(DeviceStatus.CLOSED);
        assertThatThrownBy(() -> camera.captureStill().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CameraUnavailableException.class);
        long sent = sim.framesSent();
        Await.until("the simulator sees the client go", () -> sim.clientCount() == 0);
        Await.sleep(300);
        assertThat(sim.framesSent() - sent).isLessThan(20);
    }

    private int awaitStatus(int from, DeviceStatus status) {
        return events.awaitFrom(from, "camera " + status, e -> isStatus(e, status));
    }

    private static boolean isStatus(DeviceEvent e, DeviceStatus s) {
        return e instanceof DeviceStatusChanged c && c.status() == s;
    }
}

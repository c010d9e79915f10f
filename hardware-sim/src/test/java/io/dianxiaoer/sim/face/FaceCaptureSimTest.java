package io.dianxiaoer.sim.face;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.device.face.FaceCaptureResult;
import io.dianxiaoer.device.face.FaceCaptureSession;
import io.dianxiaoer.device.face.FaceDetector;
import io.dianxiaoer.device.face.FaceGuidance;
import io.dianxiaoer.device.face.FaceQuality;
import io.dianxiaoer.device.face.FaceVerifier;
import io.dianxiaoer.device.face.LivenessVerdict;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Identities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Face capture end to end: the production {@link Camera} reads the simulator's face camera over
 * MJPEG/HTTP, the scenes are switched through the control API, and the detector, the quality gates
 * and the blink liveness check judge what arrives. Sessions that must fail run on a short timeout
 * (the bound is the session's own, the test only waits for its verdict).
 */
class FaceCaptureSimTest {

    private static final Duration SHORT = Duration.ofSeconds(3);
    private static HardwareSimulator hw;
    private static Camera camera;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
        camera = new Camera("camera-face", CameraSource.parse(hw.faceCamera().streamUrl()),
                Camera.Settings.DEFAULT, Clock.systemUTC());
        camera.open();
    }

    @AfterAll
    static void stop() {
        camera.close();
        hw.close();
    }

    /** Shows a scene through the control API and waits until frames of it reach the driver. */
    private static void show(String scene) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create(hw.controlUrl() + "/api/camera/face/show?scene=" + scene))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        AtomicLong n = new AtomicLong();
        try (FrameSubscription s = camera.addFrameListener(f -> n.incrementAndGet())) {
            Await.until("frames of " + scene, () -> n.get() >= 8);
        }
    }

    private static FaceQuality analyseNextFrame() throws Exception {
        AtomicReference<CameraFrame> frame = new AtomicReference<>();
        try (FrameSubscription s = camera.addFrameListener(frame::set)) {
            Await.until("a frame", () -> frame.get() != null);
        }
        try (FaceDetector d = new FaceDetector()) {
            return d.analyse(frame.get());
        }
    }

    private static FaceCaptureResult capture(Duration timeout, List<FaceCaptureSession.Progress> seen) throws Exception {
        FaceCaptureSession s = new FaceCaptureSession(camera, FaceDetector.Settings.DEFAULT,
                new FaceCaptureSession.Settings(timeout, 90), Clock.systemUTC(), seen::add);
        return s.start().get(timeout.toSeconds() + 20, TimeUnit.SECONDS);
    }

    @Test
    void aCentredWellLitFacePassesEveryGate() throws Exception {
        show("face-portrait");
        FaceQuality q = analyseNextFrame();
        assertThat(q.faces()).hasSize(1);
        assertThat(q.eyes()).hasSize(2);
        assertThat(q.guidance()).isEmpty();
        assertThat(q.passed()).isTrue();
    }

    @Test
    void theGatesGiveGuidanceInPlainWords() throws Exception {
        show("nobody");
        assertThat(analyseNextFrame().guidance()).containsExactly(FaceGuidance.NO_FACE);
        show("face"); // the photo as it hangs in the room: face small and high
        FaceQuality high = analyseNextFrame();
        assertThat(high.faces()).hasSize(1);
        assertThat(high.guidance()).contains(FaceGuidance.NOT_CENTRED);
        show("face-dark");
        assertThat(analyseNextFrame().guidance()).contains(FaceGuidance.TOO_DARK);
        show("face-far");
        assertThat(analyseNextFrame().guidance()).contains(FaceGuidance.TOO_FAR);
        show("two-people");
        FaceQuality two = analyseNextFrame();
        assertThat(two.faces()).hasSize(2);
        assertThat(two.guidance()).containsExactly(FaceGuidance.MORE_THAN_ONE_FACE);
        assertThat(FaceGuidance.TOO_FAR.zh()).isEqualTo("请靠近一点");
        assertThat(FaceGuidance.TOO_FAR.en()).isEqualTo("Please come a little closer");
        for (FaceGuidance g : FaceGuidance.values()) {
            assertThat(g.zh()).isNotBlank();
            assertThat(g.en()).isNotBlank();
        }
    }

    @Test
    void aBlinkInFrontOfTheCameraPassesLivenessAndGivesTheBestFrame() throws Exception {
        show("blink");
        String state = http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + "/api/camera")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(state).contains("\"scene\" : \"blink\"", "\"sequenceFrames\" : 20");
        List<FaceCaptureSession.Progress> seen = new CopyOnWriteArrayList<>();
        FaceCaptureResult r = capture(Duration.ofSeconds(15), seen);
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(LivenessVerdict.Outcome.PASSED);
        assertThat(r.bestFrame()).isPresent();
        FaceCaptureResult.BestFrame best = r.bestFrame().get();
        assertThat(best.toString()).doesNotContain("jpeg=").contains("bytes JPEG");
        try (Mat m = Mats.decode(best.jpeg())) {
            assertThat(m.cols()).isEqualTo(HardwareSimulator.FACE_CAMERA_WIDTH);
            assertThat(m.rows()).isEqualTo(HardwareSimulator.FACE_CAMERA_HEIGHT);
        }
        assertThat(r.guidance()).extracting(FaceCaptureResult.GuidanceStep::guidance)
                .contains(Optional.of(FaceGuidance.BLINK), Optional.of(FaceGuidance.HOLD_STILL_DONE));
        best.wipe();
        assertThat(best.jpeg()).containsOnly(0);
    }

    @Test
    void aStillPhotoFailsLiveness() throws Exception {
        show("face-portrait");
        List<FaceCaptureSession.Progress> seen = new CopyOnWriteArrayList<>();
        FaceCaptureResult r = capture(SHORT, seen);
        assertThat(r.verdict().outcome()).isEqualTo(LivenessVerdict.Outcome.TIMED_OUT);
        assertThat(r.verdict().reason()).contains("no blink seen");
        assertThat(r.bestFrame()).as("a failed attempt keeps no face").isEmpty();
        assertThat(r.framesAnalysed()).isGreaterThan(5);
        assertThat(seen).anyMatch(FaceCaptureSession.Progress::gatesPassed);
    }

    @Test
    void aPhotoMovedRigidlyFailsLiveness() throws Exception {
        show("photo-moved");
        List<FaceCaptureSession.Progress> seen = new CopyOnWriteArrayList<>();
        FaceCaptureResult r = capture(SHORT, seen);
        assertThat(r.verdict().outcome()).isEqualTo(LivenessVerdict.Outcome.TIMED_OUT);
        assertThat(r.bestFrame()).isEmpty();
        assertThat(seen).anyMatch(FaceCaptureSession.Progress::gatesPassed);
    }

    @Test
    void nobodyInFrontTimesOutWithNoFaceGuidance() throws Exception {
        show("nobody");
        FaceCaptureResult r = capture(SHORT, new CopyOnWriteArrayList<>());
        assertThat(r.verdict().outcome()).isEqualTo(LivenessVerdict.Outcome.TIMED_OUT);
        assertThat(r.guidance()).extracting(FaceCaptureResult.GuidanceStep::guidance)
                .containsExactly(Optional.of(FaceGuidance.NO_FACE));
    }

    @Test
    void aCameraGivingNoPictureTimesOutWithAClearReason() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (Camera dead = new Camera("camera-dead", CameraSource.parse("http://127.0.0.1:" + port + "/stream.mjpg"),
                Camera.Settings.DEFAULT, Clock.systemUTC())) {
            dead.open();
            FaceCaptureSession s = new FaceCaptureSession(dead, FaceDetector.Settings.DEFAULT,
                    new FaceCaptureSession.Settings(Duration.ofSeconds(1), 90), Clock.systemUTC(), null);
            FaceCaptureResult r = s.start().get(20, TimeUnit.SECONDS);
            assertThat(r.verdict().outcome()).isEqualTo(LivenessVerdict.Outcome.TIMED_OUT);
            assertThat(r.verdict().reason()).contains("no picture from the face camera");
            assertThat(r.framesAnalysed()).isZero();
        }
    }

    @Test
    void aCancelledSessionIsAbortedAndKeepsNothing() throws Exception {
        show("blink");
        FaceCaptureSession s = new FaceCaptureSession(camera, FaceDetector.Settings.DEFAULT,
                new FaceCaptureSession.Settings(Duration.ofSeconds(30), 90), Clock.systemUTC(), null);
        var f = s.start();
        s.cancel();
        FaceCaptureResult r = f.get(20, TimeUnit.SECONDS);
        assertThat(r.verdict().outcome()).isEqualTo(LivenessVerdict.Outcome.ABORTED);
        assertThat(r.bestFrame()).isEmpty();
    }

    @Test
    void theDeviceToolChecksTheFaceCameraAndPrintsNoFace() throws Exception {
        show("blink");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = io.dianxiaoer.device.cli.DeviceTool.run(new String[] {"face-check", "--camera",
                hw.faceCamera().streamUrl(), "--timeout", "15"}, new java.io.PrintStream(out, true, "UTF-8"),
                new java.io.PrintStream(err, true, "UTF-8"));
        String json = out.toString("UTF-8");
        assertThat(code).as(json + err).isZero();
        assertThat(json).contains("\"outcome\" : \"PASSED\"", "\"key\" : \"BLINK\"", "请眨一下眼睛", "\"jpegBytes\"");
        show("nobody");
        out.reset();
        code = io.dianxiaoer.device.cli.DeviceTool.run(new String[] {"face-check", "--camera",
                hw.faceCamera().streamUrl(), "--timeout", "2"}, new java.io.PrintStream(out, true, "UTF-8"),
                new java.io.PrintStream(err, true, "UTF-8"));
        assertThat(code).isEqualTo(io.dianxiaoer.device.cli.DeviceTool.NO_CARD);
        assertThat(out.toString("UTF-8")).contains("\"outcome\" : \"TIMED_OUT\"", "NO_FACE").doesNotContain("bestFrame");
    }

    @Test
    void theVerifierSaysNotAvailableAndNeverMatches() throws Exception {
        FaceVerifier.Verdict v = FaceVerifier.notAvailable().verify(new FaceCaptureResult.BestFrame(new byte[] {1},
                1, 1, new io.dianxiaoer.device.face.FaceBox(0, 0, 1, 1), 1, java.time.Instant.EPOCH), "11010519491231002X")
                .get(5, TimeUnit.SECONDS);
        assertThat(v.outcome()).isEqualTo(FaceVerifier.Outcome.NOT_AVAILABLE);
        assertThat(v.message()).contains("not available");
    }
}

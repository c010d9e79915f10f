package io.dianxiaoer.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Identities;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/**
 * The face camera of the whole simulator, switched to the test face through the control API —
 * the source issue 3's face capture builds on.
 */
class FaceCameraSimTest {

    @Test
    void theFaceCameraStreamsTheTestFaceWhenToldTo() throws Exception {
        assertThat(CameraScenes.facePhoto()).as("astronaut.png on the test classpath").isPresent();
        try (HardwareSimulator hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
             Camera camera = new Camera("camera-face", CameraSource.parse(hw.faceCamera().streamUrl()),
                     Camera.Settings.DEFAULT, Clock.systemUTC())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(hw.controlUrl() + "/api/camera/face/show?scene=face"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(204);
            camera.open();
            List<CameraFrame> frames = new CopyOnWriteArrayList<>();
            try (FrameSubscription s = camera.addFrameListener(frames::add)) {
                Await.until("face frames", () -> frames.size() >= 10);
            }
            assertThat(camera.status()).isEqualTo(DeviceStatus.READY);
            StillImage still = camera.captureStill().get(20, TimeUnit.SECONDS);
            assertThat(still.width()).isEqualTo(HardwareSimulator.FACE_CAMERA_WIDTH);
            assertThat(still.height()).isEqualTo(HardwareSimulator.FACE_CAMERA_HEIGHT);
            // the photo sits centred at full height: compare that square with the photo itself
            BufferedImage photo = CameraScenes.facePhoto().get();
            int side = still.height();
            try (Mat full = Mats.fromBgr(still.bgr(), still.width(), still.height());
                 Mat square = new Mat(full, new Rect((still.width() - side) / 2, 0, side, side));
                 Mat want = Pictures.of(photo)) {
                assertThat(Pictures.correlation(square, want, 128, 128)).isGreaterThan(0.95);
            }
            still.wipe();
        }
    }

    @Test
    void theControlApiListsCamerasAndRefusesUnknownScenes() throws Exception {
        try (HardwareSimulator hw = HardwareSimulator.start(0, 0, Identities.BUNDLED)) {
            HttpClient http = HttpClient.newHttpClient();
            String state = http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + "/api/camera")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(state).contains("\"document\"", "\"face\"", hw.documentCamera().streamUrl(), "\"fault\" : \"NONE\"");
            String scenes = http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + "/api/camera/scenes")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scenes).contains("form-m20-gradient", "licence-card-p20-vignette", "face", "desk");
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
                    URI.create(hw.controlUrl() + "/api/camera/document/show?scene=nope"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(404);
            assertThat(bad.body()).contains("no scene 'nope'");
            HttpResponse<String> fault = http.send(HttpRequest.newBuilder(
                    URI.create(hw.controlUrl() + "/api/camera/document/fault?mode=stall"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fault.statusCode()).isEqualTo(204);
            assertThat(hw.documentCamera().fault()).isEqualTo(CameraFault.STALL);
            HttpResponse<String> unknownCam = http.send(HttpRequest.newBuilder(
                    URI.create(hw.controlUrl() + "/api/camera/back/unplug"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknownCam.statusCode()).isEqualTo(404);
            HttpResponse<String> unplug = http.send(HttpRequest.newBuilder(
                    URI.create(hw.controlUrl() + "/api/camera/document/unplug"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unplug.statusCode()).isEqualTo(204);
            assertThat(hw.documentCamera().running()).isFalse();
            String page = http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + "/camera")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("模拟摄像头", hw.faceCamera().streamUrl());
        }
    }
}

package io.dianxiaoer.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.vision.CameraQrReader;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.QrDecoder;
import io.dianxiaoer.sim.support.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** QR codes read by ZXing straight from a frame's grey bytes, and from the simulated camera's stream. */
class QrFromCameraTest {

    private static byte[] grey(SceneGenerator.Scene scene) {
        try (Mat m = scene.toMat(); Mat g = new Mat()) {
            opencv_imgproc.cvtColor(m, g, opencv_imgproc.COLOR_BGR2GRAY);
            return Mats.toBytes(g);
        }
    }

    @Test
    void theQrSlipDecodesFromTheGreyBytesOfA1080pFrame() {
        SceneGenerator.Scene scene = SceneGenerator.generate(SyntheticScenes.qrSlip(SyntheticScenes.QR_TEXT, 1920, 1080));
        assertThat(new QrDecoder().decodeGrey(grey(scene), 1920, 1080)).contains(SyntheticScenes.QR_TEXT);
    }

    @Test
    void everyTiltedQrSlipDecodes() {
        for (SceneSpec spec : SyntheticScenes.geometryCases()) {
            if (spec.kind() == DocumentKind.QR_SLIP) {
                SceneGenerator.Scene scene = SceneGenerator.generate(spec);
                assertThat(new QrDecoder().decodeGrey(grey(scene), scene.width(), scene.height()))
                        .as(spec.name()).contains(SyntheticScenes.QR_TEXT);
            }
        }
    }

    @Test
    void chineseTextSurvivesAsUtf8() {
        String text = "随申码:示例-3101-预约";
        SceneGenerator.Scene scene = SceneGenerator.generate(SyntheticScenes.qrSlip(text, 1280, 720));
        assertThat(new QrDecoder(true).decodeGrey(grey(scene), 1280, 720)).contains(text);
    }

    @Test
    void aPictureWithoutACodeGivesNothing() {
        byte[] desk = SceneGenerator.emptyBase(1920, 1080, 3);
        try (Mat m = Mats.fromBgr(desk, 1920, 1080); Mat g = new Mat()) {
            opencv_imgproc.cvtColor(m, g, opencv_imgproc.COLOR_BGR2GRAY);
            assertThat(new QrDecoder().decodeGrey(Mats.toBytes(g), 1920, 1080)).isEmpty();
        }
        // a form is full of lines and text but carries no code
        SceneGenerator.Scene form = SceneGenerator.generate(SyntheticScenes.qualityCases().get("good"));
        assertThat(new QrDecoder(true).decodeGrey(grey(form), 1920, 1080)).isEmpty();
    }

    @Test
    void wrongSizesAndOversizedPicturesAreRefusedClearly() {
        QrDecoder d = new QrDecoder();
        assertThatThrownBy(() -> d.decodeGrey(new byte[100], 20, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 400 bytes, got 100");
        assertThatThrownBy(() -> d.decodeGrey(new byte[0], 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> d.decodeGrey(new byte[16], 10_000, 10_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("megapixel limit");
        assertThatThrownBy(() -> d.decodeGrey(null, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        // random noise is simply "no code", not an error
        byte[] noise = new byte[640 * 480];
        new java.util.Random(1).nextBytes(noise);
        assertThat(d.decodeGrey(noise, 640, 480)).isEmpty();
    }

    @Test
    void theCameraReadsACodeShownToTheSimulatedCameraOnce() throws Exception {
        CameraScenes scenes = new CameraScenes(1920, 1080);
        try (MjpegCameraSimulator sim = new MjpegCameraSimulator("qr", 0, 20, scenes.picture("desk").orElseThrow());
             Camera camera = new Camera("camera-document", CameraSource.parse(sim.streamUrl()), Camera.Settings.DEFAULT,
                     Clock.systemUTC())) {
            List<CameraQrReader.QrRead> reads = new CopyOnWriteArrayList<>();
            camera.open();
            try (CameraQrReader reader = new CameraQrReader(camera, Duration.ofSeconds(30), Clock.systemUTC(), reads::add)) {
                Await.until("camera ready", () -> camera.status() == DeviceStatus.READY);
                String code = "DXE-LOCKER:0412-7731";
                sim.show(scenes.picture("qr:" + code).orElseThrow());
                Await.until("the code is read", () -> !reads.isEmpty());
                assertThat(reads.get(0).text()).isEqualTo(code);
                assertThat(reads.get(0).cameraId()).isEqualTo("camera-document");
                assertThat(reads.get(0).toString()).doesNotContain(code).contains(code.length() + " chars");
                Await.sleep(1500); // the code stays in view: it is not reported again
                assertThat(reads).hasSize(1);
                String next = "https://example.gov.cn/appt?id=42";
                sim.show(scenes.picture("qr:" + next).orElseThrow());
                Await.until("the second code is read", () -> reads.size() == 2);
                assertThat(reads.get(1).text()).isEqualTo(next);
            }
        }
    }
}

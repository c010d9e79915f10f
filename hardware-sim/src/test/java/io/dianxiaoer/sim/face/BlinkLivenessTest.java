package io.dianxiaoer.sim.face;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.face.BlinkLiveness;
import io.dianxiaoer.device.face.FaceDetector;
import io.dianxiaoer.device.face.FaceQuality;
import io.dianxiaoer.device.face.LivenessVerdict;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.sim.camera.CameraPicture;
import io.dianxiaoer.sim.camera.CameraScenes;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blink rule on the simulator's own pictures, frame by frame (no stream): what counts as a
 * closure is the eyes' pixels changing, not the eye detector missing them.
 */
class BlinkLivenessTest {

    private static final int W = 1280;
    private static final int H = 720;
    private static byte[] open;
    private static byte[] closed;
    private static FaceQuality openQ;
    private static FaceQuality closedQ;

    @BeforeAll
    static void pictures() {
        CameraScenes scenes = new CameraScenes(W, H);
        List<CameraPicture> blink = scenes.sequence("blink").orElseThrow();
        open = grey(blink.get(0));
        closed = grey(blink.get(blink.size() - 1));
        try (FaceDetector d = new FaceDetector()) {
            openQ = d.analyse(open, W, H);
            closedQ = d.analyse(closed, W, H);
        }
        assertThat(openQ.eyes()).hasSize(2);
        assertThat(closedQ.face()).isPresent();
        assertThat(closedQ.eyes().size()).as("closed eyes are not both found").isLessThan(2);
    }

    private static byte[] grey(CameraPicture p) {
        try (Mat m = Mats.decode(p.jpeg()); Mat g = new Mat()) {
            opencv_imgproc.cvtColor(m, g, opencv_imgproc.COLOR_BGR2GRAY);
            return Mats.toBytes(g);
        }
    }

    /** The open picture as if the detector had missed its eyes. */
    private static FaceQuality missedEyes(FaceQuality q) {
        return new FaceQuality(q.faces(), q.face(), List.of(), q.faceShare(), q.offCentre(), q.sharpness(),
                q.brightness(), q.clipped(), q.guidance());
    }

    @Test
    void openClosedOpenIsABlink() {
        BlinkLiveness b = new BlinkLiveness();
        assertThat(b.offer(openQ, open, W, H)).isEmpty();
        assertThat(b.offer(openQ, open, W, H)).isEmpty();
        assertThat(b.offer(closedQ, closed, W, H)).isEmpty();
        assertThat(b.lastEyeCorrelation()).isLessThan(0.75);
        Optional<LivenessVerdict> v = b.offer(openQ, open, W, H);
        assertThat(v).isPresent();
        assertThat(v.get().outcome()).isEqualTo(LivenessVerdict.Outcome.PASSED);
    }

    @Test
    void theDetectorMissingTheEyesOnAnUnchangedPictureIsNoBlink() {
        BlinkLiveness b = new BlinkLiveness();
        FaceQuality flicker = missedEyes(openQ);
        for (int i = 0; i < 10; i++) {
            assertThat(b.offer(openQ, open, W, H)).isEmpty();
            assertThat(b.offer(openQ, open, W, H)).isEmpty();
            assertThat(b.offer(flicker, open, W, H)).isEmpty();
        }
        assertThat(b.flickerRejected()).isEqualTo(10);
        assertThat(b.lastEyeCorrelation()).isGreaterThan(0.9);
    }

    @Test
    void eyesClosedTooLongOrNoOpeningFirstIsNoBlink() {
        BlinkLiveness b = new BlinkLiveness();
        // closed first, then open: no open → closed → open order
        assertThat(b.offer(closedQ, closed, W, H)).isEmpty();
        assertThat(b.offer(openQ, open, W, H)).isEmpty();
        BlinkLiveness held = new BlinkLiveness();
        held.offer(openQ, open, W, H);
        held.offer(openQ, open, W, H);
        for (int i = 0; i < 12; i++) {
            assertThat(held.offer(closedQ, closed, W, H)).isEmpty();
        }
        // after eyes held shut for 12 frames the closure is void; the next opening only re-arms
        assertThat(held.offer(openQ, open, W, H)).isEmpty();
    }
}

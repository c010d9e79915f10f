package io.dianxiaoer.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dianxiaoer.device.document.DocumentException;
import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.document.MultiPageDocument;
import io.dianxiaoer.device.document.ProcessedPage;
import io.dianxiaoer.device.document.QualityThresholds;
import io.dianxiaoer.device.document.RetakeReason;
import io.dianxiaoer.device.vision.Mats;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** The quality measures send back the pictures a clerk would send back, and keep the good one. */
class DocumentQualityTest {

    private static final DocumentPipeline PIPELINE = new DocumentPipeline();
    private static final Map<String, SceneSpec> CASES = SyntheticScenes.qualityCases();

    private static ProcessedPage process(SceneSpec spec) throws DocumentException {
        try (Mat m = SceneGenerator.generate(spec).toMat()) {
            return PIPELINE.process(m);
        }
    }

    @Test
    void aGoodPictureIsKept() throws DocumentException {
        ProcessedPage p = process(CASES.get("good"));
        assertThat(p.quality().reasons()).isEmpty();
        assertThat(p.quality().acceptable()).isTrue();
        assertThat(p.quality().sharpness()).isGreaterThan(QualityThresholds.DEFAULT.minSharpness());
    }

    @Test
    void aBlurredPictureIsSentBackAsBlurred() throws DocumentException {
        ProcessedPage p = process(CASES.get("BLURRED"));
        assertThat(p.quality().reasons()).containsExactly(RetakeReason.BLURRED);
    }

    @Test
    void glareIsFlaggedAsGlareNotAsOverExposure() throws DocumentException {
        ProcessedPage p = process(CASES.get("GLARE"));
        assertThat(p.quality().reasons()).containsExactly(RetakeReason.GLARE);
        assertThat(p.quality().glareFraction()).isGreaterThan(QualityThresholds.DEFAULT.maxGlareFraction());
    }

    @Test
    void aDarkPictureIsTooDark() throws DocumentException {
        ProcessedPage p = process(CASES.get("TOO_DARK"));
        assertThat(p.outline().found()).as("the page is still found in the dark").isTrue();
        assertThat(p.quality().reasons()).contains(RetakeReason.TOO_DARK);
        assertThat(p.quality().whiteLevel()).isLessThan(QualityThresholds.DEFAULT.minWhiteLevel());
    }

    @Test
    void anOverExposedPictureIsTooBright() throws DocumentException {
        ProcessedPage p = process(CASES.get("TOO_BRIGHT"));
        assertThat(p.quality().reasons()).contains(RetakeReason.TOO_BRIGHT).doesNotContain(RetakeReason.GLARE);
    }

    @Test
    void aPagePartlyOutOfThePictureIsCutOffAndTheShareInsideIsEstimated() throws DocumentException {
        SceneSpec spec = CASES.get("PAGE_CUT_OFF");
        SceneGenerator.Scene scene = SceneGenerator.generate(spec);
        double truthInside = scene.truth().fractionInside(scene.width(), scene.height());
        ProcessedPage p;
        try (Mat m = scene.toMat()) {
            p = PIPELINE.process(m);
        }
        assertThat(truthInside).as("the scene really is cut off").isLessThan(0.97);
        assertThat(p.quality().reasons()).containsExactly(RetakeReason.PAGE_CUT_OFF);
        assertThat(p.outline().cutOff()).isTrue();
        assertThat(p.quality().inFrameFraction()).isCloseTo(truthInside, within(0.05));
        // the corners still inside the picture are found as precisely as for a whole page
        for (int i = 0; i < 4; i++) {
            if (scene.truth().x(i) < scene.width() && scene.truth().y(i) < scene.height()) {
                double d = Math.hypot(scene.truth().x(i) - p.outline().corners().get().x(i),
                        scene.truth().y(i) - p.outline().corners().get().y(i));
                assertThat(d).as("corner %d", i).isLessThan(0.02 * scene.truth().longestSide());
            }
        }
    }

    @Test
    void anEmptyBaseHasNoPage() throws DocumentException {
        byte[] empty = SceneGenerator.emptyBase(1920, 1080, 5);
        try (Mat m = Mats.fromBgr(empty, 1920, 1080)) {
            ProcessedPage p = PIPELINE.process(m);
            assertThat(p.outline().found()).isFalse();
            assertThat(p.quality().reasons()).first().isEqualTo(RetakeReason.NO_PAGE);
        }
    }

    @Test
    void aPageFillingThePictureIsStraightenedByItsLines() throws DocumentException {
        // No page edge visible: the form, turned 7° clockwise, fills the whole picture.
        try (Mat flat = Pictures.of(FlatDocuments.form(3)); Mat big = new Mat(); Mat turned = new Mat()) {
            opencv_imgproc.resize(flat, big, new Size(1300, 1838));
            try (Mat rot = opencv_imgproc.getRotationMatrix2D(new Point2f(650, 919), -7, 1.0)) {
                opencv_imgproc.warpAffine(big, turned, rot, big.size(), opencv_imgproc.INTER_LINEAR,
                        opencv_core.BORDER_REPLICATE, new Scalar());
            }
            try (Mat inner = new Mat(turned, new Rect(200, 300, 900, 1200)).clone()) {
                ProcessedPage p = PIPELINE.process(inner);
                assertThat(p.outline().found()).isFalse();
                assertThat(p.deskewDegrees()).isCloseTo(7.0, within(1.0));
            }
        }
    }

    @Test
    void unevenLightIsEvenedOut() throws DocumentException {
        SceneSpec spec = new SceneSpec("gradient-flat", DocumentKind.FORM, 1920, 1080, 0, 0, 0.86, 0, 0,
                Lighting.GRADIENT, 0.4, false, "", 9);
        ProcessedPage p = process(spec);
        try (Mat out = Mats.decode(p.jpeg()); Mat grey = new Mat()) {
            opencv_imgproc.cvtColor(out, grey, opencv_imgproc.COLOR_BGR2GRAY);
            int w = grey.cols();
            int h = grey.rows();
            double min = 255;
            double max = 0;
            // paper white in each of nine regions (the 90th percentile: the paper, not the print)
            for (int gy = 0; gy < 3; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    try (Mat cell = new Mat(grey, new Rect(gx * w / 3 + 5, gy * h / 3 + 5, w / 3 - 10, h / 3 - 10)).clone()) {
                        double white = percentile90(Mats.toBytes(cell));
                        min = Math.min(min, white);
                        max = Math.max(max, white);
                    }
                }
            }
            assertThat(min / max).as("paper brightness across the page after correction").isGreaterThan(0.92);
        }
        assertThat(p.quality().lightUniformity()).as("the lamp's gradient was seen").isLessThan(0.9);
    }

    @Test
    void theJpegBudgetIsKeptByLoweringQualityThenSize() throws DocumentException {
        DocumentPipeline tight = new DocumentPipeline(new DocumentPipeline.Settings(40_000, 2400, 300, 40_000_000L,
                40_000_000, 242, QualityThresholds.DEFAULT));
        ProcessedPage p;
        try (Mat m = SceneGenerator.generate(CASES.get("good")).toMat()) {
            p = tight.process(m);
        }
        assertThat(p.sizeBytes()).isLessThanOrEqualTo(40_000);
        assertThat(p.jpegQuality()).isLessThan(90);

        DocumentPipeline impossible = new DocumentPipeline(new DocumentPipeline.Settings(10_000, 2400, 2000, 40_000_000L,
                40_000_000, 242, QualityThresholds.DEFAULT));
        try (Mat m = SceneGenerator.generate(CASES.get("good")).toMat()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> impossible.process(m))
                    .isInstanceOf(DocumentException.class)
                    .hasMessageContaining("does not fit in 10 KB")
                    .extracting(e -> ((DocumentException) e).kind()).isEqualTo(DocumentException.Kind.OVER_BUDGET);
        }
    }

    @Test
    void aMultiPageMaterialKeepsOrderAndWipesWhatIsReplaced() throws DocumentException {
        MultiPageDocument doc = new MultiPageDocument(5);
        ProcessedPage first = process(CASES.get("good"));
        ProcessedPage blurred = process(CASES.get("BLURRED"));
        ProcessedPage second = process(SyntheticScenes.geometryCases().get(8));
        doc.add(first);
        doc.add(blurred);
        assertThat(doc.allAcceptable()).isFalse();
        doc.retake(1, second);
        assertThat(blurred.jpeg()).as("the replaced picture is wiped").containsOnly((byte) 0);
        assertThat(doc.pages()).containsExactly(first, second);
        assertThat(doc.allAcceptable()).isTrue();
        assertThat(doc.totalBytes()).isEqualTo(first.sizeBytes() + second.sizeBytes());
        doc.wipe();
        assertThat(doc.size()).isZero();
        assertThat(first.jpeg()).containsOnly((byte) 0);
    }

    @Test
    void everyReasonSpeaksBothLanguages() {
        for (RetakeReason r : RetakeReason.values()) {
            assertThat(r.chinese()).as("%s zh", r).isNotBlank().matches(".*[\\u4e00-\\u9fff].*");
            assertThat(r.english()).as("%s en", r).isNotBlank().matches("[A-Z].*\\.");
        }
    }

    private static double percentile90(byte[] g) {
        int[] hist = new int[256];
        for (byte b : g) {
            hist[b & 0xFF]++;
        }
        long acc = 0;
        for (int v = 0; v < 256; v++) {
            acc += hist[v];
            if (acc >= 0.9 * g.length) {
                return v;
            }
        }
        return 255;
    }
}

package io.dianxiaoer.sim.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.document.ProcessedPage;
import io.dianxiaoer.device.document.Quad;
import io.dianxiaoer.device.vision.Mats;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance check: each synthetic test document (tilted up to 20°, with perspective
 * and uneven light) comes out of the pipeline as an upright crop whose corners lie within 2 % of
 * the page size of the generator's truth.
 */
class DocumentPipelineGeometryTest {

    private static final DocumentPipeline PIPELINE = new DocumentPipeline();

    @TestFactory
    Stream<DynamicTest> everyGeneratedDocumentIsFoundUprightWithin2Percent() {
        return SyntheticScenes.geometryCases().stream().map(spec -> DynamicTest.dynamicTest(spec.name(), () -> {
            SceneGenerator.Scene scene = SceneGenerator.generate(spec);
            ProcessedPage page;
            try (Mat m = scene.toMat()) {
                page = PIPELINE.process(m);
            }
            assertThat(page.outline().found()).as("page found in %s", spec.name()).isTrue();
            Quad found = page.outline().corners().orElseThrow();
            double tolerance = 0.02 * scene.truth().longestSide();
            double error = found.maxCornerDistance(scene.truth());
            System.out.printf("%-32s corner error %5.1f px (%.2f %% of page), quality %s%n", spec.name(), error,
                    100 * error / scene.truth().longestSide(), page.quality());
            assertThat(error).as("largest corner error in %s (truth %s, found %s)", spec.name(), scene.truth(), found)
                    .isLessThanOrEqualTo(tolerance);

            // Upright: the crop looks like the flat document, and much more than like it upside down.
            try (Mat crop = Mats.decode(page.jpeg()); Mat flat = Pictures.of(scene.flat());
                 Mat flipped = Pictures.rotated180(flat)) {
                int w = 120;
                int h = (int) Math.round(120.0 * flat.rows() / flat.cols());
                double upright = Pictures.correlation(crop, flat, w, h);
                double upsideDown = Pictures.correlation(crop, flipped, w, h);
                assertThat(upright).as("similarity to the flat document, %s", spec.name()).isGreaterThan(0.6);
                assertThat(upright).as("upright beats upside down, %s", spec.name()).isGreaterThan(upsideDown + 0.2);
                assertThat((double) crop.cols() / crop.rows()).as("aspect ratio, %s", spec.name())
                        .isCloseTo((double) flat.cols() / flat.rows(), org.assertj.core.data.Percentage.withPercentage(6));
            }
            assertThat(page.quality().reasons()).as("a good picture is not sent back: %s", spec.name()).isEmpty();
            assertThat(page.sizeBytes()).isLessThanOrEqualTo(PIPELINE.settings().jpegBudgetBytes());
        }));
    }
}

package io.dianxiaoer.sim.camera;

import io.dianxiaoer.device.document.DocumentException;
import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.document.PageOutline;
import io.dianxiaoer.device.document.ProcessedPage;
import io.dianxiaoer.device.document.Quad;
import io.dianxiaoer.device.vision.Mats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Writes every synthetic scene, its outline as the pipeline finds it (green) over the truth (red
 * dots), and the processed page into a directory — to look at what the tests check, and for the
 * docs' pictures.
 *
 * <pre>java -cp … [-Ddxe.dump.width=960] io.dianxiaoer.sim.camera.SceneDump OUT_DIR [NAME …]</pre>
 *
 * {@code dxe.dump.width} scales the written frames (the pages stay as the pipeline made them).
 */
public final class SceneDump {

    private SceneDump() {
    }

    public static void main(String[] args) throws IOException, DocumentException {
        if (args.length < 1) {
            System.err.println("usage: SceneDump OUT_DIR [SCENE …]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        List<SceneSpec> specs = new ArrayList<>();
        if (args.length > 1) {
            for (int i = 1; i < args.length; i++) {
                String n = args[i];
                specs.add(SyntheticScenes.byName(n).orElseThrow(() -> new IllegalArgumentException("no scene " + n)));
            }
        } else {
            specs.addAll(SyntheticScenes.all().values());
        }
        DocumentPipeline pipeline = new DocumentPipeline();
        for (SceneSpec spec : specs) {
            SceneGenerator.Scene scene = SceneGenerator.generate(spec);
            try (Mat m = scene.toMat()) {
                ProcessedPage page = pipeline.process(m);
                drawOutline(m, page.outline());
                for (int i = 0; i < 4; i++) {
                    opencv_imgproc.circle(m, new Point((int) scene.truth().x(i), (int) scene.truth().y(i)), 7,
                            new Scalar(0, 0, 255, 0), -1, opencv_imgproc.LINE_AA, 0);
                }
                int width = Integer.getInteger("dxe.dump.width", m.cols());
                try (Mat small = new Mat()) {
                    opencv_imgproc.resize(m, small, new org.bytedeco.opencv.opencv_core.Size(width,
                            (int) Math.round((double) m.rows() * width / m.cols())), 0, 0, opencv_imgproc.INTER_AREA);
                    Files.write(dir.resolve(spec.name() + "-frame.jpg"), Mats.encodeJpeg(small, 85));
                }
                Files.write(dir.resolve(spec.name() + "-page.jpg"), page.jpeg());
                System.out.printf(Locale.ROOT, "%-28s %s %s error %.1f px%n", spec.name(), page, page.quality(),
                        page.outline().corners().map(q -> q.maxCornerDistance(scene.truth())).orElse(Double.NaN));
            }
        }
    }

    /** Draws the page outline in green onto a BGR picture (the preview overlay, as a picture). */
    public static void drawOutline(Mat bgr, PageOutline outline) {
        if (outline.corners().isEmpty()) {
            return;
        }
        Quad q = outline.corners().get();
        int[] pts = new int[8];
        for (int i = 0; i < 8; i++) {
            pts[i] = (int) Math.round(q.xy()[i]);
        }
        try (Mat poly = new Mat(4, 1, opencv_core.CV_32SC2)) {
            new IntPointer(poly.data()).put(pts);
            opencv_imgproc.polylines(bgr, new org.bytedeco.opencv.opencv_core.MatVector(poly), true,
                    new Scalar(60, 220, 60, 0), Math.max(2, bgr.cols() / 400), opencv_imgproc.LINE_AA, 0);
        }
    }
}

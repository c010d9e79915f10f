package io.dianxiaoer.device.document;

import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.util.Objects;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * From a still of the document camera to a page ready for the application: find the page
 * ({@link PageDetector}), correct the perspective — which also crops and straightens it; when no
 * page edge is visible, straighten by the content's lines instead ({@link Deskew}) — even out the
 * light ({@link Illumination}), measure the quality ({@link QualityMeter}) and encode a JPEG within
 * the size budget ({@link JpegBudget}).
 *
 * <p>No JavaFX, no I/O: pictures in, {@link ProcessedPage} out. Thread-safe (no mutable state); a
 * 3840×2160 still takes a fraction of a second on one core (see {@code docs/benchmarks.md}), so
 * call it off the UI thread. Intermediate pictures are zeroed before they are released.
 */
public final class DocumentPipeline {

    /**
     * @param jpegBudgetBytes    largest JPEG per page
     * @param maxOutputLongSide  pages are never larger than this (≈ A4 at 200 dpi for 2400)
     * @param minOutputLongSide  the budget may shrink a page down to this, not further
     * @param maxInputPixels     larger pictures are refused before decoding
     * @param maxInputBytes      larger files are refused before decoding
     * @param whiteTarget        the grey level paper gets after the light is evened out
     */
    public record Settings(int jpegBudgetBytes, int maxOutputLongSide, int minOutputLongSide, long maxInputPixels,
                           int maxInputBytes, int whiteTarget, QualityThresholds thresholds) {
        public static final Settings DEFAULT =
                new Settings(500_000, 2400, 640, 40_000_000L, 40_000_000, 242, QualityThresholds.DEFAULT);

        public Settings {
            Objects.requireNonNull(thresholds, "thresholds");
            if (jpegBudgetBytes < 10_000) {
                throw new IllegalArgumentException("a JPEG budget under 10 KB cannot hold a legible page");
            }
            if (minOutputLongSide < 64 || maxOutputLongSide < minOutputLongSide) {
                throw new IllegalArgumentException("need 64 ≤ minOutputLongSide ≤ maxOutputLongSide");
            }
            if (whiteTarget < 128 || whiteTarget > 255) {
                throw new IllegalArgumentException("whiteTarget must be 128..255");
            }
        }
    }

    private final Settings settings;
    private final PageDetector detector;

    public DocumentPipeline(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        NativeVision.ensureLoaded();
        this.detector = new PageDetector();
    }

    public DocumentPipeline() {
        this(Settings.DEFAULT);
    }

    public Settings settings() {
        return settings;
    }

    /** Where the page is in a preview frame, for the outline drawn over the preview (a few ms). */
    public PageOutline locate(CameraFrame frame) {
        try (Mat m = Mats.fromBgr(frame.bgr(), frame.width(), frame.height())) {
            return detector.detect(m);
        }
    }

    /** Processes a camera still; the still itself is left as it is (the caller wipes it). */
    public ProcessedPage process(StillImage still) throws DocumentException {
        checkPixels(still.width(), still.height());
        Mat m = Mats.fromBgr(still.bgr(), still.width(), still.height());
        try {
            return processChecked(m);
        } finally {
            Mats.wipe(m);
            m.close();
        }
    }

    /**
     * Processes a picture file's bytes (JPEG or PNG). Refuses, with a {@link DocumentException} that
     * says why, anything that is not such a picture, is damaged or cut short, or exceeds the byte
     * or pixel limits — the size is read from the header before anything is decoded.
     */
    public ProcessedPage processEncoded(byte[] picture) throws DocumentException {
        if (picture == null) {
            throw new DocumentException(DocumentException.Kind.UNREADABLE, "no picture given");
        }
        if (picture.length > settings.maxInputBytes()) {
            throw new DocumentException(DocumentException.Kind.TOO_LARGE, "picture file of " + picture.length / 1_000_000
                    + " MB is larger than the " + settings.maxInputBytes() / 1_000_000 + " MB limit");
        }
        ImageProbe.Header header = ImageProbe.probe(picture);
        checkPixels(header.width(), header.height());
        Mat m = Mats.decode(picture);
        try {
            if (m.empty()) {
                throw new DocumentException(DocumentException.Kind.UNREADABLE,
                        header.format() + " picture data is damaged and cannot be decoded");
            }
            return processChecked(m);
        } finally {
            Mats.wipe(m);
            m.close();
        }
    }

    /** Processes an 8-bit BGR Mat (not changed). */
    public ProcessedPage process(Mat bgr) throws DocumentException {
        Objects.requireNonNull(bgr, "picture");
        if (bgr.empty() || bgr.channels() != 3 || bgr.depth() != opencv_core.CV_8U) {
            throw new DocumentException(DocumentException.Kind.UNREADABLE, "an 8-bit colour picture is needed");
        }
        checkPixels(bgr.cols(), bgr.rows());
        return processChecked(bgr);
    }

    private ProcessedPage processChecked(Mat bgr) throws DocumentException {
        PageOutline outline = detector.detect(bgr);
        double deskew = 0;
        Mat page;
        if (outline.found()) {
            page = warp(bgr, outline.corners().get());
        } else {
            deskew = Deskew.estimateDegrees(bgr);
            page = capped(Math.abs(deskew) >= 0.2 ? Deskew.rotate(bgr, deskew) : bgr.clone());
        }
        Mat flat = null;
        try {
            Illumination.Result lit = Illumination.flatten(page, settings.whiteTarget());
            flat = lit.flattened();
            PageQuality quality = QualityMeter.measure(page, outline, lit.uniformity(), settings.thresholds());
            JpegBudget.Encoded jpg = JpegBudget.encode(flat, settings.jpegBudgetBytes(), settings.minOutputLongSide());
            return new ProcessedPage(jpg.bytes(), jpg.width(), jpg.height(), jpg.quality(), outline, quality, deskew);
        } finally {
            Mats.wipe(page);
            page.close();
            if (flat != null) {
                Mats.wipe(flat);
                flat.close();
            }
        }
    }

    /** The page cut out along its corners and made rectangular, at its own resolution (capped). */
    private Mat warp(Mat bgr, Quad q) {
        double w = Math.max(q.side(0), q.side(2));
        double h = Math.max(q.side(1), q.side(3));
        double scale = Math.min(1.0, settings.maxOutputLongSide() / Math.max(w, h));
        int ow = Math.max(16, (int) Math.round(w * scale));
        int oh = Math.max(16, (int) Math.round(h * scale));
        Mat out = new Mat();
        try (Mat src = Mats.points(q.xy());
             Mat dst = Mats.points(new double[] {0, 0, ow, 0, ow, oh, 0, oh});
             Mat m = opencv_imgproc.getPerspectiveTransform(src, dst)) {
            // Parts of a cut-off page outside the picture come out mid grey: neither paper nor glare
            // nor print to the quality measures.
            opencv_imgproc.warpPerspective(bgr, out, m, new Size(ow, oh), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_CONSTANT, new Scalar(150, 150, 150, 0));
        }
        return out;
    }

    private Mat capped(Mat m) {
        int longSide = Math.max(m.cols(), m.rows());
        if (longSide <= settings.maxOutputLongSide()) {
            return m;
        }
        double s = (double) settings.maxOutputLongSide() / longSide;
        Mat out = new Mat();
        opencv_imgproc.resize(m, out, new Size((int) Math.round(m.cols() * s), (int) Math.round(m.rows() * s)), 0, 0,
                opencv_imgproc.INTER_AREA);
        Mats.wipe(m);
        m.close();
        return out;
    }

    private void checkPixels(int width, int height) throws DocumentException {
        if ((long) width * height > settings.maxInputPixels()) {
            throw new DocumentException(DocumentException.Kind.TOO_LARGE, "picture of " + width + "×" + height
                    + " is larger than the " + settings.maxInputPixels() / 1_000_000 + "-megapixel limit");
        }
    }
}

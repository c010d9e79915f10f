package io.dianxiaoer.device.document;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import io.dianxiaoer.device.vision.Mats;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Measures one page picture (see {@link PageQuality} for what each number means) and turns the
 * numbers into retake reasons with {@link QualityThresholds}. Works on the page scaled to at most
 * {@value #MEASURE_LONG_SIDE} px, so that the numbers do not depend much on the camera's
 * resolution. Stateless.
 */
@SuppressWarnings("try") // a PointerScope frees the native pictures its block allocates; it is never named
final class QualityMeter {

    static final int MEASURE_LONG_SIDE = 1200;

    private QualityMeter() {
    }

    static PageQuality measure(Mat page, PageOutline outline, double lightUniformity, QualityThresholds t) {
        try (PointerScope scope = new PointerScope()) {
            double s = Math.min(1.0, (double) MEASURE_LONG_SIDE / Math.max(page.cols(), page.rows()));
            Mat small = page;
            if (s < 1.0) {
                small = new Mat();
                opencv_imgproc.resize(page, small, new Size((int) Math.round(page.cols() * s),
                        (int) Math.round(page.rows() * s)), 0, 0, INTER_AREA);
            }
            Mat grey = new Mat();
            opencv_imgproc.cvtColor(small, grey, COLOR_BGR2GRAY);
            int w = grey.cols();
            int h = grey.rows();
            // Leave out a thin margin: the crop's edge may hold a sliver of the camera base.
            int mx = Math.max(1, w / 50);
            int my = Math.max(1, h / 50);
            Mat inner = new Mat(grey, new org.bytedeco.opencv.opencv_core.Rect(mx, my, w - 2 * mx, h - 2 * my));
            byte[] g = Mats.toBytes(inner);

            int[] hist = new int[256];
            for (byte b : g) {
                hist[b & 0xFF]++;
            }
            double p90 = percentile(hist, g.length, 0.90);
            int clipped = 0;
            for (int v = 250; v < 256; v++) {
                clipped += hist[v];
            }
            double clippedFraction = (double) clipped / g.length;

            double width = edgeWidth(inner);
            double sharpness = Double.isNaN(width) ? 0 : 100.0 / width;
            double glare = clippedFraction > t.maxClippedFraction() ? 0 : glareFraction(inner, g.length);

            List<RetakeReason> reasons = new ArrayList<>();
            if (!outline.found()) {
                reasons.add(RetakeReason.NO_PAGE);
            } else if (outline.cutOff() && outline.inFrameFraction() < t.minInFrameFraction()) {
                reasons.add(RetakeReason.PAGE_CUT_OFF);
            } else if (outline.sidesSeen() < 4) {
                reasons.add(RetakeReason.PAGE_CUT_OFF);
            }
            if (sharpness < t.minSharpness()) {
                reasons.add(RetakeReason.BLURRED);
            }
            if (p90 < t.minWhiteLevel()) {
                reasons.add(RetakeReason.TOO_DARK);
            }
            if (clippedFraction > t.maxClippedFraction()) {
                reasons.add(RetakeReason.TOO_BRIGHT);
            } else if (glare > t.maxGlareFraction()) {
                reasons.add(RetakeReason.GLARE);
            }
            if (outline.found() && lightUniformity < t.minLightUniformity()) {
                reasons.add(RetakeReason.UNEVEN_LIGHT);
            }
            reasons.sort(null); // enum order = importance
            return new PageQuality(sharpness, glare, p90, clippedFraction, lightUniformity,
                    outline.found() ? outline.inFrameFraction() : 0, reasons);
        }
    }

    /**
     * The mean width in pixels of the page's strong edges (after Marziliano et al., 2002): at each
     * steepest point of a strong step along a row or column, the run of pixels over which the
     * brightness keeps rising (or falling). Crisp print gives 3–5 px, a camera out of focus by a
     * Gaussian σ of 4 px gives 11 px or more. NaN when no strong edge is left at all.
     * Every other row and column is enough and halves the time.
     */
    static double edgeWidth(Mat grey) {
        try (PointerScope scope = new PointerScope()) {
            Mat g = grey;
            int w = g.cols();
            int h = g.rows();
            byte[] f = Mats.toBytes(g);
            // A strong edge climbs at least a quarter of the page's contrast over two pixels.
            int[] hist = new int[256];
            for (byte b : f) {
                hist[b & 0xFF]++;
            }
            double range = Math.max(20, percentile(hist, f.length, 0.95) - percentile(hist, f.length, 0.05));
            double t = range * 0.12;
            double sum = 0;
            int n = 0;
            for (int pass = 0; pass < 2; pass++) {
                int len = pass == 0 ? w : h;
                int lines = pass == 0 ? h : w;
                int stride = pass == 0 ? 1 : w;
                for (int line = 2; line < lines - 2; line += 2) {
                    int base = pass == 0 ? line * w : line;
                    for (int k = 2; k < len - 2; k++) {
                        int i = base + k * stride;
                        int d = (f[i + stride] & 0xFF) - (f[i - stride] & 0xFF);
                        int dPrev = (f[i] & 0xFF) - (f[i - 2 * stride] & 0xFF);
                        int dNext = (f[i + 2 * stride] & 0xFF) - (f[i] & 0xFF);
                        if (Math.abs(d) < 2 * t || Math.abs(d) < Math.abs(dPrev) || Math.abs(d) <= Math.abs(dNext)) {
                            continue; // not the steepest point of a strong edge
                        }
                        int sign = d > 0 ? 1 : -1;
                        int a = k;
                        while (a > 0 && sign * ((f[base + a * stride] & 0xFF) - (f[base + (a - 1) * stride] & 0xFF)) > 0) {
                            a--;
                        }
                        int b = k;
                        while (b < len - 1 && sign * ((f[base + (b + 1) * stride] & 0xFF) - (f[base + b * stride] & 0xFF)) > 0) {
                            b++;
                        }
                        sum += b - a;
                        n++;
                    }
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** Share of the page in saturated blobs bigger than speckles (a reflection, not a white dot). */
    private static double glareFraction(Mat grey, int area) {
        try (PointerScope scope = new PointerScope()) {
            Mat mask = new Mat();
            opencv_imgproc.threshold(grey, mask, 249, 255, opencv_imgproc.THRESH_BINARY);
            MatVector contours = new MatVector();
            opencv_imgproc.findContours(mask, contours, opencv_imgproc.RETR_EXTERNAL, opencv_imgproc.CHAIN_APPROX_SIMPLE);
            double minBlob = area * 0.0005;
            double sum = 0;
            for (long i = 0; i < contours.size(); i++) {
                double a = opencv_imgproc.contourArea(contours.get(i));
                if (a >= minBlob) {
                    sum += a;
                }
            }
            return sum / area;
        }
    }

    private static double percentile(int[] hist, int n, double q) {
        long target = (long) Math.ceil(q * n);
        long acc = 0;
        for (int v = 0; v < hist.length; v++) {
            acc += hist[v];
            if (acc >= target) {
                return v;
            }
        }
        return hist.length - 1;
    }
}

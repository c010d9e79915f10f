package io.dianxiaoer.device.document;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;

import io.dianxiaoer.device.vision.Mats;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Evens out the light on a page: estimates how brightly each part of the paper is lit and divides
 * it out, so a lamp's gradient or a soft vignette leaves a uniformly white page.
 *
 * <p>The estimate is a smooth surface (a second-degree polynomial in x and y) fitted to the paper's
 * brightness on a {@value #GRID}-px copy where print has been closed over; fitting is repeated
 * without the samples far below the surface (photos, dark blocks) or far above it (glare), so dark
 * content does not read as shadow. Stateless; the caller owns the returned Mat.
 */
final class Illumination {

    static final int GRID = 96;

    record Result(Mat flattened, double uniformity) {
    }

    private Illumination() {
    }

    static Result flatten(Mat bgr, double whiteTarget) {
        int w = bgr.cols();
        int h = bgr.rows();
        double s = (double) GRID / Math.max(w, h);
        int gw = Math.max(4, (int) Math.round(w * s));
        int gh = Math.max(4, (int) Math.round(h * s));
        try (Mat grey = new Mat(); Mat small = new Mat()) {
            opencv_imgproc.cvtColor(bgr, grey, COLOR_BGR2GRAY);
            opencv_imgproc.resize(grey, small, new Size(gw, gh), 0, 0, INTER_AREA);
            try (Mat kernel = opencv_imgproc.getStructuringElement(MORPH_RECT, new Size(5, 5))) {
                opencv_imgproc.morphologyEx(small, small, MORPH_CLOSE, kernel);
            }
            byte[] v = Mats.toBytes(small);
            double[] coef = robustFit(v, gw, gh);
            byte[] field = new byte[gw * gh];
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int y = 0; y < gh; y++) {
                for (int x = 0; x < gw; x++) {
                    double f = Math.max(8, Math.min(255, eval(coef, (double) x / gw, (double) y / gh)));
                    min = Math.min(min, f);
                    max = Math.max(max, f);
                    field[y * gw + x] = (byte) Math.round(f);
                }
            }
            Mat out = new Mat();
            try (Mat fieldSmall = Mats.fromGrey(field, gw, gh); Mat fieldFull = new Mat(); Mat field3 = new Mat()) {
                opencv_imgproc.resize(fieldSmall, fieldFull, new Size(w, h), 0, 0, INTER_LINEAR);
                opencv_imgproc.cvtColor(fieldFull, field3, COLOR_GRAY2BGR);
                opencv_core.divide(bgr, field3, out, whiteTarget, -1);
            }
            return new Result(out, max > 0 ? min / max : 0);
        }
    }

    /** Least squares of a quadratic surface, refitted three times without outliers. */
    private static double[] robustFit(byte[] v, int w, int h) {
        boolean[] use = new boolean[v.length];
        java.util.Arrays.fill(use, true);
        double[] coef = fit(v, w, h, use);
        for (int round = 0; round < 3; round++) {
            int kept = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double f = eval(coef, (double) x / w, (double) y / h);
                    double val = v[i] & 0xFF;
                    use[i] = val >= 0.88 * f && val <= 1.12 * f;
                    if (use[i]) {
                        kept++;
                    }
                }
            }
            if (kept < 12) {
                break;
            }
            coef = fit(v, w, h, use);
        }
        return coef;
    }

    private static double[] fit(byte[] v, int w, int h, boolean[] use) {
        double[][] a = new double[6][7];
        double[] f = new double[6];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!use[i]) {
                    continue;
                }
                features((double) x / w, (double) y / h, f);
                double val = v[i] & 0xFF;
                for (int r = 0; r < 6; r++) {
                    for (int c = 0; c < 6; c++) {
                        a[r][c] += f[r] * f[c];
                    }
                    a[r][6] += f[r] * val;
                }
            }
        }
        for (int r = 0; r < 6; r++) {
            a[r][r] += 1e-6; // keeps a degenerate (tiny or one-coloured) page solvable
        }
        return solve(a);
    }

    private static void features(double x, double y, double[] f) {
        f[0] = 1;
        f[1] = x;
        f[2] = y;
        f[3] = x * x;
        f[4] = x * y;
        f[5] = y * y;
    }

    private static double eval(double[] c, double x, double y) {
        return c[0] + c[1] * x + c[2] * y + c[3] * x * x + c[4] * x * y + c[5] * y * y;
    }

    /** Gauss–Jordan elimination with partial pivoting on an n × (n+1) augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double d = a[col][col];
            if (Math.abs(d) < 1e-12) {
                continue;
            }
            for (int c = col; c <= n; c++) {
                a[col][c] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double m = a[r][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= m * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n];
        }
        return x;
    }
}

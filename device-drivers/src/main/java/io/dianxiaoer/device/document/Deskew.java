package io.dianxiaoer.device.document;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Scalar4i;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.Vec4iVector;

/**
 * Straightens a picture whose page edges are not visible (the page fills the picture): the skew
 * is the length-weighted median angle of the long straight lines in it (text baselines, ruled
 * lines, table borders), within ±{@value #MAX_SKEW}°. When the page outline is found, the
 * perspective correction has already made it upright and this is not needed. Stateless.
 */
@SuppressWarnings("try") // a PointerScope frees the native pictures its block allocates; it is never named
final class Deskew {

    static final double MAX_SKEW = 30;

    private Deskew() {
    }

    /** The skew in degrees, positive when the content runs down to the right (clockwise); 0 if unsure. */
    static double estimateDegrees(Mat bgr) {
        try (PointerScope scope = new PointerScope()) {
            double s = Math.min(1.0, 1000.0 / Math.max(bgr.cols(), bgr.rows()));
            Mat small = new Mat();
            opencv_imgproc.resize(bgr, small, new Size((int) Math.round(bgr.cols() * s), (int) Math.round(bgr.rows() * s)),
                    0, 0, INTER_AREA);
            Mat grey = new Mat();
            opencv_imgproc.cvtColor(small, grey, COLOR_BGR2GRAY);
            Mat edges = new Mat();
            opencv_imgproc.Canny(grey, edges, 50, 150);
            Vec4iVector lines = new Vec4iVector();
            opencv_imgproc.HoughLinesP(edges, lines, 1, Math.PI / 720, 80, small.cols() / 6.0, 8);
            List<double[]> angles = new ArrayList<>(); // {angle, weight}
            for (long i = 0; i < lines.size(); i++) {
                Scalar4i l = lines.get(i);
                double dx = l.get(2) - l.get(0);
                double dy = l.get(3) - l.get(1);
                double a = Math.toDegrees(Math.atan2(dy, dx));
                // fold to (-90, 90], then take near-vertical lines as skew of the other axis
                if (a > 90) {
                    a -= 180;
                } else if (a <= -90) {
                    a += 180;
                }
                if (a > 45) {
                    a -= 90;
                } else if (a < -45) {
                    a += 90;
                }
                if (Math.abs(a) <= MAX_SKEW) {
                    angles.add(new double[] {a, Math.hypot(dx, dy)});
                }
            }
            if (angles.size() < 3) {
                return 0;
            }
            angles.sort((p, q) -> Double.compare(p[0], q[0]));
            double total = angles.stream().mapToDouble(p -> p[1]).sum();
            double acc = 0;
            for (double[] p : angles) {
                acc += p[1];
                if (acc >= total / 2) {
                    return p[0];
                }
            }
            return 0;
        }
    }

    /** The picture turned counter-clockwise by {@code degrees} about its centre (undoing a clockwise skew of as much), same size, edges replicated. */
    static Mat rotate(Mat bgr, double degrees) {
        Mat out = new Mat();
        try (Point2f centre = new Point2f(bgr.cols() / 2f, bgr.rows() / 2f);
             Mat m = opencv_imgproc.getRotationMatrix2D(centre, degrees, 1.0)) {
            opencv_imgproc.warpAffine(bgr, out, m, bgr.size(), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_REPLICATE, new Scalar());
        }
        return out;
    }
}

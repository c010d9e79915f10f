package io.dianxiaoer.sim.camera;

import io.dianxiaoer.device.vision.Mats;
import java.awt.image.BufferedImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Test helpers that compare pictures. */
final class Pictures {

    private Pictures() {
    }

    /** Normalised cross-correlation (−1..1) of two pictures' grey content, both scaled to {@code w × h}. */
    static double correlation(Mat a, Mat b, int w, int h) {
        try (Mat ga = grey(a, w, h); Mat gb = grey(b, w, h)) {
            byte[] x = Mats.toBytes(ga);
            byte[] y = Mats.toBytes(gb);
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.length; i++) {
                mx += x[i] & 0xFF;
                my += y[i] & 0xFF;
            }
            mx /= x.length;
            my /= y.length;
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < x.length; i++) {
                double dx = (x[i] & 0xFF) - mx;
                double dy = (y[i] & 0xFF) - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
            return sxy / Math.sqrt(sxx * syy + 1e-9);
        }
    }

    static Mat grey(Mat m, int w, int h) {
        Mat g = new Mat();
        Mat src = m;
        if (m.channels() == 3) {
            g = new Mat();
            opencv_imgproc.cvtColor(m, g, opencv_imgproc.COLOR_BGR2GRAY);
            src = g;
        }
        Mat out = new Mat();
        opencv_imgproc.resize(src, out, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
        // A little blur: compare layout, not the exact pixels of the print.
        opencv_imgproc.GaussianBlur(out, out, new Size(5, 5), 0);
        return out;
    }

    static Mat rotated180(Mat m) {
        Mat out = new Mat();
        opencv_core.rotate(m, out, opencv_core.ROTATE_180);
        return out;
    }

    static Mat of(BufferedImage img) {
        return SceneGenerator.bgrMat(img);
    }
}

package io.dianxiaoer.device.document;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import io.dianxiaoer.device.vision.Mats;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Encodes a page as JPEG under a byte budget: the highest quality of {@link #QUALITIES} that fits,
 * and if even the lowest does not, a smaller picture (scaled by the square root of the overshoot,
 * since JPEG size grows with the pixel count), down to a minimum long side. Stateless.
 */
final class JpegBudget {

    static final int[] QUALITIES = {90, 82, 74, 66, 58, 50};

    record Encoded(byte[] bytes, int width, int height, int quality) {
    }

    private JpegBudget() {
    }

    static Encoded encode(Mat bgr, int maxBytes, int minLongSide) throws DocumentException {
        Mat current = bgr;
        try {
            while (true) {
                byte[] last = null;
                for (int q : QUALITIES) {
                    byte[] jpg = Mats.encodeJpeg(current, q);
                    if (jpg.length <= maxBytes) {
                        return new Encoded(jpg, current.cols(), current.rows(), q);
                    }
                    last = jpg;
                }
                int longSide = Math.max(current.cols(), current.rows());
                if (longSide <= minLongSide) {
                    throw new DocumentException(DocumentException.Kind.OVER_BUDGET, "the page does not fit in "
                            + maxBytes / 1000 + " KB even at " + current.cols() + "×" + current.rows()
                            + " px and JPEG quality " + QUALITIES[QUALITIES.length - 1]);
                }
                double scale = Math.min(0.9, Math.sqrt((double) maxBytes / last.length) * 0.95);
                scale = Math.max(scale, (double) minLongSide / longSide);
                Mat next = new Mat();
                opencv_imgproc.resize(current, next, new Size(Math.max(1, (int) Math.round(current.cols() * scale)),
                        Math.max(1, (int) Math.round(current.rows() * scale))), 0, 0, INTER_AREA);
                if (current != bgr) {
                    current.close();
                }
                current = next;
            }
        } finally {
            if (current != bgr) {
                current.close();
            }
        }
    }
}

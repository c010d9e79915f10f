package io.dianxiaoer.device.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies between Java arrays and OpenCV {@link Mat}s, and JPEG encoding. The Mats returned are
 * owned by the caller (close them, or create them inside a {@code PointerScope}). Thread-safe.
 */
public final class Mats {

    private Mats() {
    }

    /** A new 8UC3 Mat holding a copy of packed BGR pixels. */
    public static Mat fromBgr(byte[] bgr, int width, int height) {
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("BGR picture of " + width + "×" + height + " needs "
                    + (width * height * 3) + " bytes, got " + bgr.length);
        }
        Mat m = new Mat(height, width, CV_8UC3);
        m.data().put(bgr, 0, bgr.length);
        return m;
    }

    /** A new 8UC1 Mat holding a copy of grey pixels. */
    public static Mat fromGrey(byte[] grey, int width, int height) {
        if (grey.length != width * height) {
            throw new IllegalArgumentException("grey picture of " + width + "×" + height + " needs "
                    + (width * height) + " bytes, got " + grey.length);
        }
        Mat m = new Mat(height, width, CV_8UC1);
        m.data().put(grey, 0, grey.length);
        return m;
    }

    /** The pixels of an 8-bit Mat as a packed array (rows without padding), whatever its stride. */
    public static byte[] toBytes(Mat m) {
        if (m.depth() != CV_8U) {
            throw new IllegalArgumentException("8-bit picture expected");
        }
        int rowBytes = m.cols() * m.channels();
        int h = m.rows();
        byte[] out = new byte[rowBytes * h];
        BytePointer data = m.data();
        long step = m.step();
        if (step == rowBytes) {
            data.position(0).get(out, 0, out.length);
        } else {
            for (int y = 0; y < h; y++) {
                data.position(y * step).get(out, y * rowBytes, rowBytes);
            }
        }
        return out;
    }

    /** A 4×1 CV_32FC2 Mat of points {x0, y0, x1, y1, …}, for perspective transforms. */
    public static Mat points(double[] xy) {
        Mat m = new Mat(xy.length / 2, 1, CV_32FC2);
        float[] f = new float[xy.length];
        for (int i = 0; i < xy.length; i++) {
            f[i] = (float) xy[i];
        }
        new FloatPointer(m.data()).put(f);
        return m;
    }

    /** JPEG bytes of an 8-bit BGR or grey Mat at {@code quality} (1–100), optimised Huffman tables. */
    public static byte[] encodeJpeg(Mat m, int quality) {
        try (BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality,
                     opencv_imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1)) {
            if (!opencv_imgcodecs.imencode(".jpg", m, buf, params)) {
                throw new IllegalStateException("JPEG encoder refused the picture");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.position(0).get(out);
            return out;
        }
    }

    /** Decodes compressed picture bytes to BGR; an empty Mat when they are not a picture. */
    public static Mat decode(byte[] bytes) {
        try (Mat raw = new Mat(1, bytes.length, CV_8UC1)) {
            raw.data().put(bytes, 0, bytes.length);
            return opencv_imgcodecs.imdecode(raw, opencv_imgcodecs.IMREAD_COLOR);
        }
    }

    /** Zeroes a Mat's pixels (personal data) before it is released. */
    public static void wipe(Mat m) {
        if (m != null && !m.isNull() && !m.empty()) {
            m.put(new org.bytedeco.opencv.opencv_core.Scalar(0, 0, 0, 0));
        }
    }
}

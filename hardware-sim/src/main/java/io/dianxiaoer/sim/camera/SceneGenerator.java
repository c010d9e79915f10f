package io.dianxiaoer.sim.camera;

import io.dianxiaoer.device.document.Quad;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Renders a {@link SceneSpec} into a camera picture and knows the truth: where the page's four
 * corners are. The page (drawn flat by {@link FlatDocuments}) is turned, given perspective, laid on
 * a dark textured base, lit by the chosen {@link Lighting}, optionally given a reflection, blurred,
 * and sprinkled with sensor noise. Deterministic for a given spec. Thread-safe (no shared state).
 */
@SuppressWarnings("try") // a PointerScope frees the native pictures its block allocates; it is never named
public final class SceneGenerator {

    /** A rendered scene: packed BGR pixels, the page's true corners (TL, TR, BR, BL of the document) and the flat page. */
    public record Scene(SceneSpec spec, int width, int height, byte[] bgr, Quad truth, BufferedImage flat) {
        public Scene {
            Objects.requireNonNull(truth, "truth");
        }

        /** The picture as an OpenCV Mat (a copy; the caller closes it). */
        public Mat toMat() {
            return Mats.fromBgr(bgr, width, height);
        }

        /** JPEG bytes of the picture, as the simulated camera sends it. */
        public byte[] jpeg(int quality) {
            try (Mat m = toMat()) {
                return Mats.encodeJpeg(m, quality);
            }
        }

        @Override
        public String toString() {
            return "Scene[" + spec.name() + " " + width + "×" + height + "]";
        }
    }

    private SceneGenerator() {
    }

    public static Scene generate(SceneSpec spec) {
        NativeVision.ensureLoaded();
        int fw = spec.width();
        int fh = spec.height();
        BufferedImage flat = FlatDocuments.render(spec.kind(), spec.qrText(), spec.seed());
        int pw = flat.getWidth();
        int ph = flat.getHeight();
        Quad truth = placement(spec, pw, ph);

        byte[] out = base(fw, fh, spec.seed());
        try (PointerScope scope = new PointerScope()) {
            Mat page = bgrMat(flat);
            Mat pageMask = greyMat(FlatDocuments.mask(spec.kind(), pw, ph));
            Mat src = Mats.points(new double[] {0, 0, pw, 0, pw, ph, 0, ph});
            Mat dst = Mats.points(truth.xy());
            Mat h = opencv_imgproc.getPerspectiveTransform(src, dst);
            Mat warped = new Mat();
            Mat warpedMask = new Mat();
            opencv_imgproc.warpPerspective(page, warped, h, new Size(fw, fh), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            opencv_imgproc.warpPerspective(pageMask, warpedMask, h, new Size(fw, fh), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            byte[] wp = Mats.toBytes(warped);
            byte[] wm = Mats.toBytes(warpedMask);

            float[] light = lightField(spec, fw, fh);
            float[] glare = spec.glare() ? glareField(spec, truth, fw, fh) : null;
            for (int i = 0, j = 0; i < fw * fh; i++, j += 3) {
                float a = (wm[i] & 0xFF) / 255f;
                float l = light[i];
                float gl = glare == null ? 0 : glare[i] * a;
                for (int c = 0; c < 3; c++) {
                    float v = (out[j + c] & 0xFF) * (1 - a) + (wp[j + c] & 0xFF) * a;
                    v = v * l + gl;
                    out[j + c] = (byte) Math.min(255, Math.max(0, Math.round(v)));
                }
            }
            if (spec.blurSigma() > 0) {
                Mat m = Mats.fromBgr(out, fw, fh);
                opencv_imgproc.GaussianBlur(m, m, new Size(0, 0), spec.blurSigma());
                out = Mats.toBytes(m);
            }
        }
        addNoise(out, spec.seed());
        return new Scene(spec, fw, fh, out, truth, flat);
    }

    /** The camera's empty base, evenly lit, with sensor noise: nothing to find. Packed BGR. */
    public static byte[] emptyBase(int width, int height, long seed) {
        NativeVision.ensureLoaded();
        byte[] out = base(width, height, seed);
        addNoise(out, seed);
        return out;
    }

    /** Where the page's corners go: keystone, turn, scale to the fill, centre, shift. */
    static Quad placement(SceneSpec s, int pw, int ph) {
        double k = s.keystone();
        double[] c = {
            -pw / 2.0 * (1 - k), -ph / 2.0,
            pw / 2.0 * (1 - k), -ph / 2.0,
            pw / 2.0 * (1 + k * 0.3), ph / 2.0,
            -pw / 2.0 * (1 + k * 0.3), ph / 2.0,
        };
        double a = Math.toRadians(s.angle());
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            double x = c[2 * i];
            double y = c[2 * i + 1];
            c[2 * i] = x * cos - y * sin;
            c[2 * i + 1] = x * sin + y * cos;
            minX = Math.min(minX, c[2 * i]);
            maxX = Math.max(maxX, c[2 * i]);
            minY = Math.min(minY, c[2 * i + 1]);
            maxY = Math.max(maxY, c[2 * i + 1]);
        }
        double scale = s.fill() * Math.min(s.width() / (maxX - minX), s.height() / (maxY - minY));
        double cx = s.width() / 2.0 + s.shiftX() * s.width() - (minX + maxX) / 2 * scale;
        double cy = s.height() / 2.0 + s.shiftY() * s.height() - (minY + maxY) / 2 * scale;
        double[] q = new double[8];
        for (int i = 0; i < 4; i++) {
            q[2 * i] = cx + c[2 * i] * scale;
            q[2 * i + 1] = cy + c[2 * i + 1] * scale;
        }
        return new Quad(q);
    }

    /** The camera's base: dark grey-brown with a soft mottled texture. */
    private static byte[] base(int w, int h, long seed) {
        Random rnd = new Random(seed * 31 + 7);
        int gw = 24;
        int gh = 14;
        byte[] coarse = new byte[gw * gh];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = (byte) (40 + rnd.nextInt(30));
        }
        byte[] field;
        try (Mat small = Mats.fromGrey(coarse, gw, gh); Mat big = new Mat()) {
            opencv_imgproc.resize(small, big, new Size(w, h), 0, 0, opencv_imgproc.INTER_CUBIC);
            field = Mats.toBytes(big);
        }
        byte[] out = new byte[w * h * 3];
        for (int i = 0, j = 0; i < w * h; i++, j += 3) {
            int v = field[i] & 0xFF;
            out[j] = (byte) Math.max(0, v - 6);     // B
            out[j + 1] = (byte) v;                  // G
            out[j + 2] = (byte) Math.min(255, v + 8); // R: a warm dark base
        }
        return out;
    }

    private static float[] lightField(SceneSpec s, int w, int h) {
        float[] f = new float[w * h];
        double lo = s.lighting().low();
        double hi = s.lighting().high();
        Random rnd = new Random(s.seed() * 17 + 3);
        int side = rnd.nextInt(4);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / (w - 1);
                double v = (double) y / (h - 1);
                double t = switch (s.lighting()) {
                    case EVEN -> 1;
                    case GRADIENT, DARK, OVEREXPOSED -> switch (side) {
                        case 0 -> 1 - u;
                        case 1 -> u;
                        case 2 -> 1 - v;
                        default -> v;
                    };
                    case VIGNETTE -> 1 - Math.min(1, ((u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5)) / 0.5);
                    case CORNER_LAMP -> {
                        double cu = side % 2 == 0 ? 0 : 1;
                        double cv = side < 2 ? 0 : 1;
                        yield 1 - Math.min(1, Math.hypot(u - cu, v - cv) / Math.sqrt(2));
                    }
                };
                f[y * w + x] = (float) (lo + (hi - lo) * t);
            }
        }
        return f;
    }

    /** A soft bright reflection somewhere on the page (added light, saturating). */
    private static float[] glareField(SceneSpec s, Quad truth, int w, int h) {
        Random rnd = new Random(s.seed() * 13 + 5);
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < 4; i++) {
            cx += truth.x(i) / 4;
            cy += truth.y(i) / 4;
        }
        double size = Math.min(truth.side(0), truth.side(1));
        cx += (rnd.nextDouble() - 0.5) * size * 0.3;
        cy += (rnd.nextDouble() - 0.5) * size * 0.3;
        double sigma = size * 0.09;
        float[] f = new float[w * h];
        int r = (int) (sigma * 4);
        for (int y = Math.max(0, (int) cy - r); y < Math.min(h, (int) cy + r); y++) {
            for (int x = Math.max(0, (int) cx - r); x < Math.min(w, (int) cx + r); x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                f[y * w + x] = (float) (420 * Math.exp(-d2 / (2 * sigma * sigma)));
            }
        }
        return f;
    }

    /** Sensor noise (σ ≈ 2 grey levels) from a fixed tile: cheap and deterministic. */
    private static void addNoise(byte[] bgr, long seed) {
        Random rnd = new Random(seed * 7 + 1);
        byte[] tile = new byte[4099]; // prime length: no visible pattern
        for (int i = 0; i < tile.length; i++) {
            tile[i] = (byte) Math.round(Math.max(-6, Math.min(6, rnd.nextGaussian() * 2)));
        }
        for (int i = 0; i < bgr.length; i++) {
            int v = (bgr[i] & 0xFF) + tile[i % tile.length];
            bgr[i] = (byte) Math.min(255, Math.max(0, v));
        }
    }

    static Mat bgrMat(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            BufferedImage c = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            c.getGraphics().drawImage(img, 0, 0, null);
            img = c;
        }
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return Mats.fromBgr(data, img.getWidth(), img.getHeight());
    }

    static Mat greyMat(BufferedImage img) {
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return Mats.fromGrey(data, img.getWidth(), img.getHeight());
    }
}

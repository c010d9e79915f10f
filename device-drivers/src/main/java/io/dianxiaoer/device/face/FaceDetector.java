package io.dianxiaoer.device.face;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds faces and eyes in a camera frame with OpenCV's Haar cascades (shipped inside the OpenCV
 * native jar) and judges the frame against the quality gates of 人证核验: exactly one face, big
 * enough, centred, sharp, well lit. Each failed gate becomes a {@link FaceGuidance}.
 *
 * <p>Faces are searched on a grey copy scaled to at most {@link Settings#detectWidth} pixels wide
 * (the cost of a cascade grows with the pixel count); eyes, sharpness and light are measured on the
 * full-resolution face region, because eyes are small.
 *
 * <p><b>Not thread-safe</b> ({@code CascadeClassifier} keeps state): one detector per thread.
 * Construction loads the natives and the cascades (a few tens of ms once the natives are cached);
 * {@link #close()} frees them. Pixels are never logged or kept.
 */
public final class FaceDetector implements AutoCloseable {

    private static final String CASCADES = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/";

    /**
     * The gates' thresholds.
     *
     * @param detectWidth     faces are searched at this width (or less)
     * @param minFaceHeight   face height / frame height below this → {@link FaceGuidance#TOO_FAR}
     * @param maxFaceHeight   above this → {@link FaceGuidance#TOO_CLOSE}
     * @param maxOffCentre    face centre further than this share of the frame size from the centre
     *                        (horizontally or vertically) → {@link FaceGuidance#NOT_CENTRED}
     * @param minSharpness    Laplacian variance inside the face below this → {@link FaceGuidance#BLURRED}
     * @param minBrightness   mean grey of the face below this → {@link FaceGuidance#TOO_DARK}
     * @param maxBrightness   above this → {@link FaceGuidance#TOO_BRIGHT}
     * @param maxClipped      share of clipped face pixels above this → too dark or too bright (whichever side)
     */
    public record Settings(int detectWidth, double minFaceHeight, double maxFaceHeight, double maxOffCentre,
                           double minSharpness, double minBrightness, double maxBrightness, double maxClipped) {
        public static final Settings DEFAULT = new Settings(640, 0.18, 0.85, 0.15, 20, 60, 210, 0.20);

        public Settings {
            if (detectWidth < 160) {
                throw new IllegalArgumentException("detectWidth must be at least 160");
            }
            if (!(minFaceHeight > 0 && minFaceHeight < maxFaceHeight)) {
                throw new IllegalArgumentException("need 0 < minFaceHeight < maxFaceHeight");
            }
        }
    }

    private final Settings settings;
    private final CascadeClassifier faceCascade;
    private final CascadeClassifier eyeCascade;

    public FaceDetector(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        NativeVision.ensureLoaded();
        Loader.load(org.bytedeco.opencv.global.opencv_objdetect.class);
        this.faceCascade = load("haarcascade_frontalface_default.xml");
        this.eyeCascade = load("haarcascade_eye.xml");
    }

    public FaceDetector() {
        this(Settings.DEFAULT);
    }

    private static CascadeClassifier load(String name) {
        File f;
        try {
            f = Loader.cacheResource(CASCADES + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the OpenCV cascade " + name, e);
        }
        if (f == null) {
            throw new IllegalStateException("the OpenCV cascade " + name + " is not in the opencv native jar");
        }
        CascadeClassifier c = new CascadeClassifier(f.getAbsolutePath());
        if (c.empty()) {
            c.close();
            throw new IllegalStateException("the OpenCV cascade " + name + " did not load");
        }
        return c;
    }

    public Settings settings() {
        return settings;
    }

    /** Analyses one preview frame. */
    public FaceQuality analyse(CameraFrame frame) {
        return analyse(frame.grey(), frame.width(), frame.height());
    }

    /** Analyses a grey picture ({@code width × height} bytes). */
    public FaceQuality analyse(byte[] grey, int width, int height) {
        try (PointerScope scope = new PointerScope()) {
            Mat full = Mats.fromGrey(grey, width, height);
            double scale = Math.min(1.0, (double) settings.detectWidth() / width);
            Mat small = full;
            if (scale < 1.0) {
                small = new Mat();
                opencv_imgproc.resize(full, small, new Size((int) Math.round(width * scale),
                        (int) Math.round(height * scale)), 0, 0, opencv_imgproc.INTER_AREA);
            }
            opencv_imgproc.equalizeHist(small, small);
            RectVector found = new RectVector();
            int minSide = (int) Math.round(small.rows() * settings.minFaceHeight() * 0.5);
            faceCascade.detectMultiScale(small, found, 1.1, 5, 0, new Size(minSide, minSide), new Size());
            List<FaceBox> faces = new ArrayList<>();
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                faces.add(new FaceBox((int) Math.round(r.x() / scale), (int) Math.round(r.y() / scale),
                        (int) Math.round(r.width() / scale), (int) Math.round(r.height() / scale)));
            }
            faces.sort(Comparator.comparingLong(FaceBox::area).reversed());
            // Someone else counts when their face is at least half as wide as the main one (standing about
            // as near); smaller hits are people far behind or the cascade's false alarms on clothing.
            if (faces.size() > 1) {
                int mainWidth = faces.get(0).width();
                faces.removeIf(f -> f.width() * 2 < mainWidth);
            }
            if (faces.isEmpty()) {
                return new FaceQuality(faces, Optional.empty(), List.of(), 0, 0, 0, 0, 0, List.of(FaceGuidance.NO_FACE));
            }
            List<FaceGuidance> guidance = new ArrayList<>();
            if (faces.size() > 1) {
                guidance.add(FaceGuidance.MORE_THAN_ONE_FACE);
                return new FaceQuality(faces, Optional.empty(), List.of(), 0, 0, 0, 0, 0, guidance);
            }
            FaceBox face = clip(faces.get(0), width, height);
            double share = (double) face.height() / height;
            double offX = Math.abs(face.centreX() - width / 2.0) / width;
            double offY = Math.abs(face.centreY() - height / 2.0) / height;
            double off = Math.max(offX, offY);
            Mat roi = new Mat(full, new Rect(face.x(), face.y(), face.width(), face.height()));
            double sharpness = laplacianVariance(roi);
            double[] light = light(grey, width, face);
            List<FaceBox> eyes = eyes(full, face);
            if (share < settings.minFaceHeight()) {
                guidance.add(FaceGuidance.TOO_FAR);
            } else if (share > settings.maxFaceHeight()) {
                guidance.add(FaceGuidance.TOO_CLOSE);
            }
            if (off > settings.maxOffCentre()) {
                guidance.add(FaceGuidance.NOT_CENTRED);
            }
            double mean = light[0];
            if (mean < settings.minBrightness() || (light[1] > settings.maxClipped() && mean < 128)) {
                guidance.add(FaceGuidance.TOO_DARK);
            } else if (mean > settings.maxBrightness() || (light[1] > settings.maxClipped() && mean >= 128)) {
                guidance.add(FaceGuidance.TOO_BRIGHT);
            }
            if (sharpness < settings.minSharpness()) {
                guidance.add(FaceGuidance.BLURRED);
            }
            return new FaceQuality(faces, Optional.of(face), eyes, (double) face.width() / width, off, sharpness,
                    mean, light[1], guidance);
        }
    }

    /**
     * Eyes inside the upper part of the face (where a frontal face's eyes are), at full resolution;
     * at most the two largest, left to right.
     */
    private List<FaceBox> eyes(Mat full, FaceBox face) {
        int top = face.y() + face.height() / 6;
        int h = face.height() * 2 / 5;
        Mat band = new Mat(full, new Rect(face.x(), top, face.width(), h));
        Mat eq = new Mat();
        opencv_imgproc.equalizeHist(band, eq);
        RectVector found = new RectVector();
        int min = Math.max(12, face.width() / 10);
        int max = face.width() / 2;
        eyeCascade.detectMultiScale(eq, found, 1.1, 4, 0, new Size(min, min), new Size(max, max));
        List<FaceBox> eyes = new ArrayList<>();
        for (long i = 0; i < found.size(); i++) {
            Rect r = found.get(i);
            eyes.add(new FaceBox(face.x() + r.x(), top + r.y(), r.width(), r.height()));
        }
        eyes.sort(Comparator.comparingLong(FaceBox::area).reversed());
        List<FaceBox> two = new ArrayList<>(eyes.subList(0, Math.min(2, eyes.size())));
        two.sort(Comparator.comparingInt(FaceBox::x));
        return two;
    }

    private static FaceBox clip(FaceBox b, int w, int h) {
        int x = Math.max(0, b.x());
        int y = Math.max(0, b.y());
        int x2 = Math.min(w, b.x() + b.width());
        int y2 = Math.min(h, b.y() + b.height());
        return new FaceBox(x, y, Math.max(1, x2 - x), Math.max(1, y2 - y));
    }

    private static double laplacianVariance(Mat roi) {
        Mat lap = new Mat();
        opencv_imgproc.Laplacian(roi, lap, CV_64F);
        Mat mean = new Mat();
        Mat std = new Mat();
        org.bytedeco.opencv.global.opencv_core.meanStdDev(lap, mean, std);
        double sd = std.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer di ? di.get(0) : 0;
        return sd * sd;
    }

    /** {mean grey, share of clipped pixels} inside the face. */
    private static double[] light(byte[] grey, int width, FaceBox f) {
        long sum = 0;
        long clipped = 0;
        for (int y = f.y(); y < f.y() + f.height(); y++) {
            int row = y * width;
            for (int x = f.x(); x < f.x() + f.width(); x++) {
                int v = grey[row + x] & 0xFF;
                sum += v;
                if (v <= 5 || v >= 250) {
                    clipped++;
                }
            }
        }
        double n = (double) f.width() * f.height();
        return new double[] {sum / n, clipped / n};
    }

    @Override
    public void close() {
        faceCascade.close();
        eyeCascade.close();
    }

}

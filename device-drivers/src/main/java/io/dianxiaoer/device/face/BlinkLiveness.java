package io.dianxiaoer.device.face;

import static org.bytedeco.opencv.global.opencv_imgproc.TM_CCOEFF_NORMED;

import io.dianxiaoer.device.vision.Mats;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The blink challenge, judged over consecutive frames of one face:
 *
 * <ol>
 *   <li><b>open</b>: both eyes found inside the face for at least {@link #MIN_OPEN_FRAMES} frames
 *       in a row; the eye patches (grey pixels around each eye) are kept;</li>
 *   <li><b>closed</b>: then fewer than two eyes found (the cascade sometimes takes a closed lid's
 *       lash line for an eye) for 1 to {@link #MAX_CLOSED_FRAMES} frames, the face still
 *       where it was (its box overlaps the last open one by at least half) — <i>and</i> the kept
 *       open-eye patches can no longer be found near where the eyes were (normalised
 *       cross-correlation below {@link #MAX_EYE_CORRELATION} for both eyes). This last test is what keeps the
 *       detector's own flicker on a still or moved photo from counting as a blink: on a photo the
 *       eye detector may miss an eye, but the eye's pixels are still there;</li>
 *   <li><b>open again</b>: both eyes found again → {@link LivenessVerdict.Outcome#PASSED}.</li>
 * </ol>
 *
 * A frame without exactly one face leaves the state as it is (it neither opens nor closes); a closure longer than {@code MAX_CLOSED_FRAMES} (eyes covered, looking away) starts
 * over. Not thread-safe: fed frame by frame from one thread. Holds copies of eye patches (face
 * data) until {@link #wipe()}.
 */
public final class BlinkLiveness {

    static final int MIN_OPEN_FRAMES = 2;
    static final int MAX_CLOSED_FRAMES = 8;
    static final double MAX_EYE_CORRELATION = 0.75;

    private enum State { WAITING_OPEN, OPEN, CLOSED }

    private State state = State.WAITING_OPEN;
    private int openRun;
    private int closedRun;
    private FaceBox openFace;
    private List<FaceBox> openEyes = List.of();
    private byte[][] patches = new byte[0][];
    private int[][] patchSizes = new int[0][];
    private int frames;
    private int flickerRejected;
    private double lastEyeCorrelation = Double.NaN;

    /**
     * Looks at one more frame.
     *
     * @param q     the detector's analysis of the frame
     * @param grey  the frame's grey pixels
     * @return PASSED once the blink was seen; empty while undecided
     */
    public Optional<LivenessVerdict> offer(FaceQuality q, byte[] grey, int width, int height) {
        frames++;
        if (q.face().isEmpty()) {
            return Optional.empty();
        }
        FaceBox face = q.face().get();
        int eyes = q.eyes().size();
        switch (state) {
            case WAITING_OPEN, OPEN -> {
                if (eyes == 2) {
                    openRun = state == State.OPEN ? openRun + 1 : 1;
                    state = State.OPEN;
                    keepPatches(face, q.eyes(), grey, width, height);
                } else if (state == State.OPEN && openRun >= MIN_OPEN_FRAMES) {
                    if (overlap(face, openFace) >= 0.5 && eyesGone(grey, width, height)) {
                        state = State.CLOSED;
                        closedRun = 1;
                    } else {
                        flickerRejected++;
                    }
                }
            }
            case CLOSED -> {
                if (overlap(face, openFace) < 0.5) {
                    reset();
                } else if (eyes == 2) {
                    return Optional.of(new LivenessVerdict(LivenessVerdict.Outcome.PASSED,
                            "blink seen: eyes open, closed for " + closedRun + " frame(s), open again", frames));
                } else {
                    if (++closedRun > MAX_CLOSED_FRAMES) {
                        reset();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Frames looked at so far. */
    public int frames() {
        return frames;
    }

    /** Frames where the detector lost the eyes but their pixels were still there (not a blink). */
    public int flickerRejected() {
        return flickerRejected;
    }

    /** The best match of the open-eye patches at the last check of a possible closure (NaN before any). */
    public double lastEyeCorrelation() {
        return lastEyeCorrelation;
    }

    private void reset() {
        state = State.WAITING_OPEN;
        openRun = 0;
        closedRun = 0;
    }

    private void keepPatches(FaceBox face, List<FaceBox> eyes, byte[] grey, int width, int height) {
        wipe();
        openFace = face;
        openEyes = List.copyOf(eyes);
        patches = new byte[eyes.size()][];
        patchSizes = new int[eyes.size()][];
        for (int i = 0; i < eyes.size(); i++) {
            FaceBox e = inner(eyes.get(i));
            patches[i] = crop(grey, width, height, e);
            patchSizes[i] = new int[] {e.width(), e.height()};
        }
    }

    /** The middle of an eye box: the eye itself, without the brow and the lid's surroundings. */
    private static FaceBox inner(FaceBox e) {
        int w = Math.max(4, e.width() * 3 / 5);
        int h = Math.max(4, e.height() * 2 / 5);
        return new FaceBox(e.x() + (e.width() - w) / 2, e.y() + (e.height() - h) / 2, w, h);
    }

    /**
     * True when neither kept open-eye patch matches anywhere near its place (both eyes really
     * changed), false when one is still there (the detector merely missed it).
     */
    private boolean eyesGone(byte[] grey, int width, int height) {
        if (patches.length == 0) {
            return false;
        }
        double best = -1;
        try (PointerScope scope = new PointerScope()) {
            Mat frame = Mats.fromGrey(grey, width, height);
            for (int i = 0; i < patches.length; i++) {
                FaceBox e = inner(openEyes.get(i));
                int mx = e.width();
                int my = e.height();
                int x0 = Math.max(0, e.x() - mx);
                int y0 = Math.max(0, e.y() - my);
                int x1 = Math.min(width, e.x() + e.width() + mx);
                int y1 = Math.min(height, e.y() + e.height() + my);
                if (x1 - x0 < e.width() || y1 - y0 < e.height()) {
                    continue;
                }
                Mat window = new Mat(frame, new Rect(x0, y0, x1 - x0, y1 - y0));
                Mat templ = Mats.fromGrey(patches[i], patchSizes[i][0], patchSizes[i][1]);
                Mat result = new Mat();
                opencv_imgproc.matchTemplate(window, templ, result, TM_CCOEFF_NORMED);
                DoublePointer min = new DoublePointer(1);
                DoublePointer max = new DoublePointer(1);
                opencv_core.minMaxLoc(result, min, max, null, null, null);
                best = Math.max(best, max.get());
            }
            Mats.wipe(frame);
        }
        lastEyeCorrelation = best;
        return best < MAX_EYE_CORRELATION;
    }

    private static byte[] crop(byte[] grey, int width, int height, FaceBox b) {
        int x = Math.max(0, Math.min(b.x(), width - b.width()));
        int y = Math.max(0, Math.min(b.y(), height - b.height()));
        byte[] out = new byte[b.width() * b.height()];
        for (int r = 0; r < b.height(); r++) {
            System.arraycopy(grey, (y + r) * width + x, out, r * b.width(), b.width());
        }
        return out;
    }

    static double overlap(FaceBox a, FaceBox b) {
        if (a == null || b == null) {
            return 0;
        }
        int x1 = Math.max(a.x(), b.x());
        int y1 = Math.max(a.y(), b.y());
        int x2 = Math.min(a.x() + a.width(), b.x() + b.width());
        int y2 = Math.min(a.y() + a.height(), b.y() + b.height());
        if (x2 <= x1 || y2 <= y1) {
            return 0;
        }
        double inter = (double) (x2 - x1) * (y2 - y1);
        return inter / (a.area() + b.area() - inter);
    }

    /** Zeroes the kept eye patches (face data). */
    public void wipe() {
        for (byte[] p : patches) {
            Arrays.fill(p, (byte) 0);
        }
    }
}

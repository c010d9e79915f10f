package io.dianxiaoer.device.camera;

import java.time.Instant;
import java.util.Objects;

/**
 * One preview frame: packed 8-bit BGR pixels ({@code width × height × 3}, rows without padding).
 *
 * <p>A frame is shared by every listener of the camera, so its pixel array is <b>read-only by
 * contract</b>: listeners that want to draw on it take {@link #copyOfBgr()}. The grey plane is
 * computed on first use and cached (any thread; a race computes it twice, which is harmless).
 * A frame may show a face or a document: it is never logged, and {@link #toString()} names no
 * content. Frames are not wiped (several listeners hold them); they die with their last reference.
 */
public final class CameraFrame {

    private final int width;
    private final int height;
    private final byte[] bgr;
    private final long sequence;
    private final Instant capturedAt;
    private final int sourceWidth;
    private final int sourceHeight;
    private volatile byte[] grey;

    public CameraFrame(int width, int height, byte[] bgr, long sequence, Instant capturedAt,
                       int sourceWidth, int sourceHeight) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "×" + height);
        }
        Objects.requireNonNull(bgr, "bgr");
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("BGR frame of " + width + "×" + height + " needs "
                    + (width * height * 3) + " bytes, got " + bgr.length);
        }
        this.width = width;
        this.height = height;
        this.bgr = bgr;
        this.sequence = sequence;
        this.capturedAt = Objects.requireNonNull(capturedAt, "capturedAt");
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The shared pixel array (BGR, packed): do not modify it. */
    public byte[] bgr() {
        return bgr;
    }

    public byte[] copyOfBgr() {
        return bgr.clone();
    }

    /** The luma plane (BT.601 weights), {@code width × height} bytes; shared, do not modify. */
    public byte[] grey() {
        byte[] g = grey;
        if (g == null) {
            g = Pixels.bgrToGrey(bgr, width, height);
            grey = g;
        }
        return g;
    }

    /**
     * Writes the pixels as BGRA with full alpha into {@code target} ({@code width × height × 4}
     * bytes) — the layout screens take without another conversion (JavaFX
     * {@code PixelFormat.getByteBgraPreInstance()}; with alpha 255, premultiplied is the same).
     * Lets a screen reuse one buffer per frame size.
     */
    public void writeBgra(byte[] target) {
        int n = width * height;
        if (target.length != n * 4) {
            throw new IllegalArgumentException("BGRA target for " + width + "×" + height + " needs " + (n * 4)
                    + " bytes, got " + target.length);
        }
        for (int i = 0, j = 0, k = 0; i < n; i++, j += 3, k += 4) {
            target[k] = bgr[j];
            target[k + 1] = bgr[j + 1];
            target[k + 2] = bgr[j + 2];
            target[k + 3] = (byte) 0xFF;
        }
    }

    /** Counts frames since the camera opened; gaps mean frames were dropped for this listener. */
    public long sequence() {
        return sequence;
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    /** The size of the camera's full-resolution picture this preview was scaled from. */
    public int sourceWidth() {
        return sourceWidth;
    }

    public int sourceHeight() {
        return sourceHeight;
    }

    @Override
    public String toString() {
        return "CameraFrame[#" + sequence + " " + width + "×" + height + " of " + sourceWidth + "×" + sourceHeight + "]";
    }
}

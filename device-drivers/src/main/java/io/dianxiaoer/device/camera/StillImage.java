package io.dianxiaoer.device.camera;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A full-resolution picture taken on demand: packed 8-bit BGR, rows without padding.
 *
 * <p>It belongs to whoever asked for it (nobody else holds it), so it can be {@link #wipe() wiped}
 * once the page is processed: document pictures are personal data. Not thread-safe; hand it from
 * one thread to the next. {@link #toString()} names no content.
 */
public final class StillImage {

    private final int width;
    private final int height;
    private final byte[] bgr;
    private final Instant capturedAt;
    private boolean wiped;

    public StillImage(int width, int height, byte[] bgr, Instant capturedAt) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
        }
        Objects.requireNonNull(bgr, "bgr");
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("BGR image of " + width + "×" + height + " needs "
                    + (width * height * 3) + " bytes, got " + bgr.length);
        }
        this.width = width;
        this.height = height;
        this.bgr = bgr;
        this.capturedAt = Objects.requireNonNull(capturedAt, "capturedAt");
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels (BGR, packed); the caller owns them. */
    public byte[] bgr() {
        if (wiped) {
            throw new IllegalStateException("still image was wiped");
        }
        return bgr;
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    /** Zeroes the pixels; the image cannot be used afterwards. */
    public void wipe() {
        Arrays.fill(bgr, (byte) 0);
        wiped = true;
    }

    public boolean isWiped() {
        return wiped;
    }

    @Override
    public String toString() {
        return "StillImage[" + width + "×" + height + (wiped ? ", wiped" : "") + "]";
    }
}

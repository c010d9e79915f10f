package io.dianxiaoer.core.identity.mrtd;

import java.util.Arrays;
import java.util.Objects;

/**
 * The holder's face as the chip stores it in DG2: an encoded image (JPEG or JPEG 2000) with its
 * size. Biometric data: copied in and out, never logged; {@link #wipe()} zeroes the held copy when
 * the visit ends.
 *
 * <p>Thread-safe for reading; {@code wipe()} is meant for the single owner at the end of a session.
 */
public final class FaceImage {

    private final byte[] bytes;
    private final String mimeType;
    private final int width;
    private final int height;

    public FaceImage(byte[] bytes, String mimeType, int width, int height) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.width = width;
        this.height = height;
    }

    /** A copy of the encoded image. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** {@code image/jpeg} or {@code image/jp2}. */
    public String mimeType() {
        return mimeType;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Zeroes the held copy. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceImage f && Arrays.equals(f.bytes, bytes) && f.mimeType.equals(mimeType)
                && f.width == width && f.height == height;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Size and type only. */
    @Override
    public String toString() {
        return "FaceImage[" + mimeType + ", " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}

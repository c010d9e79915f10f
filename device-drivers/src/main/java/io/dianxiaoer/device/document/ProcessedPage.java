package io.dianxiaoer.device.document;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One captured page after the pipeline: the upright, cropped, evenly lit page as JPEG within the
 * size budget, where it was found in the still, and how good the picture is.
 *
 * <p>The JPEG is a document image (personal data): the holder {@link #wipe() wipes} it when the
 * page is discarded or uploaded. {@link #toString()} names sizes and reasons, never content.
 * Not thread-safe; hand it over, do not share it.
 *
 * @param deskewDegrees rotation applied when the page's edges were not visible (0 when the
 *                      perspective correction made it upright)
 */
public record ProcessedPage(byte[] jpeg, int width, int height, int jpegQuality, PageOutline outline,
                            PageQuality quality, double deskewDegrees) {

    public ProcessedPage {
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(outline, "outline");
        Objects.requireNonNull(quality, "quality");
    }

    /** The JPEG bytes (shared: copy before changing them). */
    @Override
    public byte[] jpeg() {
        return jpeg;
    }

    public int sizeBytes() {
        return jpeg.length;
    }

    /** Zeroes the JPEG bytes. */
    public void wipe() {
        Arrays.fill(jpeg, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ProcessedPage[%d×%d, %d bytes, q%d, %s]", width, height, jpeg.length,
                jpegQuality, quality.acceptable() ? "good" : quality.reasons());
    }
}

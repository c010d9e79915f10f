package io.dianxiaoer.device.document;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the page lies in a picture: its corners (which may lie outside the picture when the page
 * is cut off), the share of the page inside the picture, and the picture size the corners refer to.
 * For the preview overlay and for the crop. Immutable.
 *
 * @param corners           the page's corners, or empty when no page was found
 * @param inFrameFraction   share of the page's area inside the picture, 0..1 (an estimate when a
 *                          whole side is outside; 0 when no page was found)
 * @param sidesSeen         how many of the page's four sides are visible (0 when not found)
 */
public record PageOutline(Optional<Quad> corners, double inFrameFraction, int sidesSeen, int frameWidth, int frameHeight) {

    public PageOutline {
        Objects.requireNonNull(corners, "corners");
    }

    public static PageOutline notFound(int frameWidth, int frameHeight) {
        return new PageOutline(Optional.empty(), 0, 0, frameWidth, frameHeight);
    }

    public boolean found() {
        return corners.isPresent();
    }

    /** Part of the page lies outside the picture. */
    public boolean cutOff() {
        return found() && (sidesSeen < 4 || inFrameFraction < 0.995);
    }

    /** The same outline in a picture scaled by {@code factor} (e.g. from the still to the preview). */
    public PageOutline scaled(double factor) {
        return new PageOutline(corners.map(q -> q.scaled(factor)), inFrameFraction, sidesSeen,
                (int) Math.round(frameWidth * factor), (int) Math.round(frameHeight * factor));
    }
}

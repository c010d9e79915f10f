package io.dianxiaoer.device.document;

import java.util.List;
import java.util.Objects;

/**
 * How good one page picture is, measured on the perspective-corrected page before the light is
 * evened out (so the measures describe the capture, not the correction). Later checks of the
 * materials read these numbers; the citizen sees {@link #reasons()}.
 *
 * @param sharpness       100 / the mean width in px of the page's strong edges (at ≤ 1200 px): crisp
 *                        print ≈ 20–35, a camera out of focus by σ = 4 px ≈ 6–9; 0 when no edge is left
 * @param glareFraction   share of the page in saturated highlight blobs (reflections)
 * @param whiteLevel      the paper's brightness: 90th percentile of grey, 0..255
 * @param clippedFraction share of the page at 250 or more (burnt out)
 * @param lightUniformity darkest / brightest part of the fitted illumination over the page, 0..1
 * @param inFrameFraction share of the page inside the picture, 0..1
 * @param reasons         what to fix, most important first; empty when the page is good
 */
public record PageQuality(double sharpness, double glareFraction, double whiteLevel, double clippedFraction,
                          double lightUniformity, double inFrameFraction, List<RetakeReason> reasons) {

    public PageQuality {
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    }

    public boolean acceptable() {
        return reasons.isEmpty();
    }

    /** A picture in which no page was found. */
    public static PageQuality noPage() {
        return new PageQuality(0, 0, 0, 0, 0, 0, List.of(RetakeReason.NO_PAGE));
    }
}

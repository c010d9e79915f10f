package io.dianxiaoer.device.document;

/**
 * Where each quality measure turns into a retake reason. The defaults were set on the synthetic
 * test documents (sharp vs. blurred σ ≥ 2.5 px at 1080p, glare spots, a lamp at a quarter of its
 * power, pages pushed partly out of the picture) with a wide margin on both sides; see the
 * quality tests in hardware-sim.
 */
public record QualityThresholds(double minSharpness, double maxGlareFraction, double minWhiteLevel,
                                double maxClippedFraction, double minLightUniformity, double minInFrameFraction) {

    public static final QualityThresholds DEFAULT = new QualityThresholds(10.0, 0.004, 95, 0.35, 0.30, 0.985);
}

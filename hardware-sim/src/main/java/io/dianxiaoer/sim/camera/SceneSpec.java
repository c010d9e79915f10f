package io.dianxiaoer.sim.camera;

import java.util.Objects;

/**
 * One synthetic picture of the document camera: which document, how it lies on the camera's base
 * and how it is lit and focused. Immutable; the generator turns it into pixels and the true
 * corners.
 *
 * @param name        a short stable key for the control API and test names
 * @param angle       rotation of the page on the base, degrees (positive: clockwise on screen)
 * @param keystone    perspective: how much narrower the far (top) edge looks than the near one, 0..0.3
 * @param fill        the page's bounding box fills this share of the picture (before any shift)
 * @param shiftX      the page's centre moved by this share of the picture width (pushes it out of frame)
 * @param shiftY      same, vertically
 * @param blurSigma   Gaussian blur of the whole picture in pixels (0: in focus)
 * @param glare       a lamp's reflection on the page
 * @param qrText      the QR slip's payload (ignored for other kinds)
 */
public record SceneSpec(String name, DocumentKind kind, int width, int height, double angle, double keystone,
                        double fill, double shiftX, double shiftY, Lighting lighting, double blurSigma, boolean glare,
                        String qrText, long seed) {

    public SceneSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lighting, "lighting");
        qrText = qrText == null ? "" : qrText;
        if (width < 64 || height < 64 || (long) width * height > 50_000_000L) {
            throw new IllegalArgumentException("picture size out of range: " + width + "×" + height);
        }
        if (keystone < 0 || keystone > 0.3 || fill <= 0 || fill > 1.5 || blurSigma < 0 || blurSigma > 50) {
            throw new IllegalArgumentException("scene parameters out of range in " + name);
        }
    }

    /** The same scene at another picture size (the benchmark's 3840×2160 still). */
    public SceneSpec withSize(int w, int h) {
        return new SceneSpec(name, kind, w, h, angle, keystone, fill, shiftX, shiftY, lighting, blurSigma, glare, qrText, seed);
    }

    public SceneSpec withName(String n) {
        return new SceneSpec(n, kind, width, height, angle, keystone, fill, shiftX, shiftY, lighting, blurSigma, glare, qrText, seed);
    }
}

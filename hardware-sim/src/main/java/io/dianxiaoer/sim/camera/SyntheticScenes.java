package io.dianxiaoer.sim.camera;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of synthetic document-camera pictures, by name.
 *
 * <ul>
 *   <li>{@link #geometryCases}: every kind of document at angles from −20° to 20°, with perspective
 *       and uneven light (gradient, vignette, corner lamp) and a little defocus — each must come out
 *       of the pipeline upright, with corners within 2 % of the page size of the truth;</li>
 *   <li>{@link #qualityCases}: pictures that must be sent back — blurred, glare, too dark,
 *       over-exposed, cut off — and one good reference.</li>
 * </ul>
 *
 * Default picture size 1920×1080 (the simulated camera's stream); any size can be asked for.
 */
public final class SyntheticScenes {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    /** The payload printed on the QR slip (an invented appointment check-in code). */
    public static final String QR_TEXT = "DXE-APPT:2025-0612-0931:W07";

    private static final double[] ANGLES = {-20, -14, -7, 0, 6, 13, 20};
    private static final Lighting[] LIGHTS = {Lighting.GRADIENT, Lighting.VIGNETTE, Lighting.CORNER_LAMP, Lighting.EVEN};

    private SyntheticScenes() {
    }

    /** Every document kind at every test angle, with perspective and uneven light. */
    public static List<SceneSpec> geometryCases(int width, int height) {
        List<SceneSpec> out = new ArrayList<>();
        int n = 0;
        for (DocumentKind kind : DocumentKind.values()) {
            for (double angle : ANGLES) {
                Lighting light = LIGHTS[n % LIGHTS.length];
                double keystone = (n % 3) * 0.05;             // 0, 5 %, 10 %
                double blur = (n % 4 == 1) ? 0.9 : 0.4;        // slight defocus on some
                double fill = kind == DocumentKind.LICENCE_CARD ? 0.55 : 0.86;
                String name = kind.name().toLowerCase().replace('_', '-') + "-" + (angle < 0 ? "m" : "p")
                        + (int) Math.abs(angle) + "-" + light.name().toLowerCase().replace('_', '-');
                out.add(new SceneSpec(name, kind, width, height, angle, keystone, fill, 0, 0, light, blur, false,
                        QR_TEXT, 1000 + n));
                n++;
            }
        }
        return out;
    }

    public static List<SceneSpec> geometryCases() {
        return geometryCases(WIDTH, HEIGHT);
    }

    /** Named pictures that test the quality measures (the key is the reason expected, or "good"). */
    public static Map<String, SceneSpec> qualityCases(int width, int height) {
        Map<String, SceneSpec> m = new LinkedHashMap<>();
        m.put("good", form("form-good", width, height, 8, 0.04, 0.86, 0, 0, Lighting.EVEN, 0.4, false, 1));
        m.put("BLURRED", form("form-blurred", width, height, -6, 0.04, 0.86, 0, 0, Lighting.EVEN, 4.5, false, 2));
        m.put("GLARE", form("form-glare", width, height, 5, 0.03, 0.86, 0, 0, Lighting.EVEN, 0.4, true, 3));
        m.put("TOO_DARK", form("form-dark", width, height, -10, 0.05, 0.86, 0, 0, Lighting.DARK, 0.4, false, 4));
        m.put("TOO_BRIGHT", form("form-overexposed", width, height, 4, 0.0, 0.86, 0, 0, Lighting.OVEREXPOSED, 0.4, false, 5));
        m.put("PAGE_CUT_OFF", form("form-cut-off", width, height, 7, 0.04, 0.86, 0.22, 0.18, Lighting.EVEN, 0.4, false, 6));
        return m;
    }

    public static Map<String, SceneSpec> qualityCases() {
        return qualityCases(WIDTH, HEIGHT);
    }

    /** A QR slip carrying {@code text}, slightly turned, for camera QR reading. */
    public static SceneSpec qrSlip(String text, int width, int height) {
        return new SceneSpec("qr", DocumentKind.QR_SLIP, width, height, 9, 0.04, 0.8, 0, 0, Lighting.GRADIENT, 0.6,
                false, text, 77);
    }

    /** Every named scene (geometry and quality cases, the QR slip) at the default size. */
    public static Map<String, SceneSpec> all() {
        Map<String, SceneSpec> m = new LinkedHashMap<>();
        for (SceneSpec s : geometryCases()) {
            m.put(s.name(), s);
        }
        for (SceneSpec s : qualityCases().values()) {
            m.put(s.name(), s);
        }
        m.put("qr", qrSlip(QR_TEXT, WIDTH, HEIGHT));
        return m;
    }

    public static Optional<SceneSpec> byName(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private static SceneSpec form(String name, int w, int h, double angle, double keystone, double fill, double sx,
                                  double sy, Lighting light, double blur, boolean glare, long seed) {
        return new SceneSpec(name, DocumentKind.FORM, w, h, angle, keystone, fill, sx, sy, light, blur, glare, QR_TEXT, seed);
    }
}

package io.dianxiaoer.device.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Four corners of a page in picture coordinates (x right, y down), in the order top-left,
 * top-right, bottom-right, bottom-left. Corners may lie outside the picture when the page is cut
 * off. Immutable.
 */
public record Quad(double[] xy) {

    public Quad {
        if (xy == null || xy.length != 8) {
            throw new IllegalArgumentException("a quad has four corners (8 numbers)");
        }
        for (double v : xy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("corner coordinates must be finite");
            }
        }
        xy = xy.clone();
    }

    public static Quad of(double tlx, double tly, double trx, double try_, double brx, double bry, double blx, double bly) {
        return new Quad(new double[] {tlx, tly, trx, try_, brx, bry, blx, bly});
    }

    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** Corner {@code i} (0 TL, 1 TR, 2 BR, 3 BL): x. */
    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** Length of the side from corner {@code i} to corner {@code i+1}. */
    public double side(int i) {
        int j = (i + 1) % 4;
        return Math.hypot(x(j) - x(i), y(j) - y(i));
    }

    /** The longest side: "the page size" that corner tolerances are measured against. */
    public double longestSide() {
        return Math.max(Math.max(side(0), side(1)), Math.max(side(2), side(3)));
    }

    /** Area (shoelace), positive for the TL → TR → BR → BL order in picture coordinates. */
    public double area() {
        return polygonArea(xy);
    }

    /** The largest distance between a corner here and the same corner of {@code other}. */
    public double maxCornerDistance(Quad other) {
        double d = 0;
        for (int i = 0; i < 4; i++) {
            d = Math.max(d, Math.hypot(x(i) - other.x(i), y(i) - other.y(i)));
        }
        return d;
    }

    public Quad scaled(double factor) {
        double[] s = new double[8];
        for (int i = 0; i < 8; i++) {
            s[i] = xy[i] * factor;
        }
        return new Quad(s);
    }

    /** The angle of the top side against the horizontal, in degrees (positive: clockwise on screen). */
    public double topAngleDegrees() {
        return Math.toDegrees(Math.atan2(y(1) - y(0), x(1) - x(0)));
    }

    /** The share of this quad's area that lies inside a {@code width × height} picture (0..1). */
    public double fractionInside(int width, int height) {
        double total = Math.abs(area());
        if (total <= 0) {
            return 0;
        }
        List<double[]> poly = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            poly.add(new double[] {x(i), y(i)});
        }
        poly = clip(poly, 0, 0, true);        // x >= 0
        poly = clip(poly, 0, width, false);   // x <= width
        poly = clip(poly, 1, 0, true);        // y >= 0
        poly = clip(poly, 1, height, false);  // y <= height
        double[] flat = new double[poly.size() * 2];
        for (int i = 0; i < poly.size(); i++) {
            flat[2 * i] = poly.get(i)[0];
            flat[2 * i + 1] = poly.get(i)[1];
        }
        return Math.min(1.0, Math.abs(polygonArea(flat)) / total);
    }

    /** Sutherland–Hodgman against one axis-aligned half-plane. */
    private static List<double[]> clip(List<double[]> in, int axis, double bound, boolean keepAbove) {
        List<double[]> out = new ArrayList<>();
        int n = in.size();
        for (int i = 0; i < n; i++) {
            double[] a = in.get(i);
            double[] b = in.get((i + 1) % n);
            boolean ina = keepAbove ? a[axis] >= bound : a[axis] <= bound;
            boolean inb = keepAbove ? b[axis] >= bound : b[axis] <= bound;
            if (ina) {
                out.add(a);
            }
            if (ina != inb) {
                double t = (bound - a[axis]) / (b[axis] - a[axis]);
                out.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
            }
        }
        return out;
    }

    static double polygonArea(double[] flat) {
        int n = flat.length / 2;
        double s = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += flat[2 * i] * flat[2 * j + 1] - flat[2 * j] * flat[2 * i + 1];
        }
        return s / 2;
    }

    /**
     * Puts four corners given in either winding into TL, TR, BR, BL order: clockwise on screen,
     * starting at the top side (the side whose middle is highest). Right for pages turned by less
     * than 45°; a page placed upside down stays upside down.
     */
    public static Quad ordered(double[] pts) {
        if (pts.length != 8) {
            throw new IllegalArgumentException("four corners needed");
        }
        double[] p = pts.clone();
        if (polygonArea(p) < 0) { // reverse the winding
            double[] r = new double[8];
            for (int i = 0; i < 4; i++) {
                r[2 * i] = p[2 * (3 - i)];
                r[2 * i + 1] = p[2 * (3 - i) + 1];
            }
            p = r;
        }
        int top = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            double midY = (p[2 * i + 1] + p[2 * j + 1]) / 2;
            if (midY < best) {
                best = midY;
                top = i;
            }
        }
        double[] o = new double[8];
        for (int k = 0; k < 4; k++) {
            int src = (top + k) % 4;
            o[2 * k] = p[2 * src];
            o[2 * k + 1] = p[2 * src + 1];
        }
        return new Quad(o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quad q && java.util.Arrays.equals(xy, q.xy);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Quad[");
        for (int i = 0; i < 4; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "(%.1f, %.1f)", x(i), y(i)));
        }
        return b.append(']').toString();
    }
}

package io.dianxiaoer.device.document;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_NONE;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;

import io.dianxiaoer.device.vision.NativeVision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds the page in a picture of the document camera: a light sheet or card on the camera's darker
 * base. Works on a copy scaled to {@value #WORK_LONG_SIDE} px:
 *
 * <ol>
 *   <li>grey, blur, Otsu threshold: the page is the bright region (a smooth light gradient does
 *       not matter as long as the page stays brighter than the base everywhere);</li>
 *   <li>close the text holes, keep the largest region, take its convex hull, simplify it to a
 *       polygon and sort its edges into page sides and picture-border edges (where the page is cut
 *       off);</li>
 *   <li>refit each page side to the region's boundary points (total least squares, ends left out
 *       so rounded corners do not pull) and intersect neighbouring sides: the corners, also those
 *       outside the picture. With three sides seen the fourth is placed by the nearest usual
 *       aspect ratio (A4 √2, ID-1 card 1.586), so the in-frame share is an estimate then.</li>
 * </ol>
 *
 * Rejects regions that are too small, not quadrilateral (solidity) or without contrast to the
 * base. Stateless and thread-safe; about 5–15 ms per picture.
 */
@SuppressWarnings("try") // a PointerScope frees the native pictures its block allocates; it is never named
public final class PageDetector {

    public static final int WORK_LONG_SIDE = 1000;
    /** A page covers at least this share of the picture. */
    private static final double MIN_AREA_FRACTION = 0.02;
    /** The region fills at least this share of its quad (the rest: rounded corners, noise). */
    private static final double MIN_SOLIDITY = 0.85;
    /** Grey levels between the page and the base, at least. */
    private static final double MIN_CONTRAST = 20;
    private static final double BORDER_TOLERANCE = 4.5;
    private static final double[] USUAL_ASPECTS = {Math.sqrt(2), 1.586};

    public PageDetector() {
        NativeVision.ensureLoaded();
    }

    /** The page in an 8-bit BGR picture. */
    public PageOutline detect(Mat bgr) {
        int fw = bgr.cols();
        int fh = bgr.rows();
        if (fw < 16 || fh < 16) {
            return PageOutline.notFound(fw, fh);
        }
        try (PointerScope scope = new PointerScope()) {
            double s = Math.min(1.0, (double) WORK_LONG_SIDE / Math.max(fw, fh));
            int w = Math.max(16, (int) Math.round(fw * s));
            int h = Math.max(16, (int) Math.round(fh * s));
            Mat small = new Mat();
            opencv_imgproc.resize(bgr, small, new Size(w, h), 0, 0, INTER_AREA);
            Mat grey = new Mat();
            opencv_imgproc.cvtColor(small, grey, COLOR_BGR2GRAY);
            opencv_imgproc.GaussianBlur(grey, grey, new Size(5, 5), 0);
            Mat mask = new Mat();
            opencv_imgproc.threshold(grey, mask, 0, 255, THRESH_BINARY | THRESH_OTSU);

            int k = Math.max(9, (Math.max(w, h) / 60) | 1);
            opencv_imgproc.morphologyEx(mask, mask, MORPH_CLOSE,
                    opencv_imgproc.getStructuringElement(MORPH_ELLIPSE, new Size(k, k)));
            opencv_imgproc.morphologyEx(mask, mask, MORPH_OPEN,
                    opencv_imgproc.getStructuringElement(MORPH_ELLIPSE, new Size(5, 5)));

            MatVector contours = new MatVector();
            opencv_imgproc.findContours(mask.clone(), contours, RETR_EXTERNAL, CHAIN_APPROX_NONE);
            int best = -1;
            double bestArea = 0;
            for (int i = 0; i < contours.size(); i++) {
                double a = opencv_imgproc.contourArea(contours.get(i));
                if (a > bestArea) {
                    bestArea = a;
                    best = i;
                }
            }
            if (best < 0 || bestArea < MIN_AREA_FRACTION * w * h) {
                return PageOutline.notFound(fw, fh);
            }
            Mat contour = contours.get(best);
            Mat inside = Mat.zeros(h, w, opencv_core.CV_8UC1).asMat();
            opencv_imgproc.drawContours(inside, new MatVector(contour), -1,
                    new org.bytedeco.opencv.opencv_core.Scalar(255, 255, 255, 0), -1, opencv_imgproc.LINE_8, null, 0, null);
            Mat outside = new Mat();
            opencv_core.bitwise_not(inside, outside);
            if (opencv_core.countNonZero(outside) > 0.01 * w * h) {
                double in = opencv_core.mean(grey, inside).get(0);
                double out = opencv_core.mean(grey, outside).get(0);
                if (in - out < MIN_CONTRAST) {
                    return PageOutline.notFound(fw, fh);
                }
            }

            Mat hull = new Mat();
            opencv_imgproc.convexHull(contour, hull);
            double perimeter = opencv_imgproc.arcLength(hull, true);
            int[] boundary = ints(contour);
            List<double[]> segments = pageSegments(ints(hull), perimeter, w, h);
            Optional<Fit> fit = fitSides(segments, boundary, w, h);
            if (fit.isEmpty()) {
                return PageOutline.notFound(fw, fh);
            }
            double[] c = fit.get().corners;
            // Back to full-resolution pixel coordinates (pixel centres: INTER_AREA's mapping).
            double sx = (double) w / fw;
            double sy = (double) h / fh;
            double[] full = new double[8];
            for (int i = 0; i < 4; i++) {
                full[2 * i] = (c[2 * i] + 0.5) / sx - 0.5;
                full[2 * i + 1] = (c[2 * i + 1] + 0.5) / sy - 0.5;
            }
            Quad q = Quad.ordered(full);
            Quad qSmall = Quad.ordered(c);
            double visible = qSmall.fractionInside(w, h) * Math.abs(qSmall.area());
            if (Math.abs(qSmall.area()) < MIN_AREA_FRACTION * w * h || bestArea / Math.max(1, visible) < MIN_SOLIDITY
                    || !reasonableAngles(q)) {
                return PageOutline.notFound(fw, fh);
            }
            double inFrame = q.fractionInside(fw, fh);
            return new PageOutline(Optional.of(q), inFrame, fit.get().sidesSeen, fw, fh);
        }
    }

    private record Fit(double[] corners, int sidesSeen) {
    }

    /** A fitted line: a point on it and a unit direction. */
    private record Line(double px, double py, double dx, double dy) {
        double[] intersect(Line o) {
            double den = dx * o.dy - dy * o.dx;
            if (Math.abs(den) < 1e-6) {
                return null;
            }
            double t = ((o.px - px) * o.dy - (o.py - py) * o.dx) / den;
            return new double[] {px + t * dx, py + t * dy};
        }

        double distance(double x, double y) {
            return Math.abs((x - px) * dy - (y - py) * dx);
        }

        double cosAngle(Line o) {
            return Math.abs(dx * o.dx + dy * o.dy);
        }
    }

    /**
     * The page's straight sides along the hull, in order. Hull edges that run along one picture
     * border are where the page is cut off; the hull is split there, and each remaining chain is
     * simplified on its own — so a short stretch of page side next to the border is not merged into
     * the border. Pieces shorter than 3 % of the perimeter (bevels of rounded corners) are dropped,
     * except at the ends of a chain.
     */
    static List<double[]> pageSegments(int[] hull, double perimeter, int w, int h) {
        int n = hull.length / 2;
        List<double[]> out = new ArrayList<>();
        if (n < 3) {
            return out;
        }
        boolean[] frameEdge = new boolean[n];
        int firstFrame = -1;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            frameEdge[i] = onSameBorder(hull[2 * i], hull[2 * i + 1], hull[2 * j], hull[2 * j + 1], w, h);
            if (frameEdge[i] && firstFrame < 0) {
                firstFrame = i;
            }
        }
        List<List<int[]>> chains = new ArrayList<>();
        boolean closed = firstFrame < 0;
        int start = closed ? 0 : (firstFrame + 1) % n;
        List<int[]> chain = new ArrayList<>();
        for (int step = 0; step < n; step++) {
            int i = (start + step) % n;
            if (frameEdge[i]) {
                if (chain.size() >= 1) {
                    chain.add(new int[] {hull[2 * i], hull[2 * i + 1]});
                    chains.add(chain);
                }
                chain = new ArrayList<>();
                continue;
            }
            if (chain.isEmpty()) {
                chain.add(new int[] {hull[2 * i], hull[2 * i + 1]});
            }
            int j = (i + 1) % n;
            chain.add(new int[] {hull[2 * j], hull[2 * j + 1]});
        }
        if (chain.size() >= 2) {
            chains.add(chain);
        }
        double eps = 0.012 * perimeter;
        for (List<int[]> c : chains) {
            int[] pts = new int[c.size() * 2];
            for (int k = 0; k < c.size(); k++) {
                pts[2 * k] = c.get(k)[0];
                pts[2 * k + 1] = c.get(k)[1];
            }
            int[] simple;
            try (Mat curve = new Mat(c.size(), 1, opencv_core.CV_32SC2); Mat approx = new Mat()) {
                new IntPointer(curve.data()).put(pts);
                opencv_imgproc.approxPolyDP(curve, approx, eps, closed);
                simple = ints(approx);
            }
            int m = simple.length / 2;
            int edges = closed ? m : m - 1;
            for (int k = 0; k < edges; k++) {
                int l = (k + 1) % m;
                double len = Math.hypot(simple[2 * l] - simple[2 * k], simple[2 * l + 1] - simple[2 * k + 1]);
                // A short piece at the end of an open chain is the last bit of a side that runs out of
                // the picture: keep it (it fixes that side's direction); inside a chain it is a bevel.
                boolean chainEnd = !closed && (k == 0 || k == edges - 1);
                if (len >= 0.03 * perimeter || (chainEnd && len >= Math.max(12, 0.008 * perimeter))) {
                    out.add(new double[] {simple[2 * k], simple[2 * k + 1], simple[2 * l], simple[2 * l + 1], len});
                }
            }
        }
        return out;
    }

    private static Optional<Fit> fitSides(List<double[]> segments, int[] boundary, int w, int h) {
        List<double[]> sides = new ArrayList<>(segments);
        while (sides.size() > 4) { // keep the four longest, in order
            int shortest = 0;
            for (int i = 1; i < sides.size(); i++) {
                if (sides.get(i)[4] < sides.get(shortest)[4]) {
                    shortest = i;
                }
            }
            sides.remove(shortest);
        }
        if (sides.size() < 3) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>();
        for (double[] sd : sides) {
            lines.add(refine(sd, boundary, w, h));
        }
        if (lines.size() == 4) {
            double[] c = new double[8];
            for (int i = 0; i < 4; i++) {
                Line a = lines.get((i + 3) % 4);
                Line b = lines.get(i);
                if (a.cosAngle(b) > 0.7) { // neighbours must meet at a corner, not run side by side
                    return Optional.empty();
                }
                double[] p = a.intersect(b);
                if (p == null) {
                    return Optional.empty();
                }
                c[2 * i] = p[0];
                c[2 * i + 1] = p[1];
            }
            return Optional.of(new Fit(c, 4));
        }
        return fourthSide(lines, boundary).map(c -> new Fit(c, 3));
    }

    /**
     * Three sides seen: the missing one lies between the two that run side by side, parallel to
     * the one between them, at the distance the nearest usual aspect ratio gives.
     */
    private static Optional<double[]> fourthSide(List<Line> three, int[] boundary) {
        int gap = -1; // the missing side goes after three[gap]
        double mostParallel = 0;
        for (int i = 0; i < 3; i++) {
            double c = three.get(i).cosAngle(three.get((i + 1) % 3));
            if (c > mostParallel) {
                mostParallel = c;
                gap = i;
            }
        }
        if (mostParallel < 0.8) {
            return Optional.empty();
        }
        Line last = three.get(gap);          // one of the two parallel sides
        Line middle = three.get((gap + 2) % 3);
        Line first = three.get((gap + 1) % 3); // the other parallel side
        double[] m1 = middle.intersect(last);
        double[] m2 = middle.intersect(first);
        if (m1 == null || m2 == null) {
            return Optional.empty();
        }
        double middleLength = Math.hypot(m2[0] - m1[0], m2[1] - m1[1]);
        // The page's normal away from the middle side, and how far the visible part reaches.
        double nx = -middle.dy;
        double ny = middle.dx;
        double reach = 0;
        double sign = 0;
        for (int i = 0; i < boundary.length / 2; i++) {
            double d = (boundary[2 * i] - middle.px) * nx + (boundary[2 * i + 1] - middle.py) * ny;
            if (Math.abs(d) > reach) {
                reach = Math.abs(d);
                sign = Math.signum(d);
            }
        }
        double length = reach * 1.25;
        double bestLength = Double.MAX_VALUE;
        for (double a : USUAL_ASPECTS) {
            for (double candidate : new double[] {middleLength * a, middleLength / a}) {
                if (candidate >= reach * 1.01 && candidate < bestLength) {
                    bestLength = candidate;
                }
            }
        }
        if (bestLength < Double.MAX_VALUE) {
            length = bestLength;
        }
        Line missing = new Line(middle.px + sign * nx * length, middle.py + sign * ny * length, middle.dx, middle.dy);
        double[] c3 = last.intersect(missing);
        double[] c4 = missing.intersect(first);
        if (c3 == null || c4 == null) {
            return Optional.empty();
        }
        // In polygon order: last → missing → first → middle.
        return Optional.of(new double[] {c3[0], c3[1], c4[0], c4[1], m2[0], m2[1], m1[0], m1[1]});
    }

    /** Refits one side to the region boundary points near it, ends excluded. */
    private static Line refine(double[] side, int[] boundary, int w, int h) {
        double ax = side[0];
        double ay = side[1];
        double len = side[4];
        double dx = (side[2] - ax) / len;
        double dy = (side[3] - ay) / len;
        Line rough = new Line(ax, ay, dx, dy);
        double sx = 0;
        double sy = 0;
        int count = 0;
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < boundary.length / 2; i++) {
            double x = boundary[2 * i];
            double y = boundary[2 * i + 1];
            if (x <= 1 || y <= 1 || x >= w - 2 || y >= h - 2) {
                continue;
            }
            double t = ((x - ax) * dx + (y - ay) * dy) / len;
            if (t < 0.08 || t > 0.92 || rough.distance(x, y) > 4) {
                continue;
            }
            pts.add(new double[] {x, y});
            sx += x;
            sy += y;
            count++;
        }
        if (count < 10) {
            return rough;
        }
        double mx = sx / count;
        double my = sy / count;
        double cxx = 0;
        double cxy = 0;
        double cyy = 0;
        for (double[] p : pts) {
            double ux = p[0] - mx;
            double uy = p[1] - my;
            cxx += ux * ux;
            cxy += ux * uy;
            cyy += uy * uy;
        }
        double theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy); // principal direction
        double ex = Math.cos(theta);
        double ey = Math.sin(theta);
        if (ex * dx + ey * dy < 0) {
            ex = -ex;
            ey = -ey;
        }
        return new Line(mx, my, ex, ey);
    }

    private static boolean onSameBorder(double ax, double ay, double bx, double by, int w, int h) {
        double t = BORDER_TOLERANCE;
        return (ax <= t && bx <= t) || (ay <= t && by <= t)
                || (ax >= w - 1 - t && bx >= w - 1 - t) || (ay >= h - 1 - t && by >= h - 1 - t);
    }

    /** Each corner between 45° and 135°: a page seen at a slant, not a sliver. */
    private static boolean reasonableAngles(Quad q) {
        for (int i = 0; i < 4; i++) {
            int p = (i + 3) % 4;
            int n = (i + 1) % 4;
            double ax = q.x(p) - q.x(i);
            double ay = q.y(p) - q.y(i);
            double bx = q.x(n) - q.x(i);
            double by = q.y(n) - q.y(i);
            double cos = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
            if (Math.abs(cos) > Math.cos(Math.toRadians(45))) {
                return false;
            }
        }
        return true;
    }

    private static int[] ints(Mat points) {
        int n = (int) points.total() * points.channels();
        int[] out = new int[n];
        new IntPointer(points.data()).get(out, 0, n);
        return out;
    }
}

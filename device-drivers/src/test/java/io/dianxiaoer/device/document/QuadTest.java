package io.dianxiaoer.device.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuadTest {

    @Test
    void cornersAreOrderedFromTheTopLeftClockwiseWhateverTheWinding() {
        // a page turned 20° clockwise, corners given counter-clockwise from the bottom
        double a = Math.toRadians(20);
        double[][] c = {{-100, -140}, {100, -140}, {100, 140}, {-100, 140}};
        double[] pts = new double[8];
        int[] order = {2, 1, 0, 3}; // BR, TR, TL, BL: counter-clockwise on screen
        for (int i = 0; i < 4; i++) {
            double[] p = c[order[i]];
            pts[2 * i] = 500 + p[0] * Math.cos(a) - p[1] * Math.sin(a);
            pts[2 * i + 1] = 400 + p[0] * Math.sin(a) + p[1] * Math.cos(a);
        }
        Quad q = Quad.ordered(pts);
        assertThat(q.topAngleDegrees()).isCloseTo(20, within(1e-9));
        assertThat(q.x(0)).isCloseTo(500 - 100 * Math.cos(a) + 140 * Math.sin(a), within(1e-9));
        assertThat(q.area()).isPositive().isCloseTo(200 * 280, within(1e-6));
        assertThat(q.longestSide()).isCloseTo(280, within(1e-9));
    }

    @Test
    void theShareInsideThePictureIsClipped() {
        Quad inside = Quad.of(10, 10, 110, 10, 110, 60, 10, 60);
        assertThat(inside.fractionInside(200, 100)).isEqualTo(1.0);
        Quad half = Quad.of(150, 10, 250, 10, 250, 60, 150, 60);
        assertThat(half.fractionInside(200, 100)).isCloseTo(0.5, within(1e-9));
        Quad out = Quad.of(300, 10, 400, 10, 400, 60, 300, 60);
        assertThat(out.fractionInside(200, 100)).isZero();
    }

    @Test
    void badCornersAreRefused() {
        assertThatThrownBy(() -> new Quad(new double[6])).hasMessageContaining("four corners");
        assertThatThrownBy(() -> Quad.of(0, 0, Double.NaN, 0, 1, 1, 0, 1)).hasMessageContaining("finite");
    }
}

package io.dianxiaoer.sim.camera;

/**
 * How the simulated lamp lights the scene: a multiplier field over the picture.
 * {@code low..high} is the range of the multiplier (1 = the lamp as it should be).
 */
public enum Lighting {
    /** Even light. */
    EVEN(1.0, 1.0),
    /** A lamp off to one side: falls from full to half across the picture. */
    GRADIENT(0.5, 1.0),
    /** Bright in the middle, dim corners (a small lamp straight above). */
    VIGNETTE(0.55, 1.0),
    /** A lamp at one corner. */
    CORNER_LAMP(0.5, 1.05),
    /** The room light only: a quarter of the lamp. */
    DARK(0.22, 0.3),
    /** Far too much light: everything light burns out. */
    OVEREXPOSED(1.6, 1.7);

    private final double low;
    private final double high;

    Lighting(double low, double high) {
        this.low = low;
        this.high = high;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }
}

package io.dianxiaoer.device.face;

/** An axis-aligned box in the frame's pixel coordinates. */
public record FaceBox(int x, int y, int width, int height) {

    public FaceBox {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("box size must not be negative");
        }
    }

    public double centreX() {
        return x + width / 2.0;
    }

    public double centreY() {
        return y + height / 2.0;
    }

    public long area() {
        return (long) width * height;
    }
}

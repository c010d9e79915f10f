package io.dianxiaoer.sim.camera;

import java.util.Objects;

/** One picture the simulated camera streams: already JPEG-encoded, so each frame costs no encoding. */
public record CameraPicture(String name, byte[] jpeg, int width, int height) {

    public CameraPicture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jpeg, "jpeg");
    }

    @Override
    public String toString() {
        return "CameraPicture[" + name + " " + width + "×" + height + ", " + jpeg.length + " bytes]";
    }
}

package io.dianxiaoer.device.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CameraFrameTest {

    private static CameraFrame frame() {
        // 2×1: a pure blue and a pure red pixel (BGR order)
        return new CameraFrame(2, 1, new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255}, 7, Instant.EPOCH, 4, 2);
    }

    @Test
    void greyUsesBt601Weights() {
        byte[] g = frame().grey();
        assertThat(g[0] & 0xFF).isEqualTo(29);  // 0.114 × 255
        assertThat(g[1] & 0xFF).isEqualTo(76);  // 0.299 × 255
        assertThat(frame().grey()).isEqualTo(g);
    }

    @Test
    void bgraForScreens() {
        byte[] out = new byte[8];
        frame().writeBgra(out);
        assertThat(out).containsExactly((byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, (byte) 255);
        assertThatThrownBy(() -> frame().writeBgra(new byte[6])).hasMessageContaining("needs 8 bytes");
    }

    @Test
    void sizesMustMatchAndTextHoldsNoPixels() {
        assertThatThrownBy(() -> new CameraFrame(2, 2, new byte[5], 0, Instant.EPOCH, 2, 2))
                .hasMessageContaining("needs 12 bytes");
        assertThatThrownBy(() -> new CameraFrame(0, 2, new byte[0], 0, Instant.EPOCH, 2, 2))
                .hasMessageContaining("positive");
        assertThat(frame().toString()).isEqualTo("CameraFrame[#7 2×1 of 4×2]");
        StillImage s = new StillImage(1, 1, new byte[] {1, 2, 3}, Instant.EPOCH);
        assertThat(s.toString()).isEqualTo("StillImage[1×1]");
        s.wipe();
        assertThat(s.toString()).isEqualTo("StillImage[1×1, wiped]");
    }
}

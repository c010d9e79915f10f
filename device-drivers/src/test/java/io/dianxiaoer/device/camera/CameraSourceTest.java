package io.dianxiaoer.device.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraSourceTest {

    @Test
    void theThreeKindsAreRecognised() {
        CameraSource v = CameraSource.parse("v4l2:/dev/video2?width=2592&height=1944&fps=15&input_format=mjpeg");
        assertThat(v.kind()).isEqualTo(CameraSource.Kind.V4L2);
        assertThat(v.describe()).isEqualTo("v4l2:/dev/video2");
        assertThat(v.fps()).isEqualTo(15);
        assertThat(CameraSource.parse("/dev/video0").kind()).isEqualTo(CameraSource.Kind.V4L2);

        CameraSource h = CameraSource.parse("http://127.0.0.1:7091/stream.mjpg?x=1");
        assertThat(h.kind()).isEqualTo(CameraSource.Kind.HTTP);
        assertThat(h.describe()).isEqualTo("http://127.0.0.1:7091/stream.mjpg?x=1");

        CameraSource f = CameraSource.parse("file:/var/lib/dxe/session.mp4?loop=false&fps=10");
        assertThat(f.kind()).isEqualTo(CameraSource.Kind.FILE);
        assertThat(f.describe()).isEqualTo("file:/var/lib/dxe/session.mp4");
        assertThat(f.loop()).isFalse();
        assertThat(CameraSource.parse("recordings/a.png").loop()).isTrue();
        assertThat(CameraSource.parse("file:///tmp/a.png").describe()).isEqualTo("file:/tmp/a.png");
    }

    @Test
    void badSourcesAreRefusedInPlainWords() {
        assertThatThrownBy(() -> CameraSource.parse("  ")).hasMessageContaining("no camera source");
        assertThatThrownBy(() -> CameraSource.parse("rtsp://10.0.0.1/cam")).hasMessageContaining("unknown camera source scheme");
        assertThatThrownBy(() -> CameraSource.parse("http:///nohost")).hasMessageContaining("no host");
        assertThatThrownBy(() -> CameraSource.parse("v4l2:/dev/video0?width=abc")).hasMessageContaining("width must be");
        assertThatThrownBy(() -> CameraSource.parse("v4l2:/dev/video0?height=0")).hasMessageContaining("height must be");
        assertThatThrownBy(() -> CameraSource.parse("v4l2:/dev/video0?fps=-3")).hasMessageContaining("fps must be");
        assertThatThrownBy(() -> CameraSource.parse("file:/a.mp4?loop=maybe")).hasMessageContaining("loop must be");
        assertThatThrownBy(() -> CameraSource.parse("v4l2:?width=10")).hasMessageContaining("no device or file");
        assertThatThrownBy(() -> CameraSource.parse("v4l2:/dev/video0?novalue")).hasMessageContaining("key=value");
    }

    @Test
    void ffmpegErrorsAreNamedForTechnicians() {
        String m = Camera.plain(new org.bytedeco.javacv.FFmpegFrameGrabber.Exception(
                "avformat_open_input() error -111: Could not open input \"http://x\". (Has setFormat() been called?)"
                        + " (For more details, make sure FFmpegLogCallback.set() has been called.)"));
        assertThat(m).startsWith("connection refused (").doesNotContain("setFormat").doesNotContain("FFmpegLogCallback");
        assertThat(Camera.plain(new RuntimeException("error -19: x"))).startsWith("no such device");
        assertThat(Camera.plain(new RuntimeException())).isEqualTo("RuntimeException");
    }
}

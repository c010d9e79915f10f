package io.dianxiaoer.device.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Pictures that arrive as bytes (a file, an upload) are checked before anything is decoded:
 * damaged, cut-short, oversized and "decompression bomb" inputs get a clear {@link DocumentException}.
 */
class DocumentInputTest {

    private static final DocumentPipeline PIPELINE = new DocumentPipeline();

    /** A white page turned a little on a dark base, 1280×720. */
    static Mat page() {
        NativeVision.ensureLoaded();
        Mat m = new Mat(720, 1280, opencv_core.CV_8UC3, new Scalar(50, 55, 60, 0));
        try (Mat poly = new Mat(4, 1, opencv_core.CV_32SC2)) {
            new IntPointer(poly.data()).put(420, 90, 860, 140, 810, 650, 370, 600);
            opencv_imgproc.fillPoly(m, new MatVector(poly), new Scalar(235, 235, 235, 0));
            for (int y = 200; y < 560; y += 30) {
                opencv_imgproc.line(m, new org.bytedeco.opencv.opencv_core.Point(440, y),
                        new org.bytedeco.opencv.opencv_core.Point(780, y + 38), new Scalar(30, 30, 30, 0));
            }
        }
        return m;
    }

    static byte[] jpeg() {
        try (Mat m = page()) {
            return Mats.encodeJpeg(m, 90);
        }
    }

    @Test
    void aGoodJpegIsProcessed() throws DocumentException {
        ProcessedPage p = PIPELINE.processEncoded(jpeg());
        assertThat(p.outline().found()).isTrue();
        assertThat(p.outline().corners().get().maxCornerDistance(Quad.of(420, 90, 860, 140, 810, 650, 370, 600)))
                .isLessThan(10);
        assertThat(p.toString()).contains("bytes").doesNotContain("jpeg=");
    }

    @Test
    void aPngIsProcessedToo() throws DocumentException {
        try (Mat m = page(); org.bytedeco.javacpp.BytePointer buf = new org.bytedeco.javacpp.BytePointer()) {
            assertThat(opencv_imgcodecs.imencode(".png", m, buf)).isTrue();
            byte[] png = new byte[(int) buf.limit()];
            buf.get(png);
            assertThat(ImageProbe.probe(png)).isEqualTo(new ImageProbe.Header("PNG", 1280, 720));
            assertThat(PIPELINE.processEncoded(png).outline().found()).isTrue();
        }
    }

    @Test
    void garbageIsNotAPicture() {
        byte[] noise = new byte[50_000];
        new Random(7).nextBytes(noise);
        noise[0] = 0x12;
        assertUnreadable(noise, "not a JPEG or PNG");
        assertUnreadable(new byte[3], "too short");
        assertUnreadable(null, "no picture given");
        assertUnreadable("hello, this is not a picture at all".getBytes(), "not a JPEG or PNG");
    }

    @Test
    void aJpegCutShortIsRefused() {
        byte[] j = jpeg();
        assertUnreadable(Arrays.copyOf(j, j.length / 2), "cut short");
        assertUnreadable(Arrays.copyOf(j, 40), "cut short");
    }

    @Test
    void aJpegWithDamagedDataIsRefusedOrProcessedButNeverCrashes() {
        byte[] j = jpeg();
        Random rnd = new Random(3);
        for (int round = 0; round < 20; round++) {
            byte[] d = j.clone();
            for (int k = 0; k < 40; k++) { // scribble over the entropy-coded data, keep headers and EOI
                d[600 + rnd.nextInt(d.length - 700)] = (byte) rnd.nextInt(256);
            }
            Throwable t = catchThrowable(() -> PIPELINE.processEncoded(d));
            assertThat(t).as("round %d", round).satisfiesAnyOf(
                    x -> assertThat(x).isNull(),
                    x -> assertThat(x).isInstanceOf(DocumentException.class));
        }
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeDecoding() {
        byte[] j = jpeg();
        int sof = sofOffset(j);
        j[sof + 5] = (byte) 0xEA; // height 60000
        j[sof + 6] = (byte) 0x60;
        j[sof + 7] = (byte) 0xEA; // width 60000
        j[sof + 8] = (byte) 0x60;
        Throwable t = catchThrowable(() -> PIPELINE.processEncoded(j));
        assertThat(t).isInstanceOf(DocumentException.class).hasMessageContaining("60000×60000")
                .hasMessageContaining("megapixel limit");
        assertThat(((DocumentException) t).kind()).isEqualTo(DocumentException.Kind.TOO_LARGE);

        byte[] bomb = pngHeader(100_000, 100_000);
        Throwable p = catchThrowable(() -> PIPELINE.processEncoded(bomb));
        assertThat(p).isInstanceOf(DocumentException.class).hasMessageContaining("100000×100000");
        assertThat(((DocumentException) p).kind()).isEqualTo(DocumentException.Kind.TOO_LARGE);
    }

    @Test
    void byteAndPixelLimitsAreSettings() {
        DocumentPipeline small = new DocumentPipeline(new DocumentPipeline.Settings(500_000, 2400, 640, 500_000L, 20_000,
                242, QualityThresholds.DEFAULT));
        Throwable bytes = catchThrowable(() -> small.processEncoded(new byte[30_000]));
        assertThat(bytes).isInstanceOf(DocumentException.class).hasMessageContaining("limit");
        assertThat(((DocumentException) bytes).kind()).isEqualTo(DocumentException.Kind.TOO_LARGE);
        StillImage big = new StillImage(1280, 720, new byte[1280 * 720 * 3], Instant.EPOCH);
        assertThatThrownBy(() -> small.process(big)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("1280×720 is larger than");
    }

    @Test
    void onlyEightBitColourMatsAreTaken() {
        try (Mat grey = new Mat(100, 100, opencv_core.CV_8UC1)) {
            assertThatThrownBy(() -> PIPELINE.process(grey)).isInstanceOf(DocumentException.class)
                    .hasMessageContaining("8-bit colour");
        }
    }

    @Test
    void theStillIsLeftToItsOwnerAndTheResultCanBeWiped() throws DocumentException {
        try (Mat m = page()) {
            StillImage still = new StillImage(1280, 720, Mats.toBytes(m), Instant.EPOCH);
            ProcessedPage p = PIPELINE.process(still);
            assertThat(still.isWiped()).isFalse();
            still.wipe();
            assertThatThrownBy(still::bgr).hasMessageContaining("wiped");
            p.wipe();
            assertThat(p.jpeg()).containsOnly((byte) 0);
        }
    }

    private static void assertUnreadable(byte[] b, String message) {
        Throwable t = catchThrowable(() -> PIPELINE.processEncoded(b));
        assertThat(t).isInstanceOf(DocumentException.class).hasMessageContaining(message);
        assertThat(((DocumentException) t).kind()).isEqualTo(DocumentException.Kind.UNREADABLE);
    }

    private static int sofOffset(byte[] j) {
        for (int i = 2; i < j.length - 1; i++) {
            if ((j[i] & 0xFF) == 0xFF && ((j[i + 1] & 0xFF) == 0xC0 || (j[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no SOF");
    }

    /** A PNG signature and IHDR chunk declaring a huge picture, then nothing. */
    private static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.writeBytes(new byte[64]);
        return out.toByteArray();
    }
}

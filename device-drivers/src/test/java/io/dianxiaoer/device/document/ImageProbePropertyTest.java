package io.dianxiaoer.device.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The header probe is the first thing an untrusted picture meets: random bytes, and real JPEG
 * and PNG headers with bytes flipped or cut off, must give a header or a {@link DocumentException}
 * — nothing else escapes, and a header it accepts is a sane size.
 */
class ImageProbePropertyTest {

    private static final byte[] JPEG;
    private static final byte[] PNG;

    static {
        NativeVision.ensureLoaded();
        try (Mat m = new Mat(300, 400, opencv_core.CV_8UC3, new Scalar(200, 100, 50, 0));
             org.bytedeco.javacpp.BytePointer buf = new org.bytedeco.javacpp.BytePointer()) {
            JPEG = Mats.encodeJpeg(m, 80);
            org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".png", m, buf);
            PNG = new byte[(int) buf.limit()];
            buf.get(PNG);
        }
    }

    @Property(tries = 3000, shrinking = ShrinkingMode.OFF)
    void randomBytesNeverEscape(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4096) int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        if (length > 1 && seed % 3 == 0) { // make half of them look like a JPEG at first glance
            b[0] = (byte) 0xFF;
            b[1] = (byte) 0xD8;
        }
        check(b);
    }

    @Property(tries = 3000, shrinking = ShrinkingMode.OFF)
    void damagedRealHeadersNeverEscape(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int flips,
                                       @ForAll boolean png) {
        Random rnd = new Random(seed);
        byte[] b = (png ? PNG : JPEG).clone();
        int span = Math.min(b.length, 700); // the headers live in the first few hundred bytes
        for (int i = 0; i < flips; i++) {
            b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
        }
        if (rnd.nextBoolean()) {
            b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length) + 1);
        }
        check(b);
    }

    private static void check(byte[] b) {
        try {
            ImageProbe.Header h = ImageProbe.probe(b);
            assertThat(h.width()).isPositive();
            assertThat(h.height()).isPositive();
            assertThat(h.format()).isIn("JPEG", "PNG");
        } catch (DocumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.kind()).isEqualTo(DocumentException.Kind.UNREADABLE);
        }
    }
}

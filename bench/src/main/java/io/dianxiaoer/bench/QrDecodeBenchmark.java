package io.dianxiaoer.bench;

import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.QrDecoder;
import io.dianxiaoer.sim.camera.SyntheticScenes;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_objdetect.QRCodeDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decoding the QR code in one 1920×1080 camera frame (BGR, as the camera delivers it), three ways.
 * Each path starts from the same BGR frame and includes its own conversion:
 *
 * <ul>
 *   <li>{@link #zxingFromGreyBytes}: OpenCV BGR→grey, then ZXing on the grey bytes
 *       ({@code PlanarYUVLuminanceSource}) — what {@code QrDecoder} does;</li>
 *   <li>{@link #zxingThroughBufferedImage}: the frame copied into a {@code BufferedImage}, then
 *       ZXing's {@code BufferedImageLuminanceSource} (the common tutorial path);</li>
 *   <li>{@link #openCvQrCodeDetector}: OpenCV's own {@code QRCodeDetector.detectAndDecode} on the BGR frame.</li>
 * </ul>
 *
 * Setup checks that each path really decodes the payload, so a fast failure cannot pass for speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QrDecodeBenchmark {

    private Mat bgr;
    private byte[] bgrBytes;
    private Mat grey;
    private QrDecoder decoder;
    private QRCodeDetector detector;

    @Setup(Level.Trial)
    public void setUp() {
        Loader.load(opencv_objdetect.class);
        bgr = Frames.qrFrame1080p();
        bgrBytes = Frames.bytes(bgr);
        grey = new Mat();
        decoder = new QrDecoder();
        detector = new QRCodeDetector();
        check("grey bytes", zxingFromGreyBytes());
        check("BufferedImage", zxingThroughBufferedImage());
        check("OpenCV QRCodeDetector", openCvQrCodeDetector());
    }

    private static void check(String path, Optional<String> got) {
        if (!got.equals(Optional.of(SyntheticScenes.QR_TEXT))) {
            throw new IllegalStateException(path + " did not decode the benchmark frame: " + got);
        }
    }

    @Benchmark
    public Optional<String> zxingFromGreyBytes() {
        opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
        return decoder.decodeGrey(Mats.toBytes(grey), grey.cols(), grey.rows());
    }

    @Benchmark
    public Optional<String> zxingThroughBufferedImage() {
        BufferedImage img = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgrBytes, 0, dst, 0, dst.length);
        return decoder.decode(new BufferedImageLuminanceSource(img));
    }

    @Benchmark
    public Optional<String> openCvQrCodeDetector() {
        try (Mat points = new Mat()) {
            String s = detector.detectAndDecode(bgr, points, null).getString();
            return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bgr.close();
        grey.close();
        detector.close();
    }
}

package io.dianxiaoer.bench;

import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.face.BlinkLiveness;
import io.dianxiaoer.device.face.FaceDetector;
import io.dianxiaoer.device.face.FaceQuality;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.sim.camera.CameraScenes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
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
 * The face pipeline's work per 640×480 frame, as {@code FaceCaptureSession} does it on each preview
 * frame: BGR → grey, face search (Haar), eyes in the face, sharpness and light gates, then the blink
 * rule. The frame is the simulator's {@code face-portrait} scene (one centred face, both eyes open);
 * the setup checks that it passes the gates with two eyes, so a fast miss cannot pass for speed.
 * Frames per second = 1000 / ms per operation (single thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FacePipelineBenchmark {

    private byte[] bgr;
    private FaceDetector detector;
    private BlinkLiveness liveness;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() {
        CameraScenes scenes = new CameraScenes(640, 480);
        try (Mat m = Mats.decode(scenes.picture("face-portrait").orElseThrow().jpeg())) {
            bgr = Mats.toBytes(m);
        }
        detector = new FaceDetector();
        liveness = new BlinkLiveness();
        FaceQuality q = detector.analyse(frame());
        if (!q.passed() || q.eyes().size() != 2) {
            throw new IllegalStateException("the 640×480 face frame does not pass the gates: " + q.guidance()
                    + ", eyes " + q.eyes().size());
        }
    }

    private CameraFrame frame() {
        return new CameraFrame(640, 480, bgr, ++seq, Instant.EPOCH, 640, 480);
    }

    @Benchmark
    public boolean facePipeline640x480() {
        CameraFrame f = frame(); // a new frame each time: its grey plane is computed anew
        FaceQuality q = detector.analyse(f);
        liveness.offer(q, f.grey(), f.width(), f.height());
        return q.passed();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
        liveness.wipe();
    }
}

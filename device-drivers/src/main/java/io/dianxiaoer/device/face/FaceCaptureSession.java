package io.dianxiaoer.device.face;

import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.device.vision.Mats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One face capture for 人证核验: watches the face camera's preview frames, judges each against the
 * quality gates ({@link FaceDetector}), tells the citizen what to do ({@link FaceGuidance}), runs
 * the blink challenge ({@link BlinkLiveness}) and keeps the sharpest frame that passed the gates.
 * Ends with a {@link FaceCaptureResult}: PASSED with the best frame as JPEG once a blink was seen,
 * TIMED_OUT (no frame kept) when none was seen within {@link Settings#timeout}, or ABORTED on
 * {@link #cancel()}.
 *
 * <p><b>Threads.</b> Frames are analysed on the camera subscription's own thread (a frame the
 * detector is too slow for is skipped, never queued); the timeout runs on a small timer thread.
 * Progress callbacks come from the subscription thread and must not block. One session = one
 * attempt: {@link #start()} once; the future completes exactly once. The camera must be open (its
 * lifecycle is the caller's).
 *
 * <p><b>Privacy.</b> Frames and the best frame are never logged; the kept frame is dropped on
 * failure and belongs to the caller on success ({@link FaceCaptureResult.BestFrame#wipe()}).
 */
public final class FaceCaptureSession {

    private static final Logger log = LoggerFactory.getLogger(FaceCaptureSession.class);

    /**
     * @param timeout      the citizen has this long to pass the gates and blink
     * @param jpegQuality  quality of the best frame's JPEG (1–100)
     */
    public record Settings(Duration timeout, int jpegQuality) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(20), 92);

        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            if (jpegQuality < 1 || jpegQuality > 100) {
                throw new IllegalArgumentException("jpegQuality must be 1 to 100");
            }
        }
    }

    /** What the screen shows after each analysed frame. */
    public record Progress(FaceQuality quality, Optional<FaceGuidance> guidance, boolean gatesPassed,
                           int framesAnalysed) {
    }

    private final Camera camera;
    private final FaceDetector.Settings detectorSettings;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<Progress> progress;
    private final CompletableFuture<FaceCaptureResult> result = new CompletableFuture<>();
    private final ScheduledExecutorService timer;

    // Confined to the subscription thread (and read once more under the lock when finishing).
    private final Object lock = new Object();
    private final List<FaceCaptureResult.GuidanceStep> history = new ArrayList<>();
    private FaceDetector detector;
    private final BlinkLiveness liveness = new BlinkLiveness();
    private CameraFrame best;
    private FaceQuality bestQuality;
    private Optional<FaceGuidance> lastGuidance;
    private volatile int frames; // read by the timer for its message
    private volatile FrameSubscription subscription;

    public FaceCaptureSession(Camera camera, FaceDetector.Settings detectorSettings, Settings settings, Clock clock,
                              Consumer<Progress> progress) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.detectorSettings = Objects.requireNonNull(detectorSettings, "detectorSettings");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = progress == null ? p -> { } : progress;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "face-capture-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching the camera; the future completes once, with the result. */
    public CompletableFuture<FaceCaptureResult> start() {
        synchronized (lock) {
            if (subscription != null || result.isDone()) {
                throw new IllegalStateException("a face capture session runs once");
            }
            detector = new FaceDetector(detectorSettings);
            subscription = camera.addFrameListener(this::onFrame);
        }
        timer.schedule(() -> finish(new LivenessVerdict(LivenessVerdict.Outcome.TIMED_OUT, frames == 0
                ? "no picture from the face camera within " + settings.timeout().toMillis() + " ms"
                : "no blink seen within " + settings.timeout().toMillis() + " ms", frames)),
                settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    /** Ends the attempt without a verdict (the citizen chose to leave). */
    public void cancel() {
        finish(new LivenessVerdict(LivenessVerdict.Outcome.ABORTED, "cancelled", frames));
    }

    private void onFrame(CameraFrame frame) {
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            frames++;
            FaceQuality q = detector.analyse(frame);
            Optional<FaceGuidance> shown = q.passed() ? Optional.of(FaceGuidance.BLINK) : q.firstGuidance();
            if (lastGuidance == null || !lastGuidance.equals(shown)) {
                history.add(new FaceCaptureResult.GuidanceStep(clock.instant(), shown));
                lastGuidance = shown;
            }
            if (q.passed() && q.eyes().size() == 2
                    && (bestQuality == null || q.sharpness() > bestQuality.sharpness())) {
                best = frame;
                bestQuality = q;
            }
            Optional<LivenessVerdict> v = liveness.offer(q, frame.grey(), frame.width(), frame.height());
            try {
                progress.accept(new Progress(q, shown, q.passed(), frames));
            } catch (RuntimeException e) {
                log.error("face capture progress listener failed", e);
            }
            if (v.isPresent() && best != null) {
                finish(v.get());
            }
        }
    }

    private void finish(LivenessVerdict verdict) {
        FrameSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            Optional<FaceCaptureResult.BestFrame> frame = Optional.empty();
            if (verdict.passed() && best != null) {
                try (Mat m = Mats.fromBgr(best.bgr(), best.width(), best.height())) {
                    frame = Optional.of(new FaceCaptureResult.BestFrame(Mats.encodeJpeg(m, settings.jpegQuality()),
                            best.width(), best.height(), bestQuality.face().orElseThrow(), bestQuality.sharpness(),
                            best.capturedAt()));
                    Mats.wipe(m);
                }
            }
            if (verdict.passed()) {
                history.add(new FaceCaptureResult.GuidanceStep(clock.instant(), Optional.of(FaceGuidance.HOLD_STILL_DONE)));
            }
            best = null;
            bestQuality = null;
            liveness.wipe();
            if (detector != null) {
                detector.close();
                detector = null;
            }
            log.info("face capture ended: {} after {} frames ({})", verdict.outcome(), verdict.framesSeen(),
                    verdict.reason());
            result.complete(new FaceCaptureResult(verdict, frame, history, frames));
        }
        timer.shutdownNow();
    }
}

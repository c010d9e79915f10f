package io.dianxiaoer.device.camera;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceCounters;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.vision.FfmpegErrors;
import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera — the document camera (高拍仪) or the face camera — read through FFmpeg, whatever the
 * {@link CameraSource}: a V4L2 device, an MJPEG/HTTP stream or a file. Only the source differs.
 *
 * <p><b>Threads.</b> The grab loop runs on the camera's own single-thread executor
 * ({@code device-<id>}): one task per frame, which grabs, converts to BGR, serves pending
 * {@link #captureStill() stills} at full resolution, scales a preview copy and offers it to every
 * {@link FrameSubscription} — each listener has its own thread and a one-frame mailbox, so a slow
 * listener only skips frames. While nobody listens and no still is wanted, frames are read but not
 * decoded (counted as {@code framesNotDecoded}). Stills complete on a separate thread ({@code device-<id>-stills}),
 * so code chained on the future never runs on the grab loop. A watchdog thread
 * ({@code device-<id>-watchdog}) notices a picture that stopped coming even where the source has no
 * read timeout (a hung V4L2 device) and measures the frame rate.
 *
 * <p><b>States.</b> {@code OPENING} → {@code READY}; {@code DEGRADED} while frames come slower than
 * {@link Settings#degradedBelowFps} or damaged frames arrived in the last two seconds (FFmpeg drops
 * them whole; they are counted as {@code errors}); {@code OFFLINE} when the stream ends, errors persist or no
 * frame came for {@link Settings#stallTimeout} (network reads are bounded by the same timeout, so a
 * dead stream is reported within about {@code stallTimeout} + ¼ s). While {@code OFFLINE} it tries
 * to reopen every {@link Settings#reconnectDelay} and returns to {@code READY} by itself. Status
 * events go to {@link #addListener device listeners} from the grab or the watchdog thread; they
 * must not block.
 *
 * <p><b>Privacy.</b> Frames may show faces and documents: nothing of a picture is logged; stills
 * belong to the caller, who wipes them.
 */
public final class Camera implements Device {

    /**
     * @param reconnectDelay   pause between attempts to reopen a missing source
     * @param stallTimeout     no frame for this long (and any single network read this long) = offline
     * @param previewMaxWidth  preview frames are scaled down to at most this width (stills never are)
     * @param degradedBelowFps below this measured rate over two seconds the camera reports DEGRADED
     * @param stillTimeout     how long {@link #captureStill()} waits for the next frame
     * @param offlineAfterErrors this many bad frames in a row (corrupt data) count as a lost stream
     */
    public record Settings(Duration reconnectDelay, Duration stallTimeout, int previewMaxWidth,
                           double degradedBelowFps, Duration stillTimeout, int offlineAfterErrors) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1280, 5.0, Duration.ofSeconds(5), 25);

        public Settings {
            Objects.requireNonNull(reconnectDelay, "reconnectDelay");
            Objects.requireNonNull(stallTimeout, "stallTimeout");
            Objects.requireNonNull(stillTimeout, "stillTimeout");
            if (previewMaxWidth < 16) {
                throw new IllegalArgumentException("previewMaxWidth must be at least 16");
            }
            if (offlineAfterErrors < 1) {
                throw new IllegalArgumentException("offlineAfterErrors must be at least 1");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Camera.class);
    private static final long WATCHDOG_PERIOD_MS = 250;
    private static final int RATE_WINDOW_TICKS = 8; // 8 × 250 ms = the 2 s over which fps is measured
    private static final double FALLBACK_FILE_FPS = 15;

    private final String id;
    private final CameraSource source;
    private final Settings settings;
    private final Clock clock;
    private final List<Consumer<? super DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<FrameSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Queue<CompletableFuture<StillImage>> pendingStills = new ConcurrentLinkedQueue<>();
    private final DeviceCounters counters = new DeviceCounters();
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService watchdog;
    private final ExecutorService stillExecutor;
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    private final AtomicBoolean opened = new AtomicBoolean();
    private final Object statusLock = new Object();

    // Confined to the grab thread.
    private FFmpegFrameGrabber grabber;
    private OpenCVFrameConverter.ToMat converter;
    private Mat preview;
    private int consecutiveErrors;
    private long frameIntervalNanos;
    private long nextFrameDueNanos;

    // Read by the watchdog and health().
    private volatile DeviceStatus status = DeviceStatus.CLOSED;
    private volatile boolean connected;
    private volatile long lastFrameNanos;
    private volatile long connectedAtNanos;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant openSince;
    private volatile int frameWidth;
    private volatile int frameHeight;
    private volatile double measuredFps;
    private volatile boolean closed;
    private volatile Thread grabThread;

    // Confined to the watchdog thread.
    private final ArrayDeque<Long> frameCountSamples = new ArrayDeque<>();
    private final ArrayDeque<Long> errorCountSamples = new ArrayDeque<>();

    public Camera(String id, CameraSource source, Settings settings, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "device-" + id);
            t.setDaemon(true);
            grabThread = t;
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "device-" + id + "-watchdog"));
        this.stillExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "device-" + id + "-stills"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String id() {
        return id;
    }

    public CameraSource source() {
        return source;
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    /** Frames per second measured over the last two seconds (0 before any frame). */
    public double measuredFps() {
        return measuredFps;
    }

    @Override
    public DeviceHealth health() {
        return new DeviceHealth(id, status, source.describe(), Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt), Optional.ofNullable(openSince), counters.snapshot());
    }

    /** The full-resolution frame size of the open stream, or empty before the first open. */
    public Optional<int[]> frameSize() {
        int w = frameWidth;
        int h = frameHeight;
        return w > 0 ? Optional.of(new int[] {w, h}) : Optional.empty();
    }

    @Override
    public void addListener(Consumer<? super DeviceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Subscribes to preview frames; close the subscription to stop. Works before {@link #open()} and
     * across reconnects.
     */
    public FrameSubscription addFrameListener(FrameListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("camera " + id + " was closed");
        }
        FrameSubscription s = new FrameSubscription("device-" + id + "-frames-" + subscriptionCount.incrementAndGet(),
                listener, () -> counters.increment("dropped"), () -> counters.increment("listenerErrors"));
        subscriptions.add(s);
        return s;
    }

    /**
     * A full-resolution picture: the next frame the camera delivers after this call. Completes on
     * the camera's stills thread; fails with {@link CameraUnavailableException} when the camera is
     * closed or offline, or gives no frame within {@link Settings#stillTimeout}.
     */
    public CompletableFuture<StillImage> captureStill() {
        CompletableFuture<StillImage> f = new CompletableFuture<>();
        if (closed || !opened.get()) {
            f.completeExceptionally(new CameraUnavailableException("camera " + id + " is not open"));
            return f;
        }
        if (status == DeviceStatus.OFFLINE) {
            f.completeExceptionally(new CameraUnavailableException("camera " + id + " is offline: "
                    + Optional.ofNullable(lastError).orElse("no picture")));
            return f;
        }
        pendingStills.add(f);
        return f.orTimeout(settings.stillTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    pendingStills.remove(f);
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    if (cause instanceof TimeoutException) {
                        return CompletableFuture.failedFuture(new CameraUnavailableException("no picture from camera "
                                + id + " within " + settings.stillTimeout().toMillis() + " ms"));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    @Override
    public void open() {
        if (closed) {
            throw new IllegalStateException("camera " + id + " was closed");
        }
        if (opened.compareAndSet(false, true)) {
            NativeVision.ensureLoaded();
            executor.execute(this::step);
            watchdog.scheduleAtFixedRate(this::watch, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        subscriptions.forEach(FrameSubscription::close);
        subscriptions.clear();
        if (opened.get()) {
            try {
                executor.execute(() -> {
                    disconnect();
                    setStatus(DeviceStatus.CLOSED, "closed");
                });
            } catch (RejectedExecutionException e) {
                // already shutting down
            }
        }
        executor.shutdown();
        failPendingStills("camera " + id + " was closed");
        stillExecutor.shutdown();
        if (Thread.currentThread() == grabThread) {
            return; // closed from a listener: the close task runs right after this one
        }
        try {
            // A grab in progress returns within the stall timeout (network sources) — wait a little longer.
            if (!executor.awaitTermination(settings.stallTimeout().toMillis() + 3000, TimeUnit.MILLISECONDS)) {
                log.warn("camera {}: grab thread did not stop in time", id);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- grab loop (device thread)

    private void step() {
        if (closed) {
            return;
        }
        long delayNanos = 0;
        try {
            if (grabber == null) {
                if (!connect()) {
                    delayNanos = settings.reconnectDelay().toNanos();
                }
            } else {
                delayNanos = grabOne();
            }
        } catch (RuntimeException e) {
            // A bug must not end the loop of a kiosk that stands unattended.
            counters.increment("internalErrors");
            error("internal error: " + e.getClass().getSimpleName());
            log.error("camera {} loop failed", id, e);
            lostLink("internal error");
            delayNanos = settings.reconnectDelay().toNanos();
        }
        schedule(delayNanos);
    }

    private void schedule(long delayNanos) {
        if (closed) {
            return;
        }
        try {
            if (delayNanos <= 0) {
                executor.execute(this::step);
            } else {
                executor.schedule(this::step, delayNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            // close() shut the executor down meanwhile
        }
    }

    private boolean connect() {
        if (status != DeviceStatus.OFFLINE) {
            setStatus(DeviceStatus.OPENING, "opening " + source.describe());
        }
        FfmpegErrors.countOnThisThread(this::decodeError);
        FFmpegFrameGrabber g = source.newGrabber(settings.stallTimeout());
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            error("cannot open " + source.describe() + ": " + plain(e));
            setStatus(DeviceStatus.OFFLINE, "not reachable: " + source.describe());
            return false;
        }
        grabber = g;
        converter = new OpenCVFrameConverter.ToMat();
        consecutiveErrors = 0;
        double fps = source.fps() > 0 ? source.fps() : g.getFrameRate();
        if (!(fps > 0.5 && fps <= 240)) {
            fps = FALLBACK_FILE_FPS;
        }
        frameIntervalNanos = source.paced() ? (long) (1e9 / fps) : 0;
        nextFrameDueNanos = System.nanoTime();
        lastFrameNanos = System.nanoTime();
        connectedAtNanos = lastFrameNanos;
        openSince = clock.instant();
        connected = true;
        if (counters.get("opens") > 0) {
            counters.increment("reconnects");
        }
        counters.increment("opens");
        log.info("camera {}: open on {} ({}×{}, {})", id, source.describe(), g.getImageWidth(), g.getImageHeight(),
                g.getFormat());
        // READY is reported with the first frame: an open stream that never shows a picture is no camera.
        return true;
    }

    /** Grabs and dispatches one frame; returns the delay before the next grab. */
    private long grabOne() {
        if (subscriptions.isEmpty() && pendingStills.isEmpty()) {
            return skimOne();
        }
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            counters.increment("errors");
            error("bad data from " + source.describe() + ": " + plain(e));
            if (++consecutiveErrors >= settings.offlineAfterErrors()) {
                lostLink(consecutiveErrors + " bad frames in a row");
                return settings.reconnectDelay().toNanos();
            }
            return 0;
        }
        if (frame == null || frame.image == null) {
            if (source.loop() && source.kind() == CameraSource.Kind.FILE && (frame == null)) {
                // A recording played in a loop: start it again rather than reporting a lost camera.
                disconnect();
                return 0;
            }
            lostLink(source.kind() == CameraSource.Kind.FILE ? "end of recording" : "the picture stopped");
            return settings.reconnectDelay().toNanos();
        }
        Mat full = converter.convert(frame);
        if (full == null || full.empty() || full.channels() != 3 || full.depth() != org.bytedeco.opencv.global.opencv_core.CV_8U) {
            counters.increment("errors");
            error("unexpected frame format from " + source.describe());
            return 0;
        }
        consecutiveErrors = 0;
        long now = System.nanoTime();
        lastFrameNanos = now;
        counters.increment("frames");
        frameWidth = full.cols();
        frameHeight = full.rows();
        if (status != DeviceStatus.READY && status != DeviceStatus.DEGRADED) {
            setStatus(DeviceStatus.READY, "picture from " + source.describe() + " (" + full.cols() + "×" + full.rows() + ")");
        }
        Instant at = clock.instant();
        serveStills(full, at);
        offerPreview(full, at);
        return pace(now);
    }

    /**
     * Nobody watches and no still is wanted: read the next frame's packet without decoding it. The
     * stream stays open and watched (stalls, ends, rate) at a fraction of the CPU — decoding a
     * 1080p MJPEG stream costs about a third of a core. MJPEG frames stand alone, so the first
     * listener or still simply decodes the next one.
     */
    private long skimOne() {
        AVPacket packet;
        try {
            packet = grabber.grabPacket();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            counters.increment("errors");
            error("bad data from " + source.describe() + ": " + plain(e));
            if (++consecutiveErrors >= settings.offlineAfterErrors()) {
                lostLink(consecutiveErrors + " bad frames in a row");
                return settings.reconnectDelay().toNanos();
            }
            return 0;
        }
        if (packet == null) {
            if (source.loop() && source.kind() == CameraSource.Kind.FILE) {
                disconnect();
                return 0;
            }
            lostLink(source.kind() == CameraSource.Kind.FILE ? "end of recording" : "the picture stopped");
            return settings.reconnectDelay().toNanos();
        }
        boolean video = packet.stream_index() == grabber.getVideoStream();
        avcodec.av_packet_unref(packet);
        // The grabber's own packet: mark it consumed, or its next grabImage() would take the empty
        // packet for an end-of-stream flush and drain the decoder.
        packet.stream_index(-1);
        if (!video) {
            return 0;
        }
        consecutiveErrors = 0;
        long now = System.nanoTime();
        lastFrameNanos = now;
        counters.increment("frames");
        counters.increment("framesNotDecoded");
        if (status != DeviceStatus.READY && status != DeviceStatus.DEGRADED) {
            setStatus(DeviceStatus.READY, "picture from " + source.describe() + " (" + grabber.getImageWidth() + "×"
                    + grabber.getImageHeight() + ")");
        }
        return pace(now);
    }

    private long pace(long now) {
        if (frameIntervalNanos > 0) {
            nextFrameDueNanos = Math.max(nextFrameDueNanos + frameIntervalNanos, now - frameIntervalNanos);
            return nextFrameDueNanos - System.nanoTime();
        }
        return 0;
    }

    /** FFmpeg reported an error on this camera's thread: a damaged frame it dropped, or a failed read. */
    private void decodeError() {
        if (connected) {
            counters.increment("errors");
            lastError = "damaged frame from " + source.describe();
            lastErrorAt = clock.instant();
        }
    }

    private void serveStills(Mat full, Instant at) {
        CompletableFuture<StillImage> f;
        while ((f = pendingStills.poll()) != null) {
            if (f.isDone()) {
                continue; // timed out meanwhile
            }
            StillImage still = new StillImage(full.cols(), full.rows(), Mats.toBytes(full), at);
            counters.increment("stills");
            CompletableFuture<StillImage> target = f;
            try {
                stillExecutor.execute(() -> {
                    if (!target.complete(still)) {
                        still.wipe(); // nobody waits for it any more
                    }
                });
            } catch (RejectedExecutionException e) {
                still.wipe();
                target.completeExceptionally(new CameraUnavailableException("camera " + id + " was closed"));
            }
        }
    }

    private void offerPreview(Mat full, Instant at) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Mat p = full;
        if (full.cols() > settings.previewMaxWidth()) {
            int w = settings.previewMaxWidth();
            int h = Math.max(1, (int) Math.round((double) full.rows() * w / full.cols()));
            if (preview == null) {
                preview = new Mat();
            }
            opencv_imgproc.resize(full, preview, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
            p = preview;
        }
        CameraFrame frame = new CameraFrame(p.cols(), p.rows(), Mats.toBytes(p), counters.get("frames"), at,
                full.cols(), full.rows());
        for (FrameSubscription s : subscriptions) {
            if (s.isClosed()) {
                subscriptions.remove(s);
            } else {
                s.offer(frame);
            }
        }
    }

    private void lostLink(String reason) {
        counters.increment("disconnects");
        error(reason);
        disconnect();
        setStatus(DeviceStatus.OFFLINE, reason);
        failPendingStills("camera " + id + " is offline: " + reason);
    }

    private void disconnect() {
        connected = false;
        if (grabber != null) {
            release(grabber);
        }
        grabber = null;
        if (converter != null) {
            converter.close();
            converter = null;
        }
        if (preview != null) {
            Mats.wipe(preview); // it held a face or a document
            preview.release();
            preview.close();
            preview = null;
        }
        openSince = null;
    }

    private void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            log.debug("camera {}: release failed: {}", id, e.toString());
        }
    }

    private void failPendingStills(String why) {
        CompletableFuture<StillImage> f;
        while ((f = pendingStills.poll()) != null) {
            f.completeExceptionally(new CameraUnavailableException(why));
        }
    }

    // ---------------------------------------------------------------- watchdog thread

    private void watch() {
        try {
            frameCountSamples.addLast(counters.get("frames"));
            errorCountSamples.addLast(counters.get("errors"));
            if (frameCountSamples.size() > RATE_WINDOW_TICKS + 1) {
                frameCountSamples.removeFirst();
                errorCountSamples.removeFirst();
            }
            long now = System.nanoTime();
            if (!connected) {
                measuredFps = 0;
                return;
            }
            int ticks = frameCountSamples.size() - 1;
            if (ticks > 0) {
                measuredFps = (frameCountSamples.peekLast() - frameCountSamples.peekFirst())
                        / (ticks * WATCHDOG_PERIOD_MS / 1000.0);
            }
            long silentNanos = now - lastFrameNanos;
            long stallNanos = settings.stallTimeout().toNanos() + WATCHDOG_PERIOD_MS * 1_000_000;
            if (silentNanos > stallNanos && status != DeviceStatus.OFFLINE) {
                // The grab thread is stuck in a read without a timeout: report now; it reconnects when the read returns.
                counters.increment("stalls");
                error("no picture for " + silentNanos / 1_000_000 + " ms");
                setStatus(DeviceStatus.OFFLINE, "the picture stopped");
                return;
            }
            boolean windowFull = ticks >= RATE_WINDOW_TICKS
                    && now - connectedAtNanos > RATE_WINDOW_TICKS * WATCHDOG_PERIOD_MS * 1_000_000;
            long recentErrors = ticks > 0 ? errorCountSamples.peekLast() - errorCountSamples.peekFirst() : 0;
            boolean slow = windowFull && measuredFps < settings.degradedBelowFps();
            if (status == DeviceStatus.READY && (slow || recentErrors > 0)) {
                setStatus(DeviceStatus.DEGRADED, slow
                        ? String.format(Locale.ROOT, "slow picture: %.1f frames per second", measuredFps)
                        : recentErrors + " damaged frames in 2 s");
            } else if (status == DeviceStatus.DEGRADED && !slow && recentErrors == 0) {
                setStatus(DeviceStatus.READY, String.format(Locale.ROOT, "picture back to %.1f frames per second", measuredFps));
            }
        } catch (RuntimeException e) {
            log.error("camera {} watchdog failed", id, e);
        }
    }

    // ---------------------------------------------------------------- status and events

    private void error(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
        log.warn("camera {}: {}", id, message);
    }

    private void setStatus(DeviceStatus next, String reason) {
        synchronized (statusLock) {
            DeviceStatus prev = status;
            if (prev == next || (closed && next != DeviceStatus.CLOSED)) {
                return;
            }
            status = next;
            log.info("camera {}: {} → {} ({})", id, prev, next, reason);
            DeviceStatusChanged event = new DeviceStatusChanged(id, next, reason, clock.instant());
            for (Consumer<? super DeviceEvent> l : listeners) {
                try {
                    l.accept(event);
                } catch (RuntimeException e) {
                    log.error("listener of camera {} failed on a status change", id, e);
                }
            }
        }
    }

    /**
     * FFmpeg's message in plain words: JavaCV's hints for programmers dropped, and the common error
     * numbers named (a technician reads "connection refused", not "error -111").
     */
    static String plain(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.replace("(Has setFormat() been called?)", "")
                .replace("(For more details, make sure FFmpegLogCallback.set() has been called.)", "").strip();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("error (-\\d+)").matcher(m);
        if (code.find()) {
            String name = switch (Integer.parseInt(code.group(1))) {
                case -2 -> "no such file or device";
                case -5 -> "input/output error";
                case -13 -> "permission denied";
                case -16 -> "device busy (another program is using the camera)";
                case -19 -> "no such device (unplugged?)";
                case -110 -> "timed out";
                case -111 -> "connection refused";
                case -1094995529 -> "invalid data";
                default -> null;
            };
            if (name != null) {
                return name + " (" + m + ")";
            }
        }
        return m;
    }
}

package io.dianxiaoer.device.vision;

import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.FrameSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads QR codes from a camera's preview, for terminals without a scanner: decodes frames on the
 * subscription's own thread (skipping frames while a decode runs, never slowing the camera) and
 * reports each code once while it stays in view — the same text again only after
 * {@code repeatAfter} without it.
 *
 * <p>Reports the raw text; classification and limits are the payload parsers' job. The callback
 * runs on the subscription thread and must not block. {@link #close()} stops reading.
 */
public final class CameraQrReader implements AutoCloseable {

    /** One code seen by the camera. {@code toString} shows its length, not its text (codes can be personal). */
    public record QrRead(String cameraId, String text, long frameSequence, Instant at) {
        public QrRead {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "QrRead[" + cameraId + ", " + text.length() + " chars, frame " + frameSequence + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CameraQrReader.class);

    private final String cameraId;
    private final Consumer<QrRead> onRead;
    private final Duration repeatAfter;
    private final Clock clock;
    private final QrDecoder decoder = new QrDecoder();
    private final FrameSubscription subscription;
    // Confined to the subscription thread.
    private String lastText;
    private Instant lastSeen = Instant.MIN;

    public CameraQrReader(Camera camera, Duration repeatAfter, Clock clock, Consumer<QrRead> onRead) {
        this.cameraId = camera.id();
        this.onRead = Objects.requireNonNull(onRead, "onRead");
        this.repeatAfter = Objects.requireNonNull(repeatAfter, "repeatAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscription = camera.addFrameListener(this::onFrame);
    }

    private void onFrame(CameraFrame frame) {
        Optional<String> text = decoder.decode(frame);
        Instant now = clock.instant();
        if (text.isEmpty()) {
            return;
        }
        String t = text.get();
        boolean repeat = t.equals(lastText) && Duration.between(lastSeen, now).compareTo(repeatAfter) < 0;
        lastText = t;
        lastSeen = now;
        if (!repeat) {
            log.info("camera {}: QR code read ({} chars)", cameraId, t.length());
            onRead.accept(new QrRead(cameraId, t, frame.sequence(), now));
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}

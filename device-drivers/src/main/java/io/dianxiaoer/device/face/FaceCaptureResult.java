package io.dianxiaoer.device.face;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FaceCaptureSession} produced: the liveness verdict, the best frame (only when the
 * check passed — a failed attempt's face is not kept), and what the citizen was told along the way.
 *
 * @param verdict        the liveness verdict
 * @param bestFrame      the sharpest frame that passed every quality gate, present only with PASSED
 * @param guidance       each change of the guidance shown, in order (an empty guidance = all good)
 * @param framesAnalysed frames the detector looked at
 */
public record FaceCaptureResult(LivenessVerdict verdict, Optional<BestFrame> bestFrame, List<GuidanceStep> guidance,
                                int framesAnalysed) {

    public FaceCaptureResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(bestFrame, "bestFrame");
        guidance = List.copyOf(guidance);
    }

    /** The guidance shown from {@code at} on; empty = every gate passed (the challenge prompt is a guidance too). */
    public record GuidanceStep(Instant at, Optional<FaceGuidance> guidance) {
        public GuidanceStep {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(guidance, "guidance");
        }
    }

    /**
     * The picture sent for 1:1 matching. {@link #jpeg()} is the caller's array (no copy, so that it
     * can be wiped): never log it; {@link #wipe()} it once sent. {@code toString} shows no content.
     */
    public record BestFrame(byte[] jpeg, int width, int height, FaceBox face, double sharpness, Instant capturedAt) {
        public BestFrame {
            Objects.requireNonNull(jpeg, "jpeg");
            Objects.requireNonNull(face, "face");
            Objects.requireNonNull(capturedAt, "capturedAt");
        }

        public void wipe() {
            Arrays.fill(jpeg, (byte) 0);
        }

        @Override
        public String toString() {
            return "BestFrame[" + width + "×" + height + ", " + jpeg.length + " bytes JPEG]";
        }
    }
}

package io.dianxiaoer.device.face;

import java.util.Objects;

/**
 * The outcome of the active liveness check.
 *
 * @param outcome what happened
 * @param reason  a plain sentence for the log and the technician (never personal data)
 * @param framesSeen frames the check looked at
 */
public record LivenessVerdict(Outcome outcome, String reason, int framesSeen) {

    public enum Outcome {
        /** The challenge was performed in front of the camera. */
        PASSED,
        /** Not performed within the time allowed — a still photo ends here. */
        TIMED_OUT,
        /** The check ended without a verdict (camera lost, session cancelled). */
        ABORTED
    }

    public LivenessVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}

package io.dianxiaoer.device.face;

import java.util.concurrent.CompletableFuture;

/**
 * 1:1 matching of a live face against the identity authority's record for an ID number (人证核验).
 * The kiosk does not match faces itself: it sends the best frame and the ID number to the intake
 * API's verification call, which answers. Implementations never log the picture or the number.
 */
public interface FaceVerifier {

    /** The authority's answer. */
    enum Outcome { MATCH, NO_MATCH, NOT_AVAILABLE }

    /**
     * @param outcome  the answer
     * @param message  a plain sentence for the screen or the technician (no personal data)
     */
    record Verdict(Outcome outcome, String message) {
        public Verdict {
            java.util.Objects.requireNonNull(outcome, "outcome");
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /** Asks for a 1:1 match; completes with a verdict, or exceptionally when the call itself failed. */
    CompletableFuture<Verdict> verify(FaceCaptureResult.BestFrame frame, String idNumber);

    /**
     * The verifier until the intake API's verification call is wired: it always says
     * {@link Outcome#NOT_AVAILABLE} and never pretends to match.
     */
    static FaceVerifier notAvailable() {
        return (frame, idNumber) -> CompletableFuture.completedFuture(new Verdict(Outcome.NOT_AVAILABLE,
                "人脸比对服务暂不可用 / Face matching is not available on this terminal yet"));
    }
}

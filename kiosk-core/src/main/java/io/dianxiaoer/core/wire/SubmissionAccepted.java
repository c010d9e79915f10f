package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * The answer to a submission: the acceptance number (受理号) the intake issued, the kiosk's local
 * receipt it replaces, the status and when it was accepted (ISO-8601 instant). Not personal.
 */
public record SubmissionAccepted(String acceptanceNumber, String localReceipt, String status, String acceptedAt) {

    public SubmissionAccepted {
        Objects.requireNonNull(acceptanceNumber, "acceptanceNumber");
        Objects.requireNonNull(localReceipt, "localReceipt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}

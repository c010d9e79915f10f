package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * The intake's answer to an identity verification: {@code MATCH}, {@code NO_MATCH} or
 * {@code UNKNOWN_IDENTITY} (no face on record for that number), with a similarity score from 0 to 1
 * and an id for the audit trail.
 */
public record IdentityVerdict(String verdict, double score, String verificationId) {

    public static final String MATCH = "MATCH";
    public static final String NO_MATCH = "NO_MATCH";
    public static final String UNKNOWN_IDENTITY = "UNKNOWN_IDENTITY";

    public IdentityVerdict {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(verificationId, "verificationId");
    }
}

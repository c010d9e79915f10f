package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * {@code POST /v1/ratings} (好差评): the citizen's score from 1 (very dissatisfied) to 5 (very
 * satisfied) for the submission with {@code acceptanceNumber}, with an optional comment and the
 * handler (staff member or agent id) who served them. Comments are free text typed by a
 * citizen: {@link #toString()} leaves them out.
 */
public record RatingRequest(String acceptanceNumber, int score, String handler, String comment) {

    public RatingRequest {
        Objects.requireNonNull(acceptanceNumber, "acceptanceNumber");
    }

    @Override
    public String toString() {
        return "RatingRequest[acceptanceNumber=" + acceptanceNumber + ", score=" + score + "]";
    }
}

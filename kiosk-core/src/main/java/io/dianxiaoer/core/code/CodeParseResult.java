package io.dianxiaoer.core.code;

import java.util.Objects;
import java.util.Optional;

/** What {@link CodeParser#parse} made of a payload: accepted with its fields, or rejected with the reason. */
public sealed interface CodeParseResult {

    record Accepted(ScannedPayload payload) implements CodeParseResult {
        public Accepted {
            Objects.requireNonNull(payload, "payload");
        }
    }

    record Rejected(CodeRejection rejection) implements CodeParseResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** The payload when accepted. */
    default Optional<ScannedPayload> value() {
        return this instanceof Accepted a ? Optional.of(a.payload()) : Optional.empty();
    }

    /** The reason when rejected. */
    default Optional<CodeRejection> refusal() {
        return this instanceof Rejected r ? Optional.of(r.rejection()) : Optional.empty();
    }
}

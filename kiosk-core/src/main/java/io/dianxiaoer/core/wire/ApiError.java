package io.dianxiaoer.core.wire;

import java.util.Objects;

/** The one error body of the API: {@code {"error":{"code":"…","message":"…"}}}; this is the inner object. */
public record ApiError(String code, String message) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}

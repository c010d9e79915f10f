package io.dianxiaoer.intake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A request the API answers with an error: carries the status and the machine-readable code of
 * the {@code {"error":{"code":…,"message":…}}} body. Thrown by routing and validation and turned
 * into a response by {@link IntakeHandler}; the message is for the kiosk's technician and never
 * contains personal data.
 */
final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String code;
    private final Map<CharSequence, String> headers;

    ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiException(HttpResponseStatus status, String code, String message, Map<CharSequence, String> headers) {
        // No stack trace: this is an expected answer to a bad request, not a fault, and bad clients can send many.
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    static ApiException of(int status, String code, String message) {
        return new ApiException(HttpResponseStatus.valueOf(status), code, message);
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, code, message);
    }

    /** 405 with the {@code Allow} header that RFC 9110 requires on it. */
    static ApiException methodNotAllowed(HttpMethod used, String allowed) {
        return new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                used + " is not allowed here; use " + allowed, Map.of(HttpHeaderNames.ALLOW, allowed));
    }

    HttpResponseStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Extra response headers that belong to this error. */
    Map<CharSequence, String> headers() {
        return headers;
    }
}

package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * {@code POST /v1/uploads}: announces an attachment of {@code length} bytes whose whole content
 * has the lowercase hex {@code sha256}. {@code uploadId} is chosen by the kiosk (a UUID kept in its
 * outbox), so that creating again after a crash finds the same upload instead of a new one.
 */
public record UploadCreate(String uploadId, long length, String sha256, String contentType) {

    public UploadCreate {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
    }
}

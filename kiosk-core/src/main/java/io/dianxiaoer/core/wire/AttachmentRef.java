package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * A submission's reference to an attachment already uploaded (completely) under {@code uploadId}.
 * {@code sha256} is the lowercase hex digest of the whole attachment; the server checks it
 * against what it received. No personal data: the bytes travel separately.
 */
public record AttachmentRef(String uploadId, String kind, String contentType, long length, String sha256) {

    public AttachmentRef {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }
}

package io.dianxiaoer.core.wire;

/**
 * Header names and values of the intake API (see {@code intake-api.yaml} beside this class).
 * Kept here so that the kiosk's uploader and the reference server cannot drift apart.
 */
public final class WireHeaders {

    /** A client-chosen key (8–128 of {@code A-Za-z0-9-_:.}) that makes a POST safe to repeat. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set to {@code true} on a response that repeats the stored answer to an earlier request with the same key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** tus: the byte offset a PATCH starts at / the offset the server has after it. */
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    /** tus: the total length of the attachment. */
    public static final String UPLOAD_LENGTH = "Upload-Length";
    /** tus checksum extension: {@code sha256 <base64 digest of this chunk>}. */
    public static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    /** The content type of a PATCH body, as in tus. */
    public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    /** The non-standard status tus uses for a chunk whose checksum does not match. */
    public static final int STATUS_CHECKSUM_MISMATCH = 460;

    public static final String OPENAPI_RESOURCE = "/io/dianxiaoer/core/wire/intake-api.yaml";

    private WireHeaders() {
    }
}

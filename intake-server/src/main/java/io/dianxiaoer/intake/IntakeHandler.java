package io.dianxiaoer.intake;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.InvalidIdNumberException;
import io.dianxiaoer.core.wire.Applicant;
import io.dianxiaoer.core.wire.AttachmentRef;
import io.dianxiaoer.core.wire.IdentityVerdict;
import io.dianxiaoer.core.wire.KioskId;
import io.dianxiaoer.core.wire.RatingRequest;
import io.dianxiaoer.core.wire.SubmissionRequest;
import io.dianxiaoer.core.wire.UploadCreate;
import io.dianxiaoer.core.wire.WireHeaders;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the intake API's requests (see {@code intake-api.yaml}) and answers them.
 *
 * <p><b>Threading.</b> One instance is shared by every connection ({@link Sharable}). It is added
 * to the pipeline on the server's blocking executor group, not on the event loops, because most
 * routes wait for the database; each connection's requests are handled one at a time in order.
 *
 * <p>Routing and validation raise {@link ApiException}; this class is the one place that turns
 * it, or an unexpected failure, into the common error body. Nothing personal is logged: routes
 * and codes only.
 */
@Sharable
final class IntakeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(IntakeHandler.class);

    static final int MAX_JSON_BYTES = 64 * 1024;
    static final int MAX_CHUNK_BYTES = 1024 * 1024;
    static final int MAX_FACE_REQUEST_BYTES = 4 * 1024 * 1024;

    private static final Pattern KIOSK_ROUTE = Pattern.compile("/v1/kiosks/([^/]+)(/.*)");
    private static final Pattern UPLOAD = Pattern.compile("/uploads/([^/]+)");
    private static final Pattern SUBMISSION = Pattern.compile("/submissions/([^/]+)");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{1,32}");
    private static final Pattern RECEIPT = Pattern.compile("[A-Z0-9-]{1,32}-\\d{8}-\\d{6}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]{1,64}");

    private final IntakeStore store;
    private final Documents documents;
    private final IdentityVerifier verifier;
    private final Clock clock;
    private final String version;
    private final long maxAttachmentBytes;

    IntakeHandler(IntakeStore store, Documents documents, IdentityVerifier verifier, Clock clock, String version,
            long maxAttachmentBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** The largest body a request to {@code uri} may carry; the aggregator refuses larger ones with 413 before reading them. */
    static int bodyLimit(String uri) {
        String path = new QueryStringDecoder(uri).path();
        if (path.contains("/uploads/")) {
            return MAX_CHUNK_BYTES;
        }
        if (path.endsWith("/identity-verifications")) {
            return MAX_FACE_REQUEST_BYTES;
        }
        return MAX_JSON_BYTES;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (request.decoderResult().isFailure()) {
            response = HttpResponses.error(decodeFailure(request.decoderResult().cause()));
            // The parser lost its place in the byte stream: the next request on this connection cannot be trusted.
            HttpUtil.setKeepAlive(response, false);
        } else {
            try {
                if (request.content().readableBytes() > bodyLimit(request.uri())) {
                    throw ApiException.of(413, "payload_too_large", "the body is larger than " + bodyLimit(request.uri())
                            + " bytes");
                }
                response = route(ctx, request);
            } catch (ApiException e) {
                response = HttpResponses.error(e);
            } catch (RuntimeException e) {
                log.error("{} {} failed", request.method(), new QueryStringDecoder(request.uri()).path(), e);
                response = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                        "the server failed to handle the request");
            }
        }
        if (request.method().equals(HEAD)) {
            response.content().clear();
        }
        // HttpServerKeepAliveHandler, earlier in the pipeline, closes the connection when the response says so.
        ctx.writeAndFlush(response);
    }

    private static ApiException decodeFailure(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return new ApiException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_too_large",
                    "the request line or headers are too long");
        }
        return ApiException.badRequest("bad_request", "the request is not valid HTTP/1.1");
    }

    private FullHttpResponse route(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/v1/health")) {
            requireMethod(request, GET);
            return health();
        }
        if (path.equals("/v1/openapi.yaml")) {
            requireMethod(request, GET);
            return openApi();
        }
        if (path.equals("/v1/catalog")) {
            requireMethod(request, GET);
            KioskAuth.caller(ctx);
            return document(request, documents.catalog());
        }
        Matcher m = KIOSK_ROUTE.matcher(path);
        if (!m.matches()) {
            throw notFound(path);
        }
        KioskId kiosk = kioskId(m.group(1));
        KioskAuth.requireKiosk(ctx, kiosk);
        String rest = m.group(2);
        switch (rest) {
            case "/heartbeats":
                requireMethod(request, POST);
                return postHeartbeat(kiosk, request);
            case "/heartbeat":
                requireMethod(request, GET);
                return getHeartbeat(kiosk);
            case "/config":
                requireMethod(request, GET);
                return document(request, documents.config(kiosk));
            case "/uploads":
                requireMethod(request, POST);
                return createUpload(kiosk, request);
            case "/submissions":
                requireMethod(request, POST);
                return submit(kiosk, request);
            case "/ratings":
                requireMethod(request, POST);
                return rate(kiosk, request);
            case "/identity-verifications":
                requireMethod(request, POST);
                return verifyIdentity(request);
            default:
                break;
        }
        Matcher u = UPLOAD.matcher(rest);
        if (u.matches()) {
            String uploadId = uploadId(u.group(1));
            if (request.method().equals(HEAD)) {
                return uploadState(kiosk, uploadId);
            }
            if (request.method().equals(PATCH)) {
                return appendChunk(kiosk, uploadId, request);
            }
            throw ApiException.methodNotAllowed(request.method(), "HEAD, PATCH");
        }
        Matcher s = SUBMISSION.matcher(rest);
        if (s.matches()) {
            requireMethod(request, GET);
            return submissionStatus(kiosk, s.group(1));
        }
        throw notFound(path);
    }

    private static ApiException notFound(String path) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no such resource: " + path);
    }

    private FullHttpResponse health() {
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("status", "UP")
                .put("version", version)
                .put("time", Instant.now(clock).toString());
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse openApi() {
        try (InputStream in = IntakeHandler.class.getResourceAsStream(WireHeaders.OPENAPI_RESOURCE)) {
            if (in == null) {
                throw notFoundStatic();
            }
            byte[] bytes = in.readAllBytes();
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(bytes));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/yaml").setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException notFoundStatic() {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "the API description is not in this build");
    }

    /** A document with its ETag: 304 when the kiosk already has this version. */
    private static FullHttpResponse document(FullHttpRequest request, Documents.Document doc) {
        FullHttpResponse r;
        if (Documents.matches(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), doc.etag())) {
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
        } else {
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(doc.body()));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, doc.body().length);
        }
        r.headers().set(HttpHeaderNames.ETAG, doc.etag()).set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return r;
    }

    // --- heartbeats ----------------------------------------------------------------------------

    private FullHttpResponse postHeartbeat(KioskId kioskId, FullHttpRequest request) {
        Heartbeat heartbeat = Heartbeat.fromJson(readJson(request));
        store.recordHeartbeat(kioskId, heartbeat, Instant.now(clock));
        return HttpResponses.noContent();
    }

    private FullHttpResponse getHeartbeat(KioskId kioskId) {
        HeartbeatRegistry.Received received = store.latestHeartbeat(kioskId)
                .orElseThrow(() -> new ApiException(HttpResponseStatus.NOT_FOUND, "not_found",
                        "no heartbeat received from kiosk " + kioskId));
        ObjectNode body = received.heartbeat().writeTo(HttpResponses.JSON.createObjectNode())
                .put("receivedAt", received.receivedAt().toString());
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    // --- uploads -------------------------------------------------------------------------------

    private FullHttpResponse createUpload(KioskId kiosk, FullHttpRequest request) {
        JsonNode root = readJson(request);
        if (!root.isObject()) {
            throw invalid("invalid_upload", "the body must be a JSON object");
        }
        String uploadId = text(root, "uploadId", UPLOAD_ID, "invalid_upload");
        String sha = text(root, "sha256", SHA256_HEX, "invalid_upload");
        String type = text(root, "contentType", CONTENT_TYPE, "invalid_upload");
        JsonNode len = root.get("length");
        if (len == null || !len.isIntegralNumber() || !len.canConvertToLong() || len.longValue() < 0) {
            throw invalid("invalid_upload", "\"length\" is required: a byte count from 0");
        }
        if (len.longValue() > maxAttachmentBytes) {
            throw ApiException.of(413, "attachment_too_large",
                    "an attachment may have at most " + maxAttachmentBytes + " bytes, announced " + len.longValue());
        }
        if (len.longValue() == 0 && !sha.equals(HexFormat.of().formatHex(IntakeStore.sha256().digest()))) {
            throw invalid("invalid_upload", "an empty attachment has the SHA-256 of no bytes");
        }
        IntakeStore.UploadState state = store.createUpload(kiosk, new UploadCreate(uploadId, len.longValue(), sha, type));
        FullHttpResponse r = HttpResponses.json(state.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                uploadJson(state));
        r.headers().set(HttpHeaderNames.LOCATION, "/v1/kiosks/" + kiosk + "/uploads/" + uploadId);
        uploadHeaders(r, state.offset(), state.length());
        return r;
    }

    private static ObjectNode uploadJson(IntakeStore.UploadState state) {
        return HttpResponses.JSON.createObjectNode().put("uploadId", state.uploadId())
                .put("length", state.length()).put("offset", state.offset());
    }

    private static void uploadHeaders(FullHttpResponse r, long offset, long length) {
        r.headers().set(WireHeaders.UPLOAD_OFFSET, offset).set(WireHeaders.UPLOAD_LENGTH, length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }

    private FullHttpResponse uploadState(KioskId kiosk, String uploadId) {
        IntakeStore.UploadState state = store.uploadState(kiosk, uploadId);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        uploadHeaders(r, state.offset(), state.length());
        return r;
    }

    private FullHttpResponse appendChunk(KioskId kiosk, String uploadId, FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !WireHeaders.OFFSET_OCTET_STREAM.contentEquals(mime)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "a chunk must be sent as Content-Type: " + WireHeaders.OFFSET_OCTET_STREAM);
        }
        String offsetText = request.headers().get(WireHeaders.UPLOAD_OFFSET);
        long offset;
        try {
            offset = Long.parseLong(Objects.requireNonNull(offsetText));
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid("invalid_offset", "Upload-Offset is required: the byte offset this chunk starts at");
        }
        if (offset < 0) {
            throw invalid("invalid_offset", "Upload-Offset cannot be negative");
        }
        byte[] data = ByteBufUtil.getBytes(request.content());
        try {
            verifyChecksum(request.headers().get(WireHeaders.UPLOAD_CHECKSUM), data);
            long newOffset = store.appendChunk(kiosk, uploadId, offset, data);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                    Unpooled.EMPTY_BUFFER);
            r.headers().set(WireHeaders.UPLOAD_OFFSET, newOffset);
            return r;
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** tus checksum extension: {@code Upload-Checksum: sha256 <base64>}; a mismatch is 460 and nothing is stored. */
    private static void verifyChecksum(String header, byte[] data) {
        if (header == null) {
            throw invalid("checksum_required", "Upload-Checksum is required: \"sha256 <base64 digest of the chunk>\"");
        }
        String[] parts = header.strip().split(" ", 2);
        if (parts.length != 2 || !parts[0].equals("sha256")) {
            throw invalid("unsupported_checksum", "only the sha256 checksum algorithm is supported");
        }
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(parts[1].strip());
        } catch (IllegalArgumentException e) {
            throw invalid("unsupported_checksum", "the checksum is not base64");
        }
        if (!MessageDigest.isEqual(sent, IntakeStore.sha256().digest(data))) {
            throw ApiException.of(WireHeaders.STATUS_CHECKSUM_MISMATCH, "checksum_mismatch",
                    "the chunk does not match its Upload-Checksum; it was not stored");
        }
    }

    // --- submissions ---------------------------------------------------------------------------

    private FullHttpResponse submit(KioskId kiosk, FullHttpRequest request) {
        String key = request.headers().get(WireHeaders.IDEMPOTENCY_KEY);
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw invalid("idempotency_key_required",
                    "Idempotency-Key is required: 8 to 128 characters of A-Z a-z 0-9 _ . : -");
        }
        JsonNode root = readJson(request);
        SubmissionRequest submission = parseSubmission(kiosk, root);
        String hash = HexFormat.of().formatHex(IntakeStore.sha256().digest(canonical(root)));
        IntakeStore.Answer answer = store.submit(kiosk, key, hash, submission);
        FullHttpResponse r = jsonText(HttpResponseStatus.valueOf(answer.status()), answer.body());
        if (answer.replayed()) {
            r.headers().set(WireHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return r;
    }

    private SubmissionRequest parseSubmission(KioskId kiosk, JsonNode root) {
        String code = "invalid_submission";
        if (!root.isObject()) {
            throw invalid(code, "the body must be a JSON object");
        }
        String kioskId = text(root, "kioskId", null, code);
        if (!kioskId.equals(kiosk.value())) {
            throw invalid(code, "\"kioskId\" must be the kiosk of the URL");
        }
        String receipt = text(root, "localReceipt", RECEIPT, code);
        if (!receipt.startsWith(kiosk.value() + "-")) {
            throw invalid(code, "\"localReceipt\" must start with the kiosk id");
        }
        String service = text(root, "serviceCode", CODE, code);
        JsonNode applicant = root.get("applicant");
        if (applicant == null || !applicant.isObject()) {
            throw invalid(code, "\"applicant\" is required: {\"name\", \"idNumber\"}");
        }
        String name = text(applicant, "name", null, code);
        if (name.isBlank() || name.length() > 64) {
            throw invalid(code, "\"applicant.name\" must have 1 to 64 characters");
        }
        String idNumber = text(applicant, "idNumber", null, code);
        try {
            IdNumber.parse(idNumber);
        } catch (InvalidIdNumberException e) {
            throw invalid(code, "\"applicant.idNumber\" is not a valid ID number: " + e.getMessage());
        }
        Map<String, String> fields = new TreeMap<>();
        JsonNode f = root.get("fields");
        if (f != null) {
            if (!f.isObject() || f.size() > 200) {
                throw invalid(code, "\"fields\" must be an object of at most 200 text values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual() || e.getKey().length() > 64 || e.getValue().asText().length() > 4096) {
                    throw invalid(code, "field \"" + e.getKey() + "\" must be text of at most 4096 characters");
                }
                fields.put(e.getKey(), e.getValue().asText());
            }
        }
        List<AttachmentRef> attachments = new ArrayList<>();
        JsonNode a = root.get("attachments");
        if (a != null) {
            if (!a.isArray() || a.size() > 20) {
                throw invalid(code, "\"attachments\" must be an array of at most 20 attachments");
            }
            for (JsonNode n : a) {
                if (!n.isObject()) {
                    throw invalid(code, "each attachment must be an object");
                }
                JsonNode len = n.get("length");
                if (len == null || !len.isIntegralNumber() || len.longValue() < 0 || len.longValue() > maxAttachmentBytes) {
                    throw invalid(code, "attachment \"length\" must be a byte count up to " + maxAttachmentBytes);
                }
                attachments.add(new AttachmentRef(text(n, "uploadId", UPLOAD_ID, code), text(n, "kind", CODE, code),
                        text(n, "contentType", CONTENT_TYPE, code), len.longValue(), text(n, "sha256", SHA256_HEX, code)));
            }
        }
        return new SubmissionRequest(kioskId, receipt, service, new Applicant(name, idNumber), fields, attachments);
    }

    /** The body with object keys sorted and no insignificant whitespace: equal requests hash equal. */
    static byte[] canonical(JsonNode node) {
        try {
            return HttpResponses.JSON.writeValueAsBytes(sortKeys(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = HttpResponses.JSON.createObjectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sortKeys(e.getValue())));
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            var array = HttpResponses.JSON.createArrayNode();
            node.forEach(n -> array.add(sortKeys(n)));
            return array;
        }
        return node;
    }

    private FullHttpResponse submissionStatus(KioskId kiosk, String acceptanceNumber) {
        IntakeStore.StoredSubmission s = store.submission(kiosk, acceptanceNumber)
                .orElseThrow(() -> new ApiException(HttpResponseStatus.NOT_FOUND, "not_found",
                        "no submission " + acceptanceNumber + " from this kiosk"));
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("acceptanceNumber", s.acceptanceNumber())
                .put("localReceipt", s.localReceipt())
                .put("status", s.status())
                .put("acceptedAt", s.acceptedAt());
        store.ratingScore(s.acceptanceNumber()).ifPresent(score -> body.put("rating", score));
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    // --- ratings and identity ------------------------------------------------------------------

    private FullHttpResponse rate(KioskId kiosk, FullHttpRequest request) {
        JsonNode root = readJson(request);
        String code = "invalid_rating";
        if (!root.isObject()) {
            throw invalid(code, "the body must be a JSON object");
        }
        String number = text(root, "acceptanceNumber", null, code);
        JsonNode score = root.get("score");
        if (score == null || !score.isIntegralNumber() || score.intValue() < 1 || score.intValue() > 5) {
            throw invalid(code, "\"score\" is required: 1 (very dissatisfied) to 5 (very satisfied)");
        }
        String handler = optionalText(root, "handler", 64, code);
        String comment = optionalText(root, "comment", 500, code);
        boolean created = store.rate(kiosk, new RatingRequest(number, score.intValue(), handler, comment));
        return HttpResponses.json(created ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                HttpResponses.JSON.createObjectNode().put("acceptanceNumber", number).put("score", score.intValue()));
    }

    private FullHttpResponse verifyIdentity(FullHttpRequest request) {
        JsonNode root = readJson(request);
        String code = "invalid_verification";
        if (!root.isObject()) {
            throw invalid(code, "the body must be a JSON object");
        }
        String idNumber = text(root, "idNumber", null, code);
        try {
            IdNumber.parse(idNumber);
        } catch (InvalidIdNumberException e) {
            throw invalid(code, "\"idNumber\" is not a valid ID number: " + e.getMessage());
        }
        byte[] frame;
        try {
            frame = Base64.getDecoder().decode(text(root, "faceImage", null, code));
        } catch (IllegalArgumentException e) {
            throw invalid(code, "\"faceImage\" must be base64");
        }
        IdentityVerdict verdict = verifier.verify(idNumber, frame);
        log.info("identity verification {}: {}", verdict.verificationId(), verdict.verdict());
        return HttpResponses.json(HttpResponseStatus.OK, HttpResponses.JSON.valueToTree(verdict));
    }

    // --- helpers -------------------------------------------------------------------------------

    private static FullHttpResponse jsonText(HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    private static String text(JsonNode parent, String field, Pattern rule, String code) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual() || (rule != null && !rule.matcher(n.asText()).matches())) {
            throw invalid(code, "\"" + field + "\" is required" + (rule == null ? " (text)" : " and must match " + rule));
        }
        return n.asText();
    }

    private static String optionalText(JsonNode parent, String field, int max, String code) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().length() > max) {
            throw invalid(code, "\"" + field + "\" must be text of at most " + max + " characters");
        }
        return n.asText();
    }

    private static ApiException invalid(String code, String message) {
        return ApiException.badRequest(code, message);
    }

    private static JsonNode readJson(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mime)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be sent as Content-Type: application/json");
        }
        try (InputStream in = new ByteBufInputStream(request.content().duplicate())) {
            JsonNode root = HttpResponses.JSON.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the body is empty; a JSON object is expected");
            }
            return root;
        } catch (JacksonException e) {
            // Jackson's own message quotes the offending input back; the position is enough to fix a client.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireMethod(FullHttpRequest request, HttpMethod allowed) {
        if (!request.method().equals(allowed)) {
            throw ApiException.methodNotAllowed(request.method(), allowed.name());
        }
    }

    private static KioskId kioskId(String raw) {
        if (!KioskId.isValid(raw)) {
            throw ApiException.badRequest("invalid_kiosk_id", "a kiosk id is " + KioskId.RULE_TEXT);
        }
        return KioskId.of(raw);
    }

    private static String uploadId(String raw) {
        if (!UPLOAD_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("invalid_upload", "an upload id is 8 to 64 characters of A-Z a-z 0-9 -");
        }
        return raw;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only transport failures get here (a reset connection, a TLS error): there is nobody left to answer.
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            log.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}

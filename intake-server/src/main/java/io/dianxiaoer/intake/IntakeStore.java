package io.dianxiaoer.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dianxiaoer.core.wire.AttachmentRef;
import io.dianxiaoer.core.wire.KioskId;
import io.dianxiaoer.core.wire.RatingRequest;
import io.dianxiaoer.core.wire.SubmissionAccepted;
import io.dianxiaoer.core.wire.SubmissionRequest;
import io.dianxiaoer.core.wire.UploadCreate;
import io.dianxiaoer.core.wire.WireHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's business rules over {@link Database}: resumable uploads, idempotent submissions
 * with acceptance numbers, ratings, heartbeats. Rule violations are thrown as {@link ApiException}
 * with the documented status and code; a rejected request changes nothing.
 *
 * <p><b>Idempotency</b> (per kiosk and {@code Idempotency-Key}): the first request with a key
 * stores an {@code IN_FLIGHT} row in its own transaction, then does the work and stores its answer
 * ({@code DONE}) in the same transaction as the submission itself. A later request with that key
 * and the same canonical body gets the stored answer again; with a different body, 422
 * {@code idempotency_key_reused}; while the first is still in flight, 409 {@code request_in_flight}.
 * Only successful answers are stored: a refused request (invalid, attachments not complete yet)
 * removes its row, so the client may fix the cause and retry with the same key. An in-flight row
 * older than the lease (a server that died mid-request) is taken over by the next request.
 * Instances sharing one PostgreSQL apply these rules together: the primary key decides.
 *
 * <p><b>Threading.</b> Thread-safe; every method blocks on the database (see {@link Database}).
 */
final class IntakeStore {

    private static final Logger log = LoggerFactory.getLogger(IntakeStore.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The state of an upload as HEAD and POST report it. */
    record UploadState(String uploadId, long length, long offset, boolean created) {
    }

    /** A stored answer to an idempotent request; {@code replayed} when it is an earlier request's answer. */
    record Answer(int status, String body, boolean replayed) {
    }

    /** A submission as stored, for status queries, tests and the admin tool. */
    record StoredSubmission(String acceptanceNumber, String kioskId, String localReceipt, String idempotencyKey,
            String serviceCode, String applicantName, String applicantIdNumber, String fieldsJson, String status,
            String acceptedAt, List<String> uploadIds) {

        @Override
        public String toString() {
            return "StoredSubmission[" + acceptanceNumber + ", receipt=" + localReceipt + "]";
        }
    }

    private final Database db;
    private final Clock clock;
    private final Duration inFlightLease;
    private final java.util.concurrent.atomic.AtomicLong uploadsResumed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong answersReplayed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong inFlightRefused = new java.util.concurrent.atomic.AtomicLong();

    /** Counters since start: uploads created again with bytes already stored, replayed answers, 409 in flight. */
    Map<String, Long> counters() {
        return Map.of("uploadsResumed", uploadsResumed.get(), "answersReplayed", answersReplayed.get(),
                "inFlightRefused", inFlightRefused.get());
    }

    /** Test seam: runs after the IN_FLIGHT row is committed, before the work; lets tests hold a request in flight. */
    private volatile Consumer<String> beforeProcessing = key -> { };

    IntakeStore(Database db, Clock clock, Duration inFlightLease) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inFlightLease = Objects.requireNonNull(inFlightLease, "inFlightLease");
    }

    void beforeProcessing(Consumer<String> hook) {
        this.beforeProcessing = hook == null ? key -> { } : hook;
    }

    Database database() {
        return db;
    }

    // --- uploads -------------------------------------------------------------------------------

    /** Creates the upload, or finds the identical one created before (the kiosk retries after a cut). */
    UploadState createUpload(KioskId kiosk, UploadCreate create) {
        return db.inTransaction(c -> {
            Optional<UploadState> existing = findUpload(c, kiosk, create.uploadId(), create);
            if (existing.isPresent()) {
                if (existing.get().offset() > 0) {
                    uploadsResumed.incrementAndGet();
                }
                return existing.get();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO upload (kiosk_id, upload_id, length, sha256, "
                    + "content_type, upload_offset, created_at, completed_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, create.uploadId());
                ps.setLong(3, create.length());
                ps.setString(4, create.sha256());
                ps.setString(5, create.contentType());
                String now = Instant.now(clock).toString();
                ps.setString(6, now);
                // An empty attachment is complete at once (its digest was checked by the caller).
                ps.setString(7, create.length() == 0 ? now : null);
                ps.executeUpdate();
            }
            return new UploadState(create.uploadId(), create.length(), 0, true);
        });
    }

    private static Optional<UploadState> findUpload(Connection c, KioskId kiosk, String uploadId, UploadCreate expected)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT length, sha256, content_type, upload_offset FROM upload WHERE kiosk_id = ? AND upload_id = ?")) {
            ps.setString(1, kiosk.value());
            ps.setString(2, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (expected != null && (rs.getLong(1) != expected.length() || !rs.getString(2).equals(expected.sha256())
                        || !rs.getString(3).equals(expected.contentType()))) {
                    throw ApiException.of(422, "upload_conflict",
                            "upload " + uploadId + " exists with a different length, digest or content type");
                }
                return Optional.of(new UploadState(uploadId, rs.getLong(1), rs.getLong(4), false));
            }
        }
    }

    UploadState uploadState(KioskId kiosk, String uploadId) {
        return db.inTransaction(c -> findUpload(c, kiosk, uploadId, null)).orElseThrow(() -> noSuchUpload(uploadId));
    }

    private static ApiException noSuchUpload(String uploadId) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no upload " + uploadId + " for this kiosk");
    }

    /**
     * Appends {@code data} at {@code offset} (its checksum already verified by the caller) and returns the
     * new offset. When the last byte arrives the whole attachment's SHA-256 is checked; on a mismatch the
     * upload starts over at 0 and 422 {@code attachment_digest_mismatch} is thrown.
     */
    long appendChunk(KioskId kiosk, String uploadId, long offset, byte[] data) {
        long newOffset = db.inTransaction(c -> {
            UploadState state = findUpload(c, kiosk, uploadId, null).orElseThrow(() -> noSuchUpload(uploadId));
            if (state.offset() != offset) {
                throw offsetMismatch(state.offset(), offset);
            }
            if (offset + data.length > state.length()) {
                throw ApiException.of(413, "upload_overflow", "the chunk would end at " + (offset + data.length)
                        + ", past the announced length " + state.length());
            }
            if (data.length == 0) {
                return offset;
            }
            // Optimistic: the offset moves only if nobody moved it since we read it (another instance, a duplicate PATCH).
            try (PreparedStatement ps = c.prepareStatement("UPDATE upload SET upload_offset = ? "
                    + "WHERE kiosk_id = ? AND upload_id = ? AND upload_offset = ?")) {
                ps.setLong(1, offset + data.length);
                ps.setString(2, kiosk.value());
                ps.setString(3, uploadId);
                ps.setLong(4, offset);
                if (ps.executeUpdate() != 1) {
                    throw offsetMismatch(-1, offset);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO upload_chunk (kiosk_id, upload_id, chunk_offset, data) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, uploadId);
                ps.setLong(3, offset);
                ps.setBytes(4, data);
                ps.executeUpdate();
            }
            if (offset + data.length == state.length() && !completeIn(c, kiosk, uploadId)) {
                return -1L;
            }
            return offset + data.length;
        });
        if (newOffset < 0) {
            // The reset to offset 0 is committed; the kiosk starts over.
            throw ApiException.of(422, "attachment_digest_mismatch",
                    "the uploaded bytes do not have the announced SHA-256; the upload starts over at offset 0");
        }
        return newOffset;
    }

    private static ApiException offsetMismatch(long current, long sent) {
        String message = current < 0 ? "another request moved the offset; ask for it again (HEAD)"
                : "the upload is at offset " + current + ", the chunk was sent for " + sent;
        Map<CharSequence, String> headers = current < 0 ? Map.of() : Map.of(WireHeaders.UPLOAD_OFFSET, Long.toString(current));
        return new ApiException(HttpResponseStatus.CONFLICT, "offset_mismatch", message, headers);
    }

    /** In the last chunk's transaction: an upload at full length is always complete or reset. False when reset. */
    private boolean completeIn(Connection c, KioskId kiosk, String uploadId) throws SQLException {
        String expected;
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM upload WHERE kiosk_id = ? AND upload_id = ?")) {
            ps.setString(1, kiosk.value());
            ps.setString(2, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                expected = rs.getString(1);
            }
        }
        String actual = HexFormat.of().formatHex(digestChunks(c, kiosk, uploadId));
        if (!actual.equals(expected)) {
            // Start over rather than keep bytes that are not the announced attachment.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM upload_chunk WHERE kiosk_id = ? AND upload_id = ?")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, uploadId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE upload SET upload_offset = 0 WHERE kiosk_id = ? AND upload_id = ?")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, uploadId);
                ps.executeUpdate();
            }
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE upload SET completed_at = ? WHERE kiosk_id = ? AND upload_id = ?")) {
            ps.setString(1, Instant.now(clock).toString());
            ps.setString(2, kiosk.value());
            ps.setString(3, uploadId);
            ps.executeUpdate();
        }
        return true;
    }

    private static byte[] digestChunks(Connection c, KioskId kiosk, String uploadId) throws SQLException {
        MessageDigest md = sha256();
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM upload_chunk WHERE kiosk_id = ? AND upload_id = ? "
                + "ORDER BY chunk_offset")) {
            ps.setString(1, kiosk.value());
            ps.setString(2, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    md.update(rs.getBytes(1));
                }
            }
        }
        return md.digest();
    }

    /** The stored bytes of an upload (complete or not), for tests and the back office. */
    byte[] uploadContent(KioskId kiosk, String uploadId) {
        return db.inTransaction(c -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM upload_chunk WHERE kiosk_id = ? AND upload_id = ? "
                    + "ORDER BY chunk_offset")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.writeBytes(rs.getBytes(1));
                    }
                }
            }
            return out.toByteArray();
        });
    }

    // --- submissions ---------------------------------------------------------------------------

    /**
     * Accepts a submission under its idempotency key (see the class comment). {@code requestHash} is the
     * SHA-256 of the canonical body; {@code request} has been validated for shape by the caller.
     */
    Answer submit(KioskId kiosk, String key, String requestHash, SubmissionRequest request) {
        Optional<Answer> earlier = claim(kiosk, key, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        beforeProcessing.accept(key);
        try {
            return db.inTransaction(c -> {
                checkAttachments(c, kiosk, request.attachments());
                String number = nextAcceptanceNumber(c);
                String now = Instant.now(clock).toString();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission (acceptance_number, kiosk_id, "
                        + "local_receipt, idem_key, service_code, applicant_name, applicant_id_number, fields_json, status, "
                        + "accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, number);
                    ps.setString(2, kiosk.value());
                    ps.setString(3, request.localReceipt());
                    ps.setString(4, key);
                    ps.setString(5, request.serviceCode());
                    ps.setString(6, request.applicant().name());
                    ps.setString(7, request.applicant().idNumber());
                    ps.setString(8, toJson(new java.util.TreeMap<>(request.fields())));
                    ps.setString(9, "ACCEPTED");
                    ps.setString(10, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission_attachment (acceptance_number, "
                        + "ordinal, upload_id, kind) VALUES (?, ?, ?, ?)")) {
                    int ordinal = 0;
                    for (AttachmentRef a : request.attachments()) {
                        ps.setString(1, number);
                        ps.setInt(2, ordinal++);
                        ps.setString(3, a.uploadId());
                        ps.setString(4, a.kind());
                        ps.executeUpdate();
                    }
                }
                String body = toJson(new SubmissionAccepted(number, request.localReceipt(), "ACCEPTED", now));
                try (PreparedStatement ps = c.prepareStatement("UPDATE idempotency SET state = 'DONE', status_code = 201, "
                        + "response_body = ? WHERE kiosk_id = ? AND idem_key = ?")) {
                    ps.setString(1, body);
                    ps.setString(2, kiosk.value());
                    ps.setString(3, key);
                    ps.executeUpdate();
                }
                log.info("kiosk {}: receipt {} accepted as {}", kiosk, request.localReceipt(), number);
                return new Answer(201, body, false);
            });
        } catch (RuntimeException e) {
            release(kiosk, key);
            throw e;
        }
    }

    /** Stores the IN_FLIGHT row, or returns the answer the key already has, or throws 409/422. */
    private Optional<Answer> claim(KioskId kiosk, String key, String requestHash) {
        return db.inTransaction(c -> {
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency (kiosk_id, idem_key, request_hash, state, "
                    + "locked_at, created_at) VALUES (?, ?, ?, 'IN_FLIGHT', ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, key);
                ps.setString(3, requestHash);
                ps.setLong(4, now);
                ps.setString(5, Instant.ofEpochMilli(now).toString());
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            String hash;
            String state;
            int status;
            String body;
            long lockedAt;
            try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, state, status_code, response_body, locked_at "
                    + "FROM idempotency WHERE kiosk_id = ? AND idem_key = ?")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        // Deleted between our insert and select (a refused first request): the client may simply retry.
                        throw inFlight();
                    }
                    hash = rs.getString(1);
                    state = rs.getString(2);
                    status = rs.getInt(3);
                    body = rs.getString(4);
                    lockedAt = rs.getLong(5);
                }
            }
            if (!hash.equals(requestHash)) {
                throw ApiException.of(422, "idempotency_key_reused",
                        "this Idempotency-Key was used with a different request body");
            }
            if (state.equals("DONE")) {
                answersReplayed.incrementAndGet();
                return Optional.of(new Answer(status, body, true));
            }
            if (now - lockedAt < inFlightLease.toMillis()) {
                inFlightRefused.incrementAndGet();
                throw inFlight();
            }
            // The request that claimed the key died with its server: take it over.
            try (PreparedStatement ps = c.prepareStatement("UPDATE idempotency SET locked_at = ? "
                    + "WHERE kiosk_id = ? AND idem_key = ? AND state = 'IN_FLIGHT' AND locked_at = ?")) {
                ps.setLong(1, now);
                ps.setString(2, kiosk.value());
                ps.setString(3, key);
                ps.setLong(4, lockedAt);
                if (ps.executeUpdate() != 1) {
                    throw inFlight();
                }
            }
            log.warn("kiosk {}: taking over idempotency key held since {}", kiosk, Instant.ofEpochMilli(lockedAt));
            return Optional.empty();
        });
    }

    private static ApiException inFlight() {
        return new ApiException(HttpResponseStatus.CONFLICT, "request_in_flight",
                "a request with this Idempotency-Key is still being processed; retry shortly", Map.of("Retry-After", "1"));
    }

    private void release(KioskId kiosk, String key) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM idempotency WHERE kiosk_id = ? AND idem_key = ? AND state = 'IN_FLIGHT'")) {
                    ps.setString(1, kiosk.value());
                    ps.setString(2, key);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The lease frees the key later.
            log.warn("kiosk {}: cannot release an idempotency key: {}", kiosk, e.getMessage());
        }
    }

    private static void checkAttachments(Connection c, KioskId kiosk, List<AttachmentRef> refs) throws SQLException {
        for (AttachmentRef ref : refs) {
            try (PreparedStatement ps = c.prepareStatement("SELECT length, sha256, completed_at FROM upload "
                    + "WHERE kiosk_id = ? AND upload_id = ?")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, ref.uploadId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(3) == null) {
                        throw ApiException.of(409, "attachment_incomplete",
                                "attachment upload " + ref.uploadId() + " is missing or not complete; finish it first");
                    }
                    if (rs.getLong(1) != ref.length() || !rs.getString(2).equals(ref.sha256())) {
                        throw ApiException.of(422, "attachment_mismatch",
                                "attachment " + ref.uploadId() + " has another length or digest than the upload");
                    }
                }
            }
        }
    }

    private String nextAcceptanceNumber(Connection c) throws SQLException {
        String day = LocalDate.now(clock.withZone(CHINA)).format(DAY);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acceptance_counter (day, last_seq) VALUES (?, 1) "
                + "ON CONFLICT (day) DO UPDATE SET last_seq = acceptance_counter.last_seq + 1 RETURNING last_seq")) {
            ps.setString(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format(Locale.ROOT, "SL-%s-%08d", day, rs.getLong(1));
            }
        }
    }

    Optional<StoredSubmission> submission(KioskId kiosk, String acceptanceNumber) {
        return submissions("WHERE kiosk_id = ? AND acceptance_number = ?", kiosk.value(), acceptanceNumber)
                .stream().findFirst();
    }

    /** Every submission of {@code kiosk}, for tests and the back office. */
    List<StoredSubmission> submissions(KioskId kiosk) {
        return submissions("WHERE kiosk_id = ? ORDER BY acceptance_number", kiosk.value());
    }

    private List<StoredSubmission> submissions(String where, String... args) {
        return db.inTransaction(c -> {
            List<StoredSubmission> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT acceptance_number, kiosk_id, local_receipt, idem_key, "
                    + "service_code, applicant_name, applicant_id_number, fields_json, status, accepted_at FROM submission "
                    + where)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> uploads = new ArrayList<>();
                        try (PreparedStatement a = c.prepareStatement("SELECT upload_id FROM submission_attachment "
                                + "WHERE acceptance_number = ? ORDER BY ordinal")) {
                            a.setString(1, rs.getString(1));
                            try (ResultSet ars = a.executeQuery()) {
                                while (ars.next()) {
                                    uploads.add(ars.getString(1));
                                }
                            }
                        }
                        out.add(new StoredSubmission(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), List.copyOf(uploads)));
                    }
                }
            }
            return out;
        });
    }

    // --- ratings and heartbeats ----------------------------------------------------------------

    /** Stores the rating of a submission of this kiosk; the same rating again is answered as before (200). */
    boolean rate(KioskId kiosk, RatingRequest rating) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM submission WHERE kiosk_id = ? AND acceptance_number = ?")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, rating.acceptanceNumber());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found",
                                "no submission " + rating.acceptanceNumber() + " from this kiosk");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT score, handler, comment FROM rating WHERE acceptance_number = ?")) {
                ps.setString(1, rating.acceptanceNumber());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getInt(1) == rating.score() && Objects.equals(rs.getString(2), rating.handler())
                                && Objects.equals(rs.getString(3), rating.comment())) {
                            return false;
                        }
                        throw ApiException.of(409, "already_rated", "submission " + rating.acceptanceNumber()
                                + " already has another rating");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rating (acceptance_number, kiosk_id, score, handler, "
                    + "comment, rated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, rating.acceptanceNumber());
                ps.setString(2, kiosk.value());
                ps.setInt(3, rating.score());
                ps.setString(4, rating.handler());
                ps.setString(5, rating.comment());
                ps.setString(6, Instant.now(clock).toString());
                ps.executeUpdate();
            }
            return true;
        });
    }

    Optional<Integer> ratingScore(String acceptanceNumber) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT score FROM rating WHERE acceptance_number = ?")) {
                ps.setString(1, acceptanceNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getInt(1)) : Optional.<Integer>empty();
                }
            }
        });
    }

    void recordHeartbeat(KioskId kiosk, Heartbeat heartbeat, Instant receivedAt) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO heartbeat (kiosk_id, version, queue_depth, devices, "
                    + "received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET version = excluded.version, "
                    + "queue_depth = excluded.queue_depth, devices = excluded.devices, received_at = excluded.received_at")) {
                ps.setString(1, kiosk.value());
                ps.setString(2, heartbeat.version());
                ps.setInt(3, heartbeat.queueDepth());
                ps.setString(4, heartbeat.writeTo(HttpResponses.JSON.createObjectNode()).get("devices").toString());
                ps.setString(5, receivedAt.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<HeartbeatRegistry.Received> latestHeartbeat(KioskId kiosk) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, queue_depth, devices, received_at FROM heartbeat WHERE kiosk_id = ?")) {
                ps.setString(1, kiosk.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<HeartbeatRegistry.Received>empty();
                    }
                    com.fasterxml.jackson.databind.node.ObjectNode n = HttpResponses.JSON.createObjectNode()
                            .put("version", rs.getString(1)).put("queueDepth", rs.getInt(2));
                    try {
                        n.set("devices", HttpResponses.JSON.readTree(rs.getString(3)));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored heartbeat devices are not JSON", e);
                    }
                    return Optional.of(new HeartbeatRegistry.Received(Heartbeat.fromJson(n), Instant.parse(rs.getString(4))));
                }
            }
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String toJson(Object value) {
        try {
            return HttpResponses.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}

package io.dianxiaoer.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.wire.Applicant;
import io.dianxiaoer.core.wire.KioskId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's offline outbox: submissions and their attachments wait here, on the kiosk's SQLite
 * file, until the intake has accepted them.
 *
 * <p><b>Enqueue</b> writes the submission, its attachments and a new local receipt number in one
 * {@code BEGIN IMMEDIATE} transaction that is on disk ({@code synchronous=FULL}, WAL) when
 * {@link #enqueue} returns, online or not: a crash either keeps all of it or none of it, and never
 * loses a receipt that a citizen was shown. Personal data (applicant, form fields, attachment
 * bytes) is sealed with AES-GCM under the kiosk's {@link DataKey} before it reaches the file; the
 * plain columns hold only numbers, states, sizes and times.
 *
 * <p><b>States:</b> {@code QUEUED} (waiting or being uploaded) → {@code ACCEPTED} (the intake gave an
 * acceptance number) → {@code PURGED} (personal data deleted once the retention window after
 * acceptance has passed); {@code REJECTED} when the intake refused the submission for good (kept for
 * a technician, never retried on its own).
 *
 * <p><b>Threading.</b> Thread-safe: one connection, used by one thread at a time; sealing and opening
 * happen outside the lock. A daemon thread {@code outbox-checkpoint} copies the WAL into the main file
 * every few seconds on a second connection, so that no citizen's enqueue pays for a checkpoint. Every method blocks on the file (an fsync per commit): never call it on
 * the JavaFX thread or a Netty event loop. <b>Lifecycle:</b> {@link #open} → {@link #close}.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final ObjectMapper JSON = new ObjectMapper();

    public static final int MAX_ATTACHMENTS = 20;

    /** Submission states as stored. */
    public enum State { QUEUED, ACCEPTED, REJECTED, PURGED }

    /** What the kiosk hands to the outbox; holds personal data, so {@link #toString()} does not show it. */
    public record NewSubmission(String serviceCode, Applicant applicant, Map<String, String> fields,
            List<NewAttachment> attachments) {
        public NewSubmission {
            Objects.requireNonNull(serviceCode, "serviceCode");
            Objects.requireNonNull(applicant, "applicant");
            fields = fields == null ? Map.of() : Map.copyOf(fields);
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        @Override
        public String toString() {
            return "NewSubmission[" + serviceCode + ", " + fields.size() + " fields, " + attachments.size() + " attachments]";
        }
    }

    /** An attachment (a document photo, a scan): personal data. */
    public record NewAttachment(String kind, String contentType, byte[] data) {
        public NewAttachment {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "NewAttachment[" + kind + ", " + data.length + " bytes]";
        }
    }

    /** The local receipt number the citizen gets at once, and when it was issued. */
    public record LocalReceipt(String number, Instant issuedAt) {
    }

    /** Where a submission stands; {@code acceptanceNumber} once the intake has accepted it. */
    public record Status(String localReceipt, State state, Optional<String> acceptanceNumber, int attempts,
            Optional<String> lastError) {
    }

    /** The queue at a glance, for the technician's CLI and the heartbeat. */
    public record Stats(Map<State, Long> counts, Optional<Duration> oldestQueuedAge, long bytes) {
        public long queued() {
            return counts.getOrDefault(State.QUEUED, 0L);
        }
    }

    /** A queued submission opened for upload (personal data: kept only while uploading). */
    record Pending(long id, String localReceipt, String idempotencyKey, String serviceCode, Applicant applicant,
            Map<String, String> fields, List<PendingAttachment> attachments, int attempts) {
        @Override
        public String toString() {
            return "Pending[" + localReceipt + "]";
        }
    }

    record PendingAttachment(int ordinal, String uploadId, String kind, String contentType, long length, boolean uploaded) {
    }

    private final Path file;
    private final KioskId kiosk;
    private final DataKey key;
    private final Clock clock;
    private final long maxAttachmentBytes;
    private final Connection connection;
    private final java.util.concurrent.ScheduledExecutorService checkpointer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "outbox-checkpoint");
                t.setDaemon(true);
                return t;
            });
    private Connection checkpointConnection;
    private boolean closed;

    static final int CHECKPOINT_SECONDS = 5;

    private Outbox(Path file, KioskId kiosk, DataKey key, Clock clock, long maxAttachmentBytes, Connection connection) {
        this.file = file;
        this.kiosk = kiosk;
        this.key = key;
        this.clock = clock;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.connection = connection;
    }

    public static Outbox open(Path file, KioskId kiosk, DataKey key, Clock clock, long maxAttachmentBytes) {
        Objects.requireNonNull(kiosk, "kiosk");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        Path abs = file.toAbsolutePath();
        Connection c = OutboxDatabase.open(abs);
        try (Statement st = c.createStatement()) {
            // No checkpoint inside a citizen's enqueue: copying megabytes of WAL into the main file there made the
            // p99 several times the p50. checkpoint() does it in the background, on its own connection.
            st.execute("PRAGMA wal_autocheckpoint = 0");
        } catch (SQLException e) {
            OutboxDatabase.closeQuietly(c);
            throw OutboxDatabase.failure("cannot open the outbox", abs, e);
        }
        Outbox outbox = new Outbox(abs, kiosk, key, clock, maxAttachmentBytes, c);
        outbox.checkpointer.scheduleWithFixedDelay(outbox::checkpointQuietly, CHECKPOINT_SECONDS, CHECKPOINT_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
        return outbox;
    }

    public KioskId kiosk() {
        return kiosk;
    }

    public Path file() {
        return file;
    }

    /**
     * Stores the submission and its attachments and returns its local receipt number, durable when
     * this returns. Blocks for an fsync (tens of ms on a slow disk).
     *
     * @throws IllegalArgumentException if an attachment is larger than the limit or there are too many
     * @throws ReceiptSequenceException if the file cannot be written (no receipt was issued)
     */
    public LocalReceipt enqueue(NewSubmission submission) {
        if (submission.attachments().size() > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("at most " + MAX_ATTACHMENTS + " attachments per submission");
        }
        for (NewAttachment a : submission.attachments()) {
            if (a.data().length > maxAttachmentBytes) {
                throw new IllegalArgumentException("attachment " + a.kind() + " has " + a.data().length
                        + " bytes, more than the limit of " + maxAttachmentBytes);
            }
        }
        // Seal before taking the write lock: the transaction holds only the inserts and the fsync.
        String idemKey = UUID.randomUUID().toString();
        byte[] payload = payloadJson(submission);
        byte[] sealedPayload = key.seal(payload, "payload:" + idemKey);
        DataKey.wipe(payload);
        List<String> uploadIds = new ArrayList<>();
        List<byte[]> sealed = new ArrayList<>();
        for (NewAttachment a : submission.attachments()) {
            String uploadId = UUID.randomUUID().toString();
            uploadIds.add(uploadId);
            sealed.add(key.seal(a.data(), "attachment:" + uploadId));
        }
        Instant now = clock.instant();
        synchronized (this) {
            ensureOpen();
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    String receipt = LocalReceiptSequence.allocate(connection, kiosk.value(), LocalDate.now(clock));
                    long id;
                    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO outbox_submission (local_receipt, "
                            + "idem_key, service_code, state, payload, payload_bytes, attachment_count, created_at, "
                            + "next_attempt_at) VALUES (?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, receipt);
                        ps.setString(2, idemKey);
                        ps.setString(3, submission.serviceCode());
                        ps.setBytes(4, sealedPayload);
                        ps.setLong(5, sealedPayload.length);
                        ps.setInt(6, sealed.size());
                        ps.setLong(7, now.toEpochMilli());
                        ps.setLong(8, now.toEpochMilli());
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO outbox_attachment (submission_id, "
                            + "ordinal, upload_id, kind, content_type, length, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        for (int i = 0; i < sealed.size(); i++) {
                            NewAttachment a = submission.attachments().get(i);
                            ps.setLong(1, id);
                            ps.setInt(2, i);
                            ps.setString(3, uploadIds.get(i));
                            ps.setString(4, a.kind());
                            ps.setString(5, a.contentType());
                            ps.setLong(6, a.data().length);
                            ps.setBytes(7, sealed.get(i));
                            ps.executeUpdate();
                        }
                    }
                    st.execute("COMMIT");
                    log.info("enqueued {} ({} attachments)", receipt, sealed.size());
                    return new LocalReceipt(receipt, now);
                } catch (SQLException | RuntimeException e) {
                    LocalReceiptSequence.rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw OutboxDatabase.failure("cannot enqueue a submission", file, e);
            }
        }
    }

    private static byte[] payloadJson(NewSubmission s) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("applicant").put("name", s.applicant().name()).put("idNumber", s.applicant().idNumber());
        ObjectNode fields = root.putObject("fields");
        new TreeMap<>(s.fields()).forEach(fields::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- for the uploader --------------------------------------------------------------------

    /** Ids of queued submissions due at {@code nowMillis}, oldest due first. */
    synchronized List<Long> due(long nowMillis, int limit) {
        ensureOpen();
        return query("SELECT id FROM outbox_submission WHERE state = 'QUEUED' AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, id LIMIT ?", ps -> {
                    ps.setLong(1, nowMillis);
                    ps.setInt(2, limit);
                }, rs -> rs.getLong(1));
    }

    /** When the next queued submission becomes due (epoch ms), if any is queued. */
    synchronized Optional<Long> nextDueAt() {
        ensureOpen();
        List<Long> r = query("SELECT MIN(next_attempt_at) FROM outbox_submission WHERE state = 'QUEUED'", ps -> { },
                rs -> rs.getObject(1) == null ? null : rs.getLong(1));
        return r.isEmpty() ? Optional.empty() : Optional.ofNullable(r.get(0));
    }

    /** Opens a queued submission for upload; empty when it is no longer queued. */
    Optional<Pending> load(long id) {
        String receipt;
        String idemKey;
        String service;
        byte[] sealedPayload;
        int attempts;
        List<PendingAttachment> attachments;
        synchronized (this) {
            ensureOpen();
            List<Object[]> rows = query("SELECT local_receipt, idem_key, service_code, payload, attempts FROM outbox_submission "
                    + "WHERE id = ? AND state = 'QUEUED'", ps -> ps.setLong(1, id),
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)});
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = rows.get(0);
            receipt = (String) row[0];
            idemKey = (String) row[1];
            service = (String) row[2];
            sealedPayload = (byte[]) row[3];
            attempts = (Integer) row[4];
            attachments = query("SELECT ordinal, upload_id, kind, content_type, length, uploaded FROM outbox_attachment "
                    + "WHERE submission_id = ? ORDER BY ordinal", ps -> ps.setLong(1, id),
                    rs -> new PendingAttachment(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getInt(6) == 1));
        }
        byte[] payload = key.open(sealedPayload, "payload:" + idemKey);
        try {
            JsonNode root = JSON.readTree(payload);
            Applicant applicant = new Applicant(root.at("/applicant/name").asText(), root.at("/applicant/idNumber").asText());
            Map<String, String> fields = new TreeMap<>();
            root.get("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new Pending(id, receipt, idemKey, service, applicant, fields, attachments, attempts));
        } catch (IOException e) {
            throw new IllegalStateException("payload of " + receipt + " is not readable", e);
        } finally {
            DataKey.wipe(payload);
        }
    }

    /** The plaintext of an attachment; the caller wipes it after use. */
    byte[] attachmentData(long id, int ordinal) {
        Object[] row;
        synchronized (this) {
            ensureOpen();
            List<Object[]> rows = query("SELECT upload_id, sealed FROM outbox_attachment WHERE submission_id = ? AND ordinal = ?",
                    ps -> {
                        ps.setLong(1, id);
                        ps.setInt(2, ordinal);
                    }, rs -> new Object[] {rs.getString(1), rs.getBytes(2)});
            if (rows.isEmpty() || rows.get(0)[1] == null) {
                throw new IllegalStateException("attachment " + ordinal + " of submission " + id + " is gone");
            }
            row = rows.get(0);
        }
        return key.open((byte[]) row[1], "attachment:" + row[0]);
    }

    synchronized void markAttachmentUploaded(long id, int ordinal, boolean uploaded) {
        update("UPDATE outbox_attachment SET uploaded = ? WHERE submission_id = ? AND ordinal = ?", ps -> {
            ps.setInt(1, uploaded ? 1 : 0);
            ps.setLong(2, id);
            ps.setInt(3, ordinal);
        });
    }

    synchronized void resetAttachments(long id) {
        update("UPDATE outbox_attachment SET uploaded = 0 WHERE submission_id = ?", ps -> ps.setLong(1, id));
    }

    /** The intake accepted it: the acceptance number replaces the local receipt. */
    synchronized void markAccepted(long id, String acceptanceNumber) {
        update("UPDATE outbox_submission SET state = 'ACCEPTED', acceptance_number = ?, accepted_at = ?, last_error = NULL "
                + "WHERE id = ? AND state = 'QUEUED'", ps -> {
                    ps.setString(1, acceptanceNumber);
                    ps.setLong(2, clock.millis());
                    ps.setLong(3, id);
                });
    }

    /** How many attempts a submission has had (0 when it is unknown). */
    synchronized int attempts(long id) {
        ensureOpen();
        List<Integer> r = query("SELECT attempts FROM outbox_submission WHERE id = ?", ps -> ps.setLong(1, id), rs -> rs.getInt(1));
        return r.isEmpty() ? 0 : r.get(0);
    }

    synchronized void markRetry(long id, long nextAttemptAt, String error) {
        update("UPDATE outbox_submission SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "WHERE id = ? AND state = 'QUEUED'", ps -> {
                    ps.setLong(1, nextAttemptAt);
                    ps.setString(2, error);
                    ps.setLong(3, id);
                });
    }

    synchronized void markRejected(long id, String error) {
        update("UPDATE outbox_submission SET state = 'REJECTED', last_error = ? WHERE id = ? AND state = 'QUEUED'", ps -> {
            ps.setString(1, error);
            ps.setLong(2, id);
        });
    }

    /** Makes every queued submission due now (a technician's "sync now"). Returns how many. */
    public synchronized int makeAllDue() {
        return update("UPDATE outbox_submission SET next_attempt_at = ? WHERE state = 'QUEUED' AND next_attempt_at > ?", ps -> {
            ps.setLong(1, clock.millis());
            ps.setLong(2, clock.millis());
        });
    }

    /**
     * Deletes the personal data of submissions accepted longer than {@code retention} ago: payload and
     * attachment bytes go (secure_delete zeroes the freed pages), receipt and acceptance number stay.
     */
    public synchronized int purge(Duration retention) {
        ensureOpen();
        long before = clock.millis() - retention.toMillis();
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                int n;
                try (PreparedStatement ps = connection.prepareStatement("UPDATE outbox_attachment SET sealed = NULL "
                        + "WHERE submission_id IN (SELECT id FROM outbox_submission WHERE state = 'ACCEPTED' AND accepted_at <= ?)")) {
                    ps.setLong(1, before);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = connection.prepareStatement("UPDATE outbox_submission SET state = 'PURGED', "
                        + "payload = NULL, purged_at = ? WHERE state = 'ACCEPTED' AND accepted_at <= ?")) {
                    ps.setLong(1, clock.millis());
                    ps.setLong(2, before);
                    n = ps.executeUpdate();
                }
                st.execute("COMMIT");
                if (n > 0) {
                    log.info("purged the personal data of {} accepted submissions", n);
                }
                return n;
            } catch (SQLException | RuntimeException e) {
                LocalReceiptSequence.rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw OutboxDatabase.failure("cannot purge", file, e);
        }
    }

    // --- for the kiosk and the technician ----------------------------------------------------

    public synchronized Optional<Status> status(String localReceipt) {
        ensureOpen();
        List<Status> r = query("SELECT local_receipt, state, acceptance_number, attempts, last_error FROM outbox_submission "
                + "WHERE local_receipt = ?", ps -> ps.setString(1, localReceipt),
                rs -> new Status(rs.getString(1), State.valueOf(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                        rs.getInt(4), Optional.ofNullable(rs.getString(5))));
        return r.stream().findFirst();
    }

    /** Every submission's status, in receipt order (tests and the technician's CLI; no personal data). */
    public synchronized List<Status> all() {
        ensureOpen();
        return query("SELECT local_receipt, state, acceptance_number, attempts, last_error FROM outbox_submission ORDER BY id",
                ps -> { }, rs -> new Status(rs.getString(1), State.valueOf(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), rs.getInt(4), Optional.ofNullable(rs.getString(5))));
    }

    public synchronized Stats stats() {
        ensureOpen();
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        long[] oldest = {Long.MAX_VALUE};
        query("SELECT state, COUNT(*), MIN(created_at) FROM outbox_submission GROUP BY state", ps -> { }, rs -> {
            State s = State.valueOf(rs.getString(1));
            counts.put(s, rs.getLong(2));
            if (s == State.QUEUED) {
                oldest[0] = rs.getLong(3);
            }
            return null;
        });
        List<Long> bytes = query("SELECT (SELECT COALESCE(SUM(length(payload)), 0) FROM outbox_submission) "
                + "+ (SELECT COALESCE(SUM(length(sealed)), 0) FROM outbox_attachment)", ps -> { }, rs -> rs.getLong(1));
        Optional<Duration> age = oldest[0] == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, clock.millis() - oldest[0])));
        return new Stats(Map.copyOf(counts), age, bytes.get(0));
    }

    // --- cached documents (catalog, configuration) -------------------------------------------

    record CachedDocument(String etag, byte[] body) {
    }

    synchronized Optional<CachedDocument> cached(String name) {
        ensureOpen();
        List<CachedDocument> r = query("SELECT etag, body FROM cached_document WHERE name = ?", ps -> ps.setString(1, name),
                rs -> new CachedDocument(rs.getString(1), rs.getBytes(2)));
        return r.stream().findFirst();
    }

    synchronized void storeDocument(String name, String etag, byte[] body) {
        update("INSERT INTO cached_document (name, etag, body, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE "
                + "SET etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at", ps -> {
                    ps.setString(1, name);
                    ps.setString(2, etag);
                    ps.setBytes(3, body);
                    ps.setLong(4, clock.millis());
                });
    }

    /** The catalog or configuration as last downloaded (JSON bytes), if ever. */
    public Optional<byte[]> document(String name) {
        return cached(name).map(CachedDocument::body);
    }

    // --- plumbing ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw OutboxDatabase.failure("cannot read the outbox", file, e);
        }
    }

    private int update(String sql, Binder binder) {
        ensureOpen();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw OutboxDatabase.failure("cannot update the outbox", file, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("outbox " + file + " is closed");
        }
    }

    /**
     * Copies the WAL into the main file without blocking writers ({@code PASSIVE}), on its own connection.
     * Runs every {@value #CHECKPOINT_SECONDS} s on {@code outbox-checkpoint}; the next commit after a
     * complete checkpoint starts the WAL over. Returns the WAL frames still not copied (-1 on failure).
     */
    int checkpoint() {
        Connection c;
        synchronized (this) {
            if (closed) {
                return -1;
            }
            if (checkpointConnection == null) {
                try {
                    checkpointConnection = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + file);
                    try (Statement st = checkpointConnection.createStatement()) {
                        st.execute("PRAGMA busy_timeout = " + OutboxDatabase.BUSY_TIMEOUT_MILLIS);
                    }
                } catch (SQLException e) {
                    throw OutboxDatabase.failure("cannot open a checkpoint connection", file, e);
                }
            }
            c = checkpointConnection;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return rs.getInt(2) - rs.getInt(3);
        } catch (SQLException e) {
            throw OutboxDatabase.failure("cannot checkpoint", file, e);
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.warn("outbox checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        checkpointer.shutdownNow();
        try {
            checkpointer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            OutboxDatabase.closeQuietly(checkpointConnection);
            // The last connection to close checkpoints the WAL into the main file.
            OutboxDatabase.closeQuietly(connection);
        }
    }
}

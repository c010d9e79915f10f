package io.dianxiaoer.sync;

import java.io.IOException;
import java.nio.file.Files;
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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Allocates the local receipt numbers that a citizen gets for a submission made while the
 * intake is out of reach: {@code <kioskId>-<yyyyMMdd>-<6-digit sequence>}, for example
 * {@code SH-PD-0001-20261122-000042}. The sequence starts again at 1 on each new day.
 *
 * <p><b>Never reuses a number.</b> The counter lives in a SQLite file (WAL journal,
 * {@code synchronous=FULL}) and each allocation is one {@code BEGIN IMMEDIATE} transaction that
 * is on disk before {@link #next()} returns, so a number handed to a citizen survives a crash or
 * power cut, and reopening the file continues after it. If the clock goes back to an earlier day
 * (RTC reset, NTP correction) the sequence stays on the latest day it has used instead of
 * restarting an old day's count: the date in a number is then a day late, but never a duplicate.
 * A corrupt or foreign file fails loudly ({@link ReceiptSequenceException}) and is left untouched;
 * silently starting over would hand out numbers again.
 *
 * <p><b>Threading and blocking.</b> Thread-safe: callers on any thread are served one at a time
 * (one JDBC connection per instance). Several instances, in this or other processes, may share
 * one file; SQLite's write lock serialises them. {@link #next()} <em>blocks</em> on an fsync and,
 * when another connection holds the write lock, for up to {@value #BUSY_TIMEOUT_MILLIS} ms:
 * never call it on the JavaFX application thread or a Netty event loop.
 *
 * <p><b>Lifecycle.</b> {@link #open} creates the file (and its directory) when missing and brings
 * the schema up to date; {@link #close()} releases the file, waiting for an allocation in
 * progress. Closing twice is harmless; {@link #next()} after close throws
 * {@link IllegalStateException}.
 */
public final class LocalReceiptSequence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalReceiptSequence.class);

    /** The kiosk id becomes part of every receipt number, so it is kept to printable, URL-safe characters. */
    private static final Pattern KIOSK_ID = Pattern.compile("[A-Z0-9-]{1,32}");

    static final int MAX_SEQUENCE = 999_999;

    /** Long enough to outwait another instance's burst of allocations, short enough to report a stuck lock. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * Schema migrations; migration {@code n} is element {@code n - 1}. Only ever append: a file
     * records the versions applied to it in {@code schema_version}. (Flyway replaces this later.)
     */
    private static final List<String> MIGRATIONS = List.of(
            // 1: one counter per kiosk id. day is the yyyyMMdd of the last number handed out.
            """
            CREATE TABLE receipt_counter (
                kiosk_id TEXT    NOT NULL PRIMARY KEY,
                day      TEXT    NOT NULL CHECK (length(day) = 8),
                last_seq INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 999999)
            )""");

    private final Path file;
    private final String kioskId;
    private final Clock clock;
    private final Connection connection;
    private final PreparedStatement selectCounter;
    private final PreparedStatement insertCounter;
    private final PreparedStatement updateCounter;
    private boolean closed;

    private LocalReceiptSequence(Path file, String kioskId, Clock clock, Connection connection) throws SQLException {
        this.file = file;
        this.kioskId = kioskId;
        this.clock = clock;
        this.connection = connection;
        this.selectCounter = connection.prepareStatement("SELECT day, last_seq FROM receipt_counter WHERE kiosk_id = ?");
        this.insertCounter = connection.prepareStatement("INSERT INTO receipt_counter (kiosk_id, day, last_seq) VALUES (?, ?, ?)");
        this.updateCounter = connection.prepareStatement("UPDATE receipt_counter SET day = ?, last_seq = ? WHERE kiosk_id = ?");
    }

    /** Opens (or creates) the sequence for {@code kioskId}, dating numbers by the system clock and time zone. */
    public static LocalReceiptSequence open(Path databaseFile, String kioskId) {
        return open(databaseFile, kioskId, Clock.systemDefaultZone());
    }

    /**
     * Opens (or creates) the sequence for {@code kioskId}; the clock's zone decides where a day ends.
     *
     * @throws IllegalArgumentException if {@code kioskId} is not 1–32 characters of {@code A-Z 0-9 -}
     * @throws ReceiptSequenceException if the file cannot be created, is not a usable database, or
     *     has a schema newer than this build
     */
    public static LocalReceiptSequence open(Path databaseFile, String kioskId, Clock clock) {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(clock, "clock");
        String id = validateKioskId(kioskId);
        Path file = databaseFile.toAbsolutePath();
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ReceiptSequenceException("cannot create the directory of the receipt sequence " + file, e);
        }

        Connection connection = null;
        try {
            connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
            configure(connection, file);
            migrate(connection, file);
            return new LocalReceiptSequence(file, id, clock, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("cannot open the receipt sequence", file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static String validateKioskId(String kioskId) {
        Objects.requireNonNull(kioskId, "kioskId");
        if (!KIOSK_ID.matcher(kioskId).matches()) {
            throw new IllegalArgumentException("kioskId must be 1 to 32 characters of A-Z, 0-9 and '-' "
                    + "(upper case, no spaces), got \"" + kioskId + "\"");
        }
        return kioskId;
    }

    /** Per-connection settings. The busy timeout comes first so that the journal switch waits for other openers. */
    private static void configure(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            // This is the first statement that reads the file: a garbage file fails here, before anything is written.
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    // e.g. a file system without shared memory support: fsync guarantees would differ from the documented ones.
                    throw new ReceiptSequenceException("receipt sequence " + file + " cannot use WAL journaling (got \""
                            + mode + "\")");
                }
            }
            // FULL also syncs the WAL on every commit: without it a power cut can undo a number already printed.
            st.execute("PRAGMA synchronous = FULL");
        }
    }

    /** Applies missing migrations in one write transaction, so two processes opening a new file at once cannot both apply them. */
    private static void migrate(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
                int current;
                try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
                if (current > MIGRATIONS.size()) {
                    throw new ReceiptSequenceException("receipt sequence " + file + " has schema version " + current
                            + ", newer than this build knows (" + MIGRATIONS.size() + "); refusing to use it");
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                        st.execute(MIGRATIONS.get(version - 1));
                        record.setInt(1, version);
                        record.setString(2, Instant.now().toString());
                        record.executeUpdate();
                        log.info("receipt sequence {}: applied schema migration {}", file, version);
                    }
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /**
     * Allocates the next number and makes it durable before returning it. Blocks; see the class comment.
     *
     * @throws ReceiptSequenceException if the store fails, or today's 999 999 numbers are used up
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized String next() {
        if (closed) {
            throw new IllegalStateException("receipt sequence " + file + " is closed");
        }
        LocalDate today = LocalDate.now(clock);
        try {
            try (Statement st = connection.createStatement()) {
                // IMMEDIATE takes the write lock before the read, so two connections cannot both read the same last_seq.
                st.execute("BEGIN IMMEDIATE");
                try {
                    String number = allocate(today);
                    st.execute("COMMIT");
                    return number;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw failure("cannot allocate a receipt number", file, e);
        }
    }

    /** Runs inside the write transaction. */
    private String allocate(LocalDate today) throws SQLException {
        LocalDate day = today;
        int sequence = 1;
        boolean exists;
        selectCounter.setString(1, kioskId);
        try (ResultSet rs = selectCounter.executeQuery()) {
            exists = rs.next();
            if (exists) {
                LocalDate lastDay = LocalDate.parse(rs.getString(1), DAY);
                if (!today.isAfter(lastDay)) {
                    if (today.isBefore(lastDay)) {
                        log.warn("clock is at {} but receipt numbers already reached {}: continuing on {}",
                                today, lastDay, lastDay);
                    }
                    day = lastDay;
                    sequence = rs.getInt(2) + 1;
                }
            }
        }
        if (sequence > MAX_SEQUENCE) {
            throw new ReceiptSequenceException("receipt numbers for kiosk " + kioskId + " on " + day.format(DAY)
                    + " are used up (" + MAX_SEQUENCE + ")");
        }
        String dayText = day.format(DAY);
        if (exists) {
            updateCounter.setString(1, dayText);
            updateCounter.setInt(2, sequence);
            updateCounter.setString(3, kioskId);
            updateCounter.executeUpdate();
        } else {
            insertCounter.setString(1, kioskId);
            insertCounter.setString(2, dayText);
            insertCounter.setInt(3, sequence);
            insertCounter.executeUpdate();
        }
        return String.format(Locale.ROOT, "%s-%s-%06d", kioskId, dayText, sequence);
    }

    public String kioskId() {
        return kioskId;
    }

    public Path file() {
        return file;
    }

    /** Closes the file; waits for an allocation in progress on another thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Closing the connection also closes its statements; the last connection checkpoints the WAL.
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close the receipt sequence", file, e);
        }
    }

    /** Turns a driver error into one that says what went wrong with which file, in words an operator can act on. */
    private static ReceiptSequenceException failure(String action, Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff; // primary result code; extended codes keep it in the low byte
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new ReceiptSequenceException(action + ": " + file + " is not a valid SQLite database (corrupt, "
                    + "or another kind of file). It was left untouched; starting a new sequence could reuse numbers "
                    + "already given out, so move the file aside for inspection and restore it from a backup", e);
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code) {
            return new ReceiptSequenceException(action + ": " + file + " stayed locked by another connection for more than "
                    + BUSY_TIMEOUT_MILLIS + " ms", e);
        }
        return new ReceiptSequenceException(action + " (" + file + "): " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (e.g. on SQLITE_FULL); the original error is the one that matters.
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing to open; the first error is reported.
            }
        }
    }
}

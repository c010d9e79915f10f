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
import io.dianxiaoer.core.wire.KioskId;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Allocates the local receipt numbers that a citizen gets for a submission made while the
 * intake is out of reach: {@code <kioskId>-<yyyyMMdd>-<6-digit sequence>}, for example
 * {@code SH-PD-0001-20261122-000042}. The sequence starts again at 1 on each new day.
 *
 * <p><b>Never reuses a number.</b> The counter lives in a SQLite file (WAL journal,
 * {@code synchronous=FULL}, schema by Flyway: see {@link OutboxDatabase}) and each allocation is one {@code BEGIN IMMEDIATE} transaction that
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

    static final int MAX_SEQUENCE = 999_999;

    /** Long enough to outwait another instance's burst of allocations, short enough to report a stuck lock. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path file;
    private final String kioskId;
    private final Clock clock;
    private final Connection connection;
    private boolean closed;

    private LocalReceiptSequence(Path file, String kioskId, Clock clock, Connection connection) throws SQLException {
        this.file = file;
        this.kioskId = kioskId;
        this.clock = clock;
        this.connection = connection;
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

        Connection connection = OutboxDatabase.open(file);
        try {
            return new LocalReceiptSequence(file, id, clock, connection);
        } catch (SQLException e) {
            OutboxDatabase.closeQuietly(connection);
            throw OutboxDatabase.failure("cannot open the receipt sequence", file, e);
        }
    }

    private static String validateKioskId(String kioskId) {
        Objects.requireNonNull(kioskId, "kioskId");
        return KioskId.of(kioskId).value();
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
                    String number = allocate(connection, kioskId, today);
                    st.execute("COMMIT");
                    return number;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw OutboxDatabase.failure("cannot allocate a receipt number", file, e);
        }
    }

    /**
     * Allocates the next number of {@code kioskId} for {@code today}; runs inside the caller's write
     * transaction ({@code BEGIN IMMEDIATE}) on {@code connection}, so the outbox can take a number in the
     * same transaction that stores the submission.
     */
    static String allocate(Connection connection, String kioskId, LocalDate today) throws SQLException {
        LocalDate day = today;
        int sequence = 1;
        boolean exists;
        try (PreparedStatement selectCounter = connection.prepareStatement(
                "SELECT day, last_seq FROM receipt_counter WHERE kiosk_id = ?")) {
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
        }
        if (sequence > MAX_SEQUENCE) {
            throw new ReceiptSequenceException("receipt numbers for kiosk " + kioskId + " on " + day.format(DAY)
                    + " are used up (" + MAX_SEQUENCE + ")");
        }
        String dayText = day.format(DAY);
        if (exists) {
            try (PreparedStatement updateCounter = connection.prepareStatement(
                    "UPDATE receipt_counter SET day = ?, last_seq = ? WHERE kiosk_id = ?")) {
                updateCounter.setString(1, dayText);
                updateCounter.setInt(2, sequence);
                updateCounter.setString(3, kioskId);
                updateCounter.executeUpdate();
            }
        } else {
            try (PreparedStatement insertCounter = connection.prepareStatement(
                    "INSERT INTO receipt_counter (kiosk_id, day, last_seq) VALUES (?, ?, ?)")) {
                insertCounter.setString(1, kioskId);
                insertCounter.setString(2, dayText);
                insertCounter.setInt(3, sequence);
                insertCounter.executeUpdate();
            }
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
            throw OutboxDatabase.failure("cannot close the receipt sequence", file, e);
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

    static void rollbackQuietly(Connection connection, Exception cause) {
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

package io.dianxiaoer.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Opens the kiosk's SQLite file (receipt counter and outbox): WAL journal, {@code synchronous=FULL}
 * (a commit is on disk, WAL included, before it returns), {@code secure_delete} (freed pages are
 * zeroed), and the schema brought up to date by Flyway's versioned migrations in
 * {@code db/V<n>__*.sql}. A file whose schema is newer than this build is refused.
 *
 * <p>Stateless helper; each call blocks on the file.
 */
final class OutboxDatabase {

    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private OutboxDatabase() {
    }

    /** Migrates (once per call) and returns a configured connection in auto-commit mode. */
    static Connection open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ReceiptSequenceException("cannot create the directory of " + file, e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection connection = null;
        try {
            connection = new SQLiteConfig().createConnection(url);
            configure(connection, file);
            migrate(url, file);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("cannot open", file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void configure(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            // The first statement that reads the file: a garbage file fails here, before anything is written.
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new ReceiptSequenceException(file + " cannot use WAL journaling (got \"" + mode + "\")");
                }
            }
            // FULL also syncs the WAL on every commit: without it a power cut can undo a receipt already printed.
            st.execute("PRAGMA synchronous = FULL");
            // Freed pages (purged ciphertext) are overwritten with zeros rather than left in the file.
            st.execute("PRAGMA secure_delete = ON");
            st.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void migrate(String url, Path file) {
        Flyway flyway = Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:io/dianxiaoer/sync/db")
                .failOnMissingLocations(true)
                .load();
        MigrationVersion known = null;
        for (MigrationInfo info : flyway.info().all()) {
            boolean future = info.getState().name().startsWith("FUTURE");
            if (!future && info.getVersion() != null && (known == null || info.getVersion().compareTo(known) > 0)) {
                known = info.getVersion();
            }
        }
        MigrationInfo current = flyway.info().current();
        if (current != null && current.getState().name().startsWith("FUTURE")) {
            throw new ReceiptSequenceException(file + " has schema version " + current.getVersion()
                    + ", newer than this build knows (" + known + "); refusing to use it");
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new ReceiptSequenceException("cannot migrate " + file + ": " + e.getMessage(), e);
        }
    }

    /** Turns a driver error into one that says what went wrong with which file, in words an operator can act on. */
    static ReceiptSequenceException failure(String action, Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
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

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is reported.
            }
        }
    }
}

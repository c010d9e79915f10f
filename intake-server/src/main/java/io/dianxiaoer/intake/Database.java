package io.dianxiaoer.intake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The intake's store: embedded SQLite (default) or PostgreSQL, the same schema in both, brought
 * up to date by Flyway from {@code db/sqlite} or {@code db/postgresql} at {@link #open}.
 *
 * <p><b>Threading and blocking.</b> Thread-safe. A small fixed pool of connections; {@link #inTransaction}
 * borrows one (blocking up to 30 s when all are busy), runs the work in one transaction and
 * commits. SQLite connections begin {@code IMMEDIATE} transactions so that two writers never
 * deadlock on a lock upgrade; WAL lets readers go on meanwhile. Every method blocks on I/O: call
 * it from the server's blocking executor, never from a Netty event loop.
 *
 * <p><b>Lifecycle.</b> {@link #open} migrates and fills the pool; {@link #close} closes every
 * connection (waiting for borrowed ones for a few seconds).
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    enum Dialect { SQLITE, POSTGRESQL }

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Dialect dialect;
    private final String url;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    private Database(Dialect dialect, String url, int size) {
        this.dialect = dialect;
        this.url = url;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Opens {@code jdbcUrl} ({@code jdbc:sqlite:/path/intake.db} or {@code jdbc:postgresql://…});
     * user and password are used for PostgreSQL only and may be null.
     */
    static Database open(String jdbcUrl, String user, String password, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect dialect;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = Dialect.SQLITE;
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("database URL must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:io/dianxiaoer/intake/db/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .failOnMissingLocations(true)
                .load()
                .migrate();
        Database db = new Database(dialect, redact(jdbcUrl), poolSize);
        try {
            for (int i = 0; i < poolSize; i++) {
                Connection c;
                if (dialect == Dialect.SQLITE) {
                    // Auto-commit stays on: the xerial driver would otherwise hold BEGIN IMMEDIATE (the write lock) on
                    // every idle pooled connection. inTransaction issues BEGIN IMMEDIATE / COMMIT itself.
                    c = openSqlite(jdbcUrl);
                } else {
                    c = DriverManager.getConnection(jdbcUrl, user, password);
                    c.setAutoCommit(false);
                }
                db.all.add(c);
                db.idle.add(c);
            }
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("cannot connect to the intake database " + db.url + ": " + e.getMessage(), e);
        }
        log.info("intake database {} ({}) ready, {} connections", db.url, dialect, poolSize);
        return db;
    }

    private static Connection openSqlite(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: an acceptance number given to a kiosk must survive a power cut of the server.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        return config.createConnection(url);
    }

    /** The URL without credentials, for messages and logs. */
    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        Connection c;
        try {
            c = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        if (c == null) {
            throw new IllegalStateException("no database connection free for 30 s");
        }
        try {
            if (dialect == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    // IMMEDIATE: take the write lock up front, so two writers never deadlock on a lock upgrade.
                    st.execute("BEGIN IMMEDIATE");
                }
            }
            T result = work.run(c);
            if (dialect == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
            } else {
                c.commit();
            }
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw new IllegalStateException("database failure: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            idle.add(c);
        }
    }

    private void rollback(Connection c, Throwable cause) {
        try {
            if (dialect == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException e) {
                    // "no transaction is active": SQLite already rolled back (a failed COMMIT, SQLITE_FULL). Nothing to do.
                }
                return;
            }
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** For tests and the admin CLI: runs a statement outside any business rule. */
    void execute(String sql) {
        inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("closing a database connection failed: {}", e.getMessage());
            }
        }
        all.clear();
        idle.clear();
    }
}

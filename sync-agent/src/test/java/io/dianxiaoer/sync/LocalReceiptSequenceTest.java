package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReceiptSequenceTest {

    private static final String KIOSK = "SH-PD-0001";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-11-22 10:00 in Shanghai. */
    private static final Instant NOV_22 = Instant.parse("2026-11-22T02:00:00Z");

    @TempDir
    Path dir;

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, SHANGHAI);
    }

    @Test
    void numbersHaveTheDocumentedFormat() {
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(dir.resolve("receipts.db"), KIOSK, at(NOV_22))) {
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-000001");
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-000002");
        }
    }

    @Test
    void dayIsTheDayInTheClocksZone() {
        // 2026-11-22 17:00 UTC is already 2026-11-23 in Shanghai.
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T17:00:00Z"), SHANGHAI);
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(dir.resolve("receipts.db"), KIOSK, clock)) {
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261123-000001");
        }
    }

    @Test
    void sequenceContinuesAfterReopen() {
        Path file = dir.resolve("receipts.db");
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(file, KIOSK, at(NOV_22))) {
            for (int i = 0; i < 41; i++) {
                seq.next();
            }
        }
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(file, KIOSK, at(NOV_22))) {
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-000042");
        }
    }

    @Test
    void newDayStartsAtOneAndClockGoingBackNeverReusesANumber() {
        Path file = dir.resolve("receipts.db");
        MutableClock clock = new MutableClock(NOV_22);
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(file, KIOSK, clock)) {
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-000001");

            clock.set(NOV_22.plus(Duration.ofDays(1)));
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261123-000001");

            // The RTC jumps back a day: an old day's count must not restart.
            clock.set(NOV_22);
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261123-000002");
        }
    }

    @Test
    void aDayThatRunsOutOfNumbersFailsInsteadOfWrappingAround() throws Exception {
        Path file = dir.resolve("receipts.db");
        MutableClock clock = new MutableClock(NOV_22);
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(file, KIOSK, clock)) {
            seq.next();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
                st.execute("UPDATE receipt_counter SET last_seq = 999998");
            }
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-999999");
            assertThatThrownBy(seq::next).isInstanceOf(ReceiptSequenceException.class).hasMessageContaining("used up");
            // The failed attempt was rolled back and changed nothing; the next day starts afresh.
            clock.set(NOV_22.plus(Duration.ofDays(1)));
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261123-000001");
        }
    }

    @Test
    void eachKioskIdHasItsOwnCounter() {
        Path file = dir.resolve("receipts.db");
        try (LocalReceiptSequence a = LocalReceiptSequence.open(file, "SH-PD-0001", at(NOV_22));
                LocalReceiptSequence b = LocalReceiptSequence.open(file, "SH-PD-0002", at(NOV_22))) {
            assertThat(a.next()).isEqualTo("SH-PD-0001-20261122-000001");
            assertThat(b.next()).isEqualTo("SH-PD-0002-20261122-000001");
            assertThat(a.next()).isEqualTo("SH-PD-0001-20261122-000002");
        }
    }

    @Test
    void fourThreadsGetTwoThousandDistinctNumbers() throws Exception {
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(dir.resolve("receipts.db"), KIOSK, at(NOV_22))) {
            List<String> all = allocateConcurrently(List.of(seq, seq, seq, seq), 500);

            assertThat(all).hasSize(2000).doesNotHaveDuplicates();
            assertThat(all).allMatch(n -> n.matches("SH-PD-0001-20261122-\\d{6}"));
            // Nothing skipped either: exactly 1..2000 were handed out.
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-002001");
        }
    }

    @Test
    void twoInstancesOnOneFileNeverCollide() throws Exception {
        Path file = dir.resolve("receipts.db");
        try (LocalReceiptSequence a = LocalReceiptSequence.open(file, KIOSK, at(NOV_22));
                LocalReceiptSequence b = LocalReceiptSequence.open(file, KIOSK, at(NOV_22))) {
            List<String> all = allocateConcurrently(List.of(a, b, a, b), 250);

            assertThat(all).hasSize(1000).doesNotHaveDuplicates();
            assertThat(a.next()).isEqualTo("SH-PD-0001-20261122-001001");
            assertThat(b.next()).isEqualTo("SH-PD-0001-20261122-001002");
        }
    }

    @Test
    void invalidKioskIdIsRejectedWithAClearMessage() {
        Path file = dir.resolve("receipts.db");
        for (String bad : List.of("", "sh-pd-0001", "SH PD 0001", "SH_PD", "柜台1", "A".repeat(33))) {
            assertThatThrownBy(() -> LocalReceiptSequence.open(file, bad))
                    .as("kiosk id \"%s\"", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("kioskId must be 1 to 32 characters of A-Z, 0-9 and '-'")
                    .hasMessageContaining("\"" + bad + "\"");
        }
        assertThatThrownBy(() -> LocalReceiptSequence.open(file, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("kioskId");
        // Validation happens before the file is touched.
        assertThat(file).doesNotExist();
    }

    @Test
    void databaseFileAndItsDirectoryAreCreatedWhenMissing() throws Exception {
        Path file = dir.resolve("var/lib/dianxiaoer/receipts.db");
        assertThat(file.getParent()).doesNotExist();

        try (LocalReceiptSequence seq = LocalReceiptSequence.open(file, KIOSK, at(NOV_22))) {
            assertThat(seq.next()).endsWith("-000001");
        }

        assertThat(file).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("Flyway applied every migration").isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                var rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("journal mode stored in the file").isEqualTo("wal");
        }
    }

    @Test
    void corruptFileFailsLoudlyAndIsLeftUntouched() throws Exception {
        Path file = dir.resolve("receipts.db");
        byte[] garbage = "this is not a database, just bytes on a disk. ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        Files.write(file, garbage);

        assertThatThrownBy(() -> LocalReceiptSequence.open(file, KIOSK, at(NOV_22)))
                .isInstanceOf(ReceiptSequenceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not a valid SQLite database")
                .hasMessageContaining("left untouched");

        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void schemaNewerThanThisBuildIsRefused() throws Exception {
        Path file = dir.resolve("receipts.db");
        LocalReceiptSequence.open(file, KIOSK, at(NOV_22)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, installed_on, execution_time, success) "
                    + "VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, 1)");
        }

        assertThatThrownBy(() -> LocalReceiptSequence.open(file, KIOSK, at(NOV_22)))
                .isInstanceOf(ReceiptSequenceException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void nextAfterCloseIsRefusedAndCloseIsIdempotent() {
        LocalReceiptSequence seq = LocalReceiptSequence.open(dir.resolve("receipts.db"), KIOSK, at(NOV_22));
        seq.close();
        seq.close();
        assertThatThrownBy(seq::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * Runs one task per entry of {@code workers}, all released at once, each allocating {@code perWorker}
     * numbers from its sequence. Returns every number handed out.
     */
    private static List<String> allocateConcurrently(List<LocalReceiptSequence> workers, int perWorker)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (LocalReceiptSequence seq : workers) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>(perWorker);
                    for (int i = 0; i < perWorker; i++) {
                        mine.add(seq.next());
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}

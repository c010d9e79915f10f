package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.wire.KioskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on its own: receipts, states, stats, purge, sealing, the key store, backoff and breaker. */
class OutboxTest {

    private static final KioskId KIOSK = KioskId.of("SH-PD-0001");

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-11-22T02:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private Outbox open() {
        return Outbox.open(dir.resolve("outbox.db"), KIOSK, DataKey.openOrCreate(dir.resolve("k.p12"), "pw".toCharArray()),
                clock, 1_000_000);
    }

    @Test
    void enqueueIssuesReceiptsSharingTheCounterWithLocalReceiptSequence() {
        try (Outbox o = open()) {
            assertThat(o.enqueue(TestSubmissions.create(1, 1, 100)).number()).isEqualTo("SH-PD-0001-20261122-000001");
            assertThat(o.enqueue(TestSubmissions.create(2, 0, 0)).number()).isEqualTo("SH-PD-0001-20261122-000002");
        }
        try (LocalReceiptSequence seq = LocalReceiptSequence.open(dir.resolve("outbox.db"), KIOSK.value(), clock)) {
            assertThat(seq.next()).isEqualTo("SH-PD-0001-20261122-000003");
        }
        try (Outbox o = open()) {
            assertThat(o.enqueue(TestSubmissions.create(3, 0, 0)).number()).isEqualTo("SH-PD-0001-20261122-000004");
        }
    }

    @Test
    void statsCountStatesOldestAgeAndBytesAndPurgeKeepsOnlyNumbers() {
        try (Outbox o = open()) {
            o.enqueue(TestSubmissions.create(1, 2, 1000));
            now.addAndGet(60_000);
            o.enqueue(TestSubmissions.create(2, 1, 500));
            Outbox.Stats s = o.stats();
            assertThat(s.queued()).isEqualTo(2);
            assertThat(s.oldestQueuedAge()).hasValue(Duration.ofMinutes(1));
            assertThat(s.bytes()).isGreaterThan(2500).isLessThan(4000);

            long id = o.due(now.get(), 10).get(0);
            o.markAccepted(id, "SL-20261122-00000001");
            assertThat(o.purge(Duration.ofHours(1))).as("inside the retention window").isZero();
            now.addAndGet(Duration.ofHours(1).toMillis());
            assertThat(o.purge(Duration.ofHours(1))).isEqualTo(1);
            Outbox.Status purged = o.status("SH-PD-0001-20261122-000001").orElseThrow();
            assertThat(purged.state()).isEqualTo(Outbox.State.PURGED);
            assertThat(purged.acceptanceNumber()).hasValue("SL-20261122-00000001");
            assertThat(o.stats().bytes()).isLessThan(1000);
            assertThat(o.stats().queued()).isEqualTo(1);
        }
    }

    @Test
    void retryScheduleAndRejectionAreKept() {
        try (Outbox o = open()) {
            o.enqueue(TestSubmissions.create(1, 0, 0));
            long id = o.due(now.get(), 10).get(0);
            o.markRetry(id, now.get() + 5_000, "503 unavailable on submission");
            assertThat(o.due(now.get(), 10)).isEmpty();
            assertThat(o.nextDueAt()).hasValue(now.get() + 5_000);
            assertThat(o.makeAllDue()).isEqualTo(1);
            assertThat(o.due(now.get(), 10)).containsExactly(id);
            o.markRejected(id, "400 invalid_submission on submission");
            Outbox.Status s = o.status("SH-PD-0001-20261122-000001").orElseThrow();
            assertThat(s.state()).isEqualTo(Outbox.State.REJECTED);
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.lastError()).hasValue("400 invalid_submission on submission");
        }
    }

    @Test
    void tamperedOrMovedCiphertextIsDetected() throws Exception {
        try (Outbox o = open()) {
            o.enqueue(TestSubmissions.create(1, 1, 100));
            o.enqueue(TestSubmissions.create(2, 1, 100));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                Statement st = c.createStatement()) {
            // Move submission 2's sealed attachment onto submission 1: AES-GCM's associated data notices.
            st.execute("UPDATE outbox_attachment SET sealed = (SELECT sealed FROM outbox_attachment WHERE submission_id = 2) "
                    + "WHERE submission_id = 1");
        }
        try (Outbox o = open()) {
            assertThatThrownBy(() -> o.attachmentData(1, 0)).hasMessageContaining("fails authentication");
            assertThat(o.attachmentData(2, 0)).isEqualTo(TestSubmissions.attachmentBytes(2, 0, 100));
        }
    }

    @Test
    void theDataKeyStoreIsCreatedOnceAndAWrongPasswordFails() {
        Path ks = dir.resolve("keys/datakey.p12");
        DataKey a = DataKey.openOrCreate(ks, "secret".toCharArray());
        byte[] sealed = a.seal(new byte[] {1, 2, 3}, "ctx");
        assertThat(sealed).hasSize(3 + DataKey.OVERHEAD);
        assertThat(DataKey.openOrCreate(ks, "secret".toCharArray()).open(sealed, "ctx")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> DataKey.openOrCreate(ks, "wrong".toCharArray())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.open(sealed, "other")).hasMessageContaining("fails authentication");
        assertThat(a.toString()).doesNotContain("secret");
    }

    @Test
    void oversizedAttachmentsAreRefusedBeforeAnythingIsStored() throws Exception {
        try (Outbox o = open()) {
            assertThatThrownBy(() -> o.enqueue(TestSubmissions.create(1, 1, 1_000_001)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(o.stats().queued()).isZero();
        }
        assertThat(Files.exists(dir.resolve("outbox.db"))).isTrue();
    }

    @Test
    void backoffHasFullJitterUnderAnExponentialCappedCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        assertThat(List.of(b.ceilingMillis(1), b.ceilingMillis(2), b.ceilingMillis(3), b.ceilingMillis(7), b.ceilingMillis(60)))
                .containsExactly(100L, 200L, 400L, 5000L, 5000L);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = b.delayMillis(4);
            assertThat(d).isBetween(0L, 800L);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).as("full jitter reaches down near zero").isLessThan(100);
        assertThat(max).as("and up near the ceiling").isGreaterThan(700);
    }

    @Test
    void breakerOpensAfterTheThresholdProbesOnceAndBacksOffLonger() {
        AtomicLong nanos = new AtomicLong();
        CircuitBreaker cb = new CircuitBreaker(3, Duration.ofSeconds(1), Duration.ofSeconds(4), nanos::get);
        cb.onFailure();
        cb.onFailure();
        assertThat(cb.tryAcquire()).isTrue();
        cb.onFailure();
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(cb.tryAcquire()).isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cb.tryAcquire()).as("one probe").isTrue();
        assertThat(cb.tryAcquire()).as("only one").isFalse();
        cb.onFailure();
        assertThat(cb.nanosUntilAllowed()).isEqualTo(Duration.ofSeconds(2).toNanos());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cb.tryAcquire()).isTrue();
        cb.onSuccess();
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(cb.timesOpened()).isEqualTo(2);
    }
}

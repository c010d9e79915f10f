package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.intake.IntakeServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks (not run by default: {@code -Ddxe.bench=true}); figures go to docs/sync.md.
 * They print their results; the only assertions are about correctness, never about speed.
 */
@EnabledIfSystemProperty(named = "dxe.bench", matches = "true")
class SyncBenchmarkTest {

    @TempDir
    Path dir;

    /** Enqueue latency of a submission with five 1 MB attachments (AES-GCM + one fsync'd transaction). */
    @Test
    void enqueueLatencyWithFiveOneMegabyteAttachments() {
        int samples = Integer.getInteger("dxe.bench.enqueues", 200);
        Map<String, String> s = AgentFixture.fast(dir, "http://127.0.0.1:9");
        s.put("max.attachment.bytes", "2000000");
        List<Long> micros = new ArrayList<>();
        try (SyncAgent agent = SyncAgent.open(AgentFixture.config(s), Clock.systemUTC(), Map::of)) {
            for (int i = 0; i < 20 + samples; i++) {
                Outbox.NewSubmission sub = TestSubmissions.create(i, 5, 1024 * 1024);
                long t0 = System.nanoTime();
                agent.outbox().enqueue(sub);
                long us = (System.nanoTime() - t0) / 1000;
                if (i >= 20) {
                    micros.add(us); // the first 20 warm the JIT up
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("BENCH enqueue 5x1MB: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", micros.size(),
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }

    /** Drain throughput through a rate-limited loopback link, as a fraction of the link's rate. */
    @Test
    void drainThroughputThroughARateLimitedLink() throws Exception {
        long rate = Long.getLong("dxe.bench.rate", 2_000_000L);
        int submissions = Integer.getInteger("dxe.bench.submissions", 30);
        try (IntakeServer server = new IntakeServer().start(0); ThrottledProxy link = new ThrottledProxy(server.port(), rate)) {
            Map<String, String> s = AgentFixture.fast(dir, "http://127.0.0.1:" + link.port());
            s.put("upload.chunk.bytes", "262144");
            s.put("upload.parallel", Integer.getInteger("dxe.bench.parallel", 2).toString());
            s.put("request.timeout.ms", "30000");
            long payload = 0;
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(s), Clock.systemUTC(), Map::of)) {
                for (int i = 0; i < submissions; i++) {
                    agent.outbox().enqueue(TestSubmissions.create(i, 5, 200_000));
                    payload += 5 * 200_000;
                }
                long t0 = System.nanoTime();
                agent.start();
                assertThat(agent.engine().awaitDrained(Duration.ofMinutes(10))).isTrue();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double goodput = payload / seconds;
                System.out.printf("BENCH drain: %d submissions, %d attachment bytes in %.1f s through a %d B/s link: "
                        + "attachment goodput %.0f B/s = %.1f%% of the link; all bytes on the wire %.1f%% of the link%n",
                        submissions, payload, seconds, rate, goodput, 100 * goodput / rate,
                        100 * link.upstreamBytes() / seconds / rate);
            }
            assertThat(server.inspector().submissions(AgentFixture.KIOSK)).hasSize(submissions);
        }
    }

    /** 10 000 backlogged submissions drained while the kiosk process's heap (after GC) stays flat. */
    @Test
    void tenThousandBackloggedSubmissionsDrainWithAFlatHeap() throws Exception {
        int backlog = Integer.getInteger("dxe.bench.backlog", 10_000);
        Map<String, String> s = AgentFixture.fast(dir, "http://127.0.0.1:9");
        try (SyncAgent offline = SyncAgent.open(AgentFixture.config(s), Clock.systemUTC(), Map::of)) {
            for (int i = 0; i < backlog; i++) {
                offline.outbox().enqueue(TestSubmissions.create(i, 1, 2_000));
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (IntakeServer server = new IntakeServer().start(0)) {
            s.put("intake.url", AgentFixture.url(server));
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(s), Clock.systemUTC(), Map::of)) {
                List<Long> heap = new ArrayList<>();
                long t0 = System.nanoTime();
                agent.start();
                while (agent.outbox().stats().queued() > 0) {
                    System.gc();
                    heap.add(memory.getHeapMemoryUsage().getUsed());
                    Thread.sleep(2_000);
                }
                System.gc();
                heap.add(memory.getHeapMemoryUsage().getUsed());
                double seconds = (System.nanoTime() - t0) / 1e9;
                long min = Collections.min(heap);
                long max = Collections.max(heap);
                System.out.printf("BENCH backlog: %d submissions drained in %.0f s (%.0f/s); heap after GC over %d samples: "
                        + "first %.1f MB, min %.1f MB, max %.1f MB, last %.1f MB (intake server in the same JVM)%n", backlog,
                        seconds, backlog / seconds, heap.size(), heap.get(0) / 1e6, min / 1e6, max / 1e6,
                        heap.get(heap.size() - 1) / 1e6);
            }
            assertThat(server.inspector().submissions(AgentFixture.KIOSK)).hasSize(backlog);
        }
    }
}

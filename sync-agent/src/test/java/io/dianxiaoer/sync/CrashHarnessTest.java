package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.intake.IntakeServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash test: runs the agent as a separate process ({@link CrashWorker}) against a live intake
 * server and kills it with SIGKILL at random moments while it enqueues and uploads, again and again.
 * Some runs are first frozen (SIGSTOP) and their database files copied: a snapshot of the disk at an
 * arbitrary instant mid-write, as a power cut would leave it. Afterwards an agent drains the outbox
 * cleanly and the test checks: every submission enqueued is at the intake exactly once with
 * byte-identical attachments; every receipt that was shown survived; every snapshot reopens consistent.
 *
 * <p>Size: {@code -Ddxe.crash.kills=N} (default {@value #DEFAULT_KILLS}), {@code -Ddxe.crash.seed=S}.
 */
class CrashHarnessTest {

    private static final Logger log = LoggerFactory.getLogger(CrashHarnessTest.class);
    static final int DEFAULT_KILLS = 200;

    @TempDir
    Path dir;

    @Test
    void killedAgainAndAgainTheAgentDeliversEverySubmissionExactlyOnce() throws Exception {
        int kills = Integer.getInteger("dxe.crash.kills", DEFAULT_KILLS);
        long seed = Long.getLong("dxe.crash.seed", System.nanoTime());
        log.info("crash harness: {} kills, seed {}", kills, seed);
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> shown = ConcurrentHashMap.newKeySet();
        List<Snapshot> snapshots = new ArrayList<>();
        int killedAfterEnqueue = 0;
        long start = System.nanoTime();
        try (IntakeServer server = new IntakeServer().start(0)) {
            Map<String, String> settings = AgentFixture.fast(dir, AgentFixture.url(server));
            settings.put("upload.chunk.bytes", "16384");
            for (int run = 0; run < kills; run++) {
                Process p = startWorker(settings, random.nextLong());
                CountDownLatch ready = new CountDownLatch(1);
                Set<String> mine = ConcurrentHashMap.newKeySet();
                Thread reader = readLines(p, ready, mine);
                assertThat(ready.await(60, TimeUnit.SECONDS)).as("worker %d started", run).isTrue();
                Thread.sleep(random.nextInt(700));
                Snapshot snap = null;
                if (run % 10 == 5) {
                    // Freeze it mid-whatever, copy its files as they are on disk, then kill.
                    signal(p, "STOP");
                    snap = snapshot(run, new HashSet<>(mine));
                }
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join(5_000);
                if (snap != null) {
                    snapshots.add(snap);
                }
                if (!mine.isEmpty()) {
                    killedAfterEnqueue++;
                }
                shown.addAll(mine);
            }
            long killPhase = System.nanoTime() - start;
            // A clean agent finishes the job.
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(), Map::of)) {
                agent.start();
                agent.engine().syncNow();
                assertThat(agent.engine().awaitDrained(Duration.ofSeconds(180))).as("outbox drains").isTrue();
                IntakeCheck.verifyExactlyOnce(server, agent.outbox(), shown);
            }
            for (Snapshot s : snapshots) {
                verifySnapshot(s);
            }
            log.info("crash harness: {} kills ({} after at least one enqueue in that run), {} receipts shown, {} snapshots, "
                    + "kill phase {} s, total {} s", kills, killedAfterEnqueue, shown.size(), snapshots.size(),
                    Duration.ofNanos(killPhase).toSeconds(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
            System.out.printf("CRASH-HARNESS kills=%d withEnqueue=%d receipts=%d snapshots=%d killPhaseSeconds=%d server=%s%n",
                    kills, killedAfterEnqueue, shown.size(), snapshots.size(), Duration.ofNanos(killPhase).toSeconds(),
                    server.inspector().counters());
        }
    }

    private record Snapshot(int run, Path dir, Set<String> shownBefore) {
    }

    private Snapshot snapshot(int run, Set<String> shownBefore) throws IOException {
        Path to = Files.createDirectories(dir.resolve("snapshot-" + run));
        for (String name : List.of("outbox.db", "outbox.db-wal")) {
            Path from = dir.resolve(name);
            if (Files.exists(from)) {
                Files.copy(from, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(dir.resolve("datakey.p12"), to.resolve("datakey.p12"));
        return new Snapshot(run, to, shownBefore);
    }

    /** Reopens a power-cut snapshot: recovers, passes integrity_check, every row is whole and decrypts. */
    private void verifySnapshot(Snapshot s) throws Exception {
        Map<String, String> settings = AgentFixture.fast(s.dir(), "http://127.0.0.1:9");
        try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(), Map::of)) {
            Outbox outbox = agent.outbox();
            Set<String> receipts = outbox.all().stream().map(Outbox.Status::localReceipt).collect(Collectors.toSet());
            assertThat(receipts).as("snapshot %d keeps every receipt shown before it", s.run()).containsAll(s.shownBefore());
            for (Outbox.Status st : outbox.all()) {
                if (st.state() == Outbox.State.QUEUED) {
                    long id = idOf(s.dir(), st.localReceipt());
                    Outbox.Pending p = outbox.load(id).orElseThrow();
                    for (Outbox.PendingAttachment a : p.attachments()) {
                        assertThat(outbox.attachmentData(id, a.ordinal())).hasSize((int) a.length());
                    }
                }
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.dir().resolve("outbox.db"));
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).as("integrity of snapshot %d", s.run()).isEqualTo("ok");
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox_submission s WHERE attachment_count <> "
                    + "(SELECT COUNT(*) FROM outbox_attachment a WHERE a.submission_id = s.id)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("submissions with missing attachments in snapshot %d", s.run()).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(CAST(substr(local_receipt, -6) AS INTEGER)), 0), "
                    + "(SELECT COALESCE(MAX(last_seq), 0) FROM receipt_counter) FROM outbox_submission")) {
                rs.next();
                assertThat(rs.getInt(2)).as("receipt counter is past every stored receipt").isGreaterThanOrEqualTo(rs.getInt(1));
            }
        }
    }

    private static long idOf(Path dir, String receipt) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                var ps = c.prepareStatement("SELECT id FROM outbox_submission WHERE local_receipt = ?")) {
            ps.setString(1, receipt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Process startWorker(Map<String, String> settings, long seed) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", testClassPath(),
                "-Dlogback.configurationFile=logback-crash-worker.xml", CrashWorker.class.getName()));
        settings.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        cmd.add("--worker.seed=" + seed);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Thread readLines(Process p, CountDownLatch ready, Set<String> receipts) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ENQUEUED ")) {
                        receipts.add(line.substring(9).strip());
                    } else if (line.contains("Exception") || line.contains("ERROR")) {
                        log.warn("worker: {}", line);
                    }
                }
            } catch (IOException e) {
                // the process died: that is the point
            }
        }, "crash-worker-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        assertThat(k.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}

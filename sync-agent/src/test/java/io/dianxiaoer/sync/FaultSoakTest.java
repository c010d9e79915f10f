package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.dianxiaoer.intake.IntakeServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network fault test: the production agent uploads through a {@link FaultyProxy} (drops, resets
 * mid-body, 30 s stalls, 503 answers, slow trickle) while new submissions keep arriving, for
 * {@code -Ddxe.fault.seconds} of faulty traffic; then the intake goes down for
 * {@code -Ddxe.fault.down.seconds} (CPU and connection attempts are measured: no busy loop);
 * then the faults stop and the queue must drain with everything at the intake exactly once.
 */
class FaultSoakTest {

    private static final Logger log = LoggerFactory.getLogger(FaultSoakTest.class);

    @TempDir
    Path dir;

    @Test
    void everythingArrivesExactlyOnceThroughAFaultyLink() throws Exception {
        int faultSeconds = Integer.getInteger("dxe.fault.seconds", 180);
        int downSeconds = Integer.getInteger("dxe.fault.down.seconds", 15);
        long seed = Long.getLong("dxe.fault.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        log.info("fault soak: {} s of faults, {} s down, seed {}", faultSeconds, downSeconds, seed);
        Set<String> shown = ConcurrentHashMap.newKeySet();
        try (IntakeServer server = new IntakeServer().start(0); FaultyProxy proxy = new FaultyProxy(server.port())) {
            Map<String, String> settings = AgentFixture.fast(dir, "http://127.0.0.1:" + proxy.port());
            settings.put("request.timeout.ms", "4000");
            settings.put("breaker.open.ms", "500");
            settings.put("breaker.max.open.ms", "4000");
            settings.put("backoff.cap.ms", "3000");
            settings.put("upload.parallel", "3");
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(), Map::of)) {
                agent.start();
                proxy.faults(true);
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> {
                    while (producing.get()) {
                        long s = random.nextLong(1, Long.MAX_VALUE);
                        shown.add(agent.enqueue(TestSubmissions.create(s, random.nextInt(4), 1 + random.nextInt(150_000))).number());
                        try {
                            Thread.sleep(150 + random.nextInt(200));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "producer");
                producer.start();
                Thread.sleep(faultSeconds * 1000L);
                producing.set(false);
                producer.join();
                long acceptedDuringFaults = agent.engine().acceptedCount();

                // The intake goes away: the agent must back off, not spin.
                proxy.down(true);
                for (int i = 0; i < 5; i++) {
                    agent.enqueue(TestSubmissions.create(random.nextLong(1, Long.MAX_VALUE), 1, 10_000));
                }
                Thread.sleep(3_000); // let in-flight attempts fail and the breaker open
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long connects0 = agent.client().connectAttempts();
                Thread.sleep(downSeconds * 1000L);
                double cpuShare = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
                long connectsDown = agent.client().connectAttempts() - connects0;
                log.info("intake down {} s: process CPU {}% of one core, {} connection attempts", downSeconds,
                        String.format("%.2f", cpuShare * 100), connectsDown);
                System.out.printf("FAULT-SOAK down: cpuPercentOfOneCore=%.2f connectAttempts=%d over %d s%n", cpuShare * 100,
                        connectsDown, downSeconds);
                // Breaker (open 0.5 s doubling to 4 s) allows a probe every few seconds; 3 workers at most.
                assertThat(connectsDown).as("connection attempts while the intake is down").isLessThan(10L + 3L * downSeconds);
                assertThat(cpuShare).as("CPU share while the intake is down").isLessThan(0.25);

                // The link heals: everything drains.
                proxy.down(false);
                proxy.faults(false);
                long healed = System.nanoTime();
                assertThat(agent.engine().awaitDrained(Duration.ofSeconds(180))).as("queue drains after the faults").isTrue();
                long drainSeconds = Duration.ofNanos(System.nanoTime() - healed).toSeconds();
                IntakeCheck.verifyExactlyOnce(server, agent.outbox(), shown);
                log.info("fault soak: proxy modes {}, accepted during faults {}, retries {}, drained in {} s, breaker opened {}x",
                        proxy.counts(), acceptedDuringFaults, agent.engine().retryCount(), drainSeconds,
                        agent.engine().breaker().timesOpened());
                System.out.printf("FAULT-SOAK faultSeconds=%d submissions=%d acceptedDuringFaults=%d retries=%d modes=%s "
                        + "drainSeconds=%d breakerOpened=%d server=%s%n", faultSeconds, agent.outbox().all().size(),
                        acceptedDuringFaults, agent.engine().retryCount(), proxy.counts(), drainSeconds,
                        agent.engine().breaker().timesOpened(), server.inspector().counters());
            }
        }
    }
}

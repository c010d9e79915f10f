package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.intake.IntakeServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The production agent against a live intake server on loopback: enqueue offline, drain online. */
@Timeout(120)
class EndToEndTest {

    @TempDir
    Path dir;

    @Test
    void submissionsEnqueuedWhileOfflineAreDeliveredOnceWithTheirBytes() throws Exception {
        try (IntakeServer server = new IntakeServer().start(0)) {
            int port = server.port();
            Map<String, String> settings = AgentFixture.fast(dir, AgentFixture.url(server));
            List<SyncEngine.Accepted> heard = new CopyOnWriteArrayList<>();
            List<String> receipts;
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(), Map::of)) {
                agent.engine().onAccepted(heard::add);
                receipts = List.of(
                        agent.enqueue(TestSubmissions.create(1, 3, 200_000)).number(),
                        agent.enqueue(TestSubmissions.create(2, 0, 0)).number(),
                        agent.enqueue(TestSubmissions.create(3, 1, 1)).number());
                assertThat(agent.outbox().stats().queued()).isEqualTo(3);
                agent.start();
                assertThat(agent.engine().awaitDrained(Duration.ofSeconds(60))).isTrue();
                for (String r : receipts) {
                    assertThat(agent.outbox().status(r).orElseThrow().state()).isEqualTo(Outbox.State.ACCEPTED);
                }
            }
            var accepted = server.inspector().submissions(AgentFixture.KIOSK);
            assertThat(accepted).extracting(IntakeServer.Accepted::localReceipt).containsExactlyInAnyOrderElementsOf(receipts);
            assertThat(heard).extracting(SyncEngine.Accepted::localReceipt).containsExactlyInAnyOrderElementsOf(receipts);
            for (IntakeServer.Accepted a : accepted) {
                long seed = Long.parseLong(Outbox.JSON.readTree(a.fieldsJson()).get("testSeed").asText());
                int bytes = Integer.parseInt(Outbox.JSON.readTree(a.fieldsJson()).get("attachmentBytes").asText());
                for (int i = 0; i < a.uploadIds().size(); i++) {
                    assertThat(server.inspector().attachment(AgentFixture.KIOSK, a.uploadIds().get(i)))
                            .isEqualTo(TestSubmissions.attachmentBytes(seed, i, bytes));
                }
            }
            assertThat(port).isPositive();
        }
    }

    @Test
    void heartbeatsAndDocumentPullsRunOnTheirOwn() throws Exception {
        try (IntakeServer server = new IntakeServer().start(0)) {
            Map<String, String> settings = AgentFixture.fast(dir, AgentFixture.url(server));
            settings.put("heartbeat.seconds", "1");
            settings.put("pull.seconds", "1");
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(),
                    () -> Map.of("idcard", io.dianxiaoer.core.event.DeviceStatus.READY))) {
                agent.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((server.inspector().count("heartbeat") == 0 || agent.outbox().document("config").isEmpty())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(server.inspector().count("heartbeat")).isEqualTo(1);
                assertThat(new String(agent.outbox().document("config").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"kioskId\":\"SH-PD-0001\"");
                assertThat(agent.outbox().document("catalog")).isPresent();
            }
        }
    }
}

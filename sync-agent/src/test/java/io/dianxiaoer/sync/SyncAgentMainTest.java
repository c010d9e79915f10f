package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.intake.DevPki;
import io.dianxiaoer.intake.IntakeConfig;
import io.dianxiaoer.intake.IntakeServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The technicians' command line, and the agent over mutual TLS with a pinned CA. */
@Timeout(120)
class SyncAgentMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> settings, String... command) throws Exception {
        out.reset();
        err.reset();
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(command));
        return SyncAgentMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), k -> null);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void enqueueShowTheQueueAndForceASync() throws Exception {
        try (IntakeServer server = new IntakeServer().start(0)) {
            Map<String, String> s = AgentFixture.fast(dir, AgentFixture.url(server));
            assertThat(run(s, "enqueue-test", "--count", "3", "--attachments", "2", "--attachment-bytes", "5000", "--seed", "7"))
                    .isZero();
            assertThat(out().lines()).hasSize(3).allMatch(l -> l.matches("SH-PD-0001-\\d{8}-00000[123]"));

            assertThat(run(s, "queue")).isZero();
            assertThat(out()).contains("QUEUED    3").contains("ACCEPTED  0").containsPattern("oldest queued: \\d+ s")
                    .containsPattern("bytes: \\d{5}");
            assertThat(run(s, "queue", "--json")).isZero();
            assertThat(Outbox.JSON.readTree(out()).at("/counts/QUEUED").asInt()).isEqualTo(3);

            assertThat(run(s, "sync", "--timeout", "60")).isZero();
            assertThat(out()).contains("ACCEPTED  3").contains("sync: queue drained");
            assertThat(server.inspector().submissions(AgentFixture.KIOSK)).hasSize(3);
            assertThat(out()).doesNotContain("张伟").doesNotContain("310115198503120119");
        }
    }

    @Test
    void syncWithTheIntakeDownSaysSoAndKeepsEverything() throws Exception {
        Map<String, String> s = AgentFixture.fast(dir, "http://127.0.0.1:9");
        assertThat(run(s, "enqueue-test", "--count", "1")).isZero();
        assertThat(run(s, "sync", "--timeout", "2")).isEqualTo(1);
        assertThat(out()).contains("QUEUED    1").contains("still queued");
    }

    @Test
    void badUsageIsExitCode2() throws Exception {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of("kiosk.id", "SH-1"), "frobnicate")).isEqualTo(2);
        assertThat(run(Map.of("kiosk.id", "bad id"), "queue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kioskId must be");
        assertThat(run(Map.of("kiosk.id", "SH-1", "no.such.key", "1"), "queue")).isEqualTo(2);
    }

    @Test
    void plainHttpToAnotherHostIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IntakeClient(URI.create("http://192.0.2.1:8080"), null, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("loopback");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IntakeClient(URI.create("https://127.0.0.1:8443"), null, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("client certificate");
    }

    @Test
    void theAgentDeliversOverMutualTlsWithItsCertificate() throws Exception {
        String pw = "pki-pw";
        DevPki pki = new DevPki(dir.resolve("pki"), pw).createCaAndServer("Test Kiosk CA");
        pki.issueKiosk(AgentFixture.KIOSK.value());
        IntakeConfig.Tls tls = new IntakeConfig.Tls(pki.server(), pw.toCharArray(), pki.caTrust(), pw.toCharArray());
        try (IntakeServer server = new IntakeServer(IntakeConfig.defaults().withTls(tls)).start(0)) {
            Map<String, String> s = AgentFixture.fast(dir, "https://127.0.0.1:" + server.port());
            s.put("tls.truststore", pki.caTrust().toString());
            s.put("tls.truststore.password", pw);
            s.put("tls.keystore", pki.kiosk(AgentFixture.KIOSK.value()).toString());
            s.put("tls.keystore.password", pw);
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(s), Clock.systemUTC(), Map::of)) {
                String receipt = agent.enqueue(TestSubmissions.create(5, 2, 70_000)).number();
                agent.start();
                assertThat(agent.engine().awaitDrained(Duration.ofSeconds(60))).isTrue();
                assertThat(agent.engine().heartbeat()).isEqualTo(204);
                assertThat(agent.engine().pullDocuments()).isEqualTo(2);
                assertThat(agent.engine().pullDocuments()).as("304 the second time").isZero();
                assertThat(new String(agent.outbox().document("catalog").orElseThrow(), StandardCharsets.UTF_8))
                        .contains("catalogVersion");
                assertThat(server.inspector().submissions(AgentFixture.KIOSK)).extracting(IntakeServer.Accepted::localReceipt)
                        .containsExactly(receipt);
                assertThat(agent.client().connectAttempts()).as("keep-alive reuses connections").isLessThanOrEqualTo(4);
            }
        }
    }
}

package io.dianxiaoer.sync;

import io.dianxiaoer.core.wire.KioskId;
import io.dianxiaoer.intake.IntakeServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds agent configurations for tests: an outbox in {@code dir}, talking to {@code intakeUrl}. */
final class AgentFixture {

    static final KioskId KIOSK = KioskId.of("SH-PD-0001");

    private AgentFixture() {
    }

    /** Settings tuned for tests: fast backoff and breaker, no timers unless asked. */
    static Map<String, String> fast(Path dir, String intakeUrl) {
        Map<String, String> m = new HashMap<>();
        m.put("kiosk.id", KIOSK.value());
        m.put("outbox.file", dir.resolve("outbox.db").toString());
        m.put("datakey.store", dir.resolve("datakey.p12").toString());
        m.put("datakey.password", "test-datakey-password");
        m.put("intake.url", intakeUrl);
        m.put("upload.parallel", "2");
        m.put("upload.chunk.bytes", "65536");
        m.put("backoff.base.ms", "50");
        m.put("backoff.cap.ms", "1000");
        m.put("breaker.threshold", "3");
        m.put("breaker.open.ms", "300");
        m.put("breaker.max.open.ms", "2000");
        m.put("heartbeat.seconds", "0");
        m.put("pull.seconds", "0");
        m.put("purge.seconds", "0");
        m.put("connect.timeout.ms", "2000");
        m.put("request.timeout.ms", "5000");
        return m;
    }

    static AgentConfig config(Map<String, String> settings) {
        return AgentConfig.load(null, settings, k -> null);
    }

    static String url(IntakeServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}

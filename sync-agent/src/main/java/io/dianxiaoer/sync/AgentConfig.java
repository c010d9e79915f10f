package io.dianxiaoer.sync;

import io.dianxiaoer.core.wire.KioskId;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sync agent's settings, from a properties file plus {@code --key=value} overrides; passwords
 * may come from the environment instead ({@code DXE_DATAKEY_PASSWORD}, {@code DXE_TLS_KEYSTORE_PASSWORD},
 * {@code DXE_TLS_TRUSTSTORE_PASSWORD}) so they need not sit in a file. Immutable.
 *
 * <p>Keys and defaults: see {@link #DEFAULTS}. {@code toString()} never shows a password.
 */
public final class AgentConfig {

    /** Every key with its default ("" = required or optional without default). */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("kiosk.id", ""),
            Map.entry("outbox.file", "outbox/outbox.db"),
            Map.entry("datakey.store", "outbox/datakey.p12"),
            Map.entry("datakey.password", ""),
            Map.entry("intake.url", "http://127.0.0.1:8080"),
            Map.entry("tls.truststore", ""),
            Map.entry("tls.truststore.password", ""),
            Map.entry("tls.keystore", ""),
            Map.entry("tls.keystore.password", ""),
            Map.entry("upload.parallel", "2"),
            Map.entry("upload.chunk.bytes", "262144"),
            Map.entry("backoff.base.ms", "1000"),
            Map.entry("backoff.cap.ms", "60000"),
            Map.entry("breaker.threshold", "5"),
            Map.entry("breaker.open.ms", "5000"),
            Map.entry("breaker.max.open.ms", "60000"),
            Map.entry("heartbeat.seconds", "60"),
            Map.entry("pull.seconds", "300"),
            Map.entry("retention.hours", "72"),
            Map.entry("purge.seconds", "60"),
            Map.entry("connect.timeout.ms", "5000"),
            Map.entry("request.timeout.ms", "20000"),
            Map.entry("max.attachment.bytes", "10485760"));

    private final Map<String, String> values;

    private AgentConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Builds the configuration: defaults, then {@code file} (if not null), then {@code overrides}, then
     * passwords from {@code env} where still empty.
     *
     * @throws IllegalArgumentException for an unknown key, a bad number, or a missing kiosk id
     */
    public static AgentConfig load(Path file, Map<String, String> overrides, Function<String, String> env) {
        Map<String, String> v = new TreeMap<>(DEFAULTS);
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the configuration " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> put(v, k, p.getProperty(k).strip()));
        }
        overrides.forEach((k, val) -> put(v, k, val));
        fromEnv(v, env, "datakey.password", "DXE_DATAKEY_PASSWORD");
        fromEnv(v, env, "tls.keystore.password", "DXE_TLS_KEYSTORE_PASSWORD");
        fromEnv(v, env, "tls.truststore.password", "DXE_TLS_TRUSTSTORE_PASSWORD");
        AgentConfig c = new AgentConfig(v);
        c.kiosk();
        c.settings();
        return c;
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting \"" + key + "\"; known: " + new TreeMap<>(DEFAULTS).keySet());
        }
        v.put(key, value);
    }

    private static void fromEnv(Map<String, String> v, Function<String, String> env, String key, String name) {
        String e = env.apply(name);
        if (v.get(key).isEmpty() && e != null) {
            v.put(key, e);
        }
    }

    public String get(String key) {
        return values.get(key);
    }

    public KioskId kiosk() {
        String id = values.get("kiosk.id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("kiosk.id is required");
        }
        return KioskId.of(id);
    }

    public Path outboxFile() {
        return Path.of(values.get("outbox.file"));
    }

    public Path dataKeyStore() {
        return Path.of(values.get("datakey.store"));
    }

    public char[] dataKeyPassword() {
        return values.get("datakey.password").toCharArray();
    }

    public URI intakeUrl() {
        return URI.create(values.get("intake.url"));
    }

    /** The TLS files, or null when none are configured (plain HTTP to loopback). */
    public IntakeClient.TlsFiles tls() {
        if (values.get("tls.truststore").isEmpty()) {
            return null;
        }
        return new IntakeClient.TlsFiles(Path.of(values.get("tls.truststore")), values.get("tls.truststore.password").toCharArray(),
                Path.of(values.get("tls.keystore")), values.get("tls.keystore.password").toCharArray());
    }

    public long maxAttachmentBytes() {
        return number("max.attachment.bytes", 1, Integer.MAX_VALUE);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(number("connect.timeout.ms", 100, 600_000));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(number("request.timeout.ms", 100, 600_000));
    }

    public SyncEngine.Settings settings() {
        return new SyncEngine.Settings(
                (int) number("upload.parallel", 1, 16),
                (int) number("upload.chunk.bytes", 1024, 1024 * 1024),
                new Backoff(Duration.ofMillis(number("backoff.base.ms", 1, 3_600_000)),
                        Duration.ofMillis(number("backoff.cap.ms", 1, 86_400_000))),
                (int) number("breaker.threshold", 1, 1000),
                Duration.ofMillis(number("breaker.open.ms", 1, 3_600_000)),
                Duration.ofMillis(number("breaker.max.open.ms", 1, 3_600_000)),
                Duration.ofSeconds(number("heartbeat.seconds", 0, 86_400)),
                Duration.ofSeconds(number("pull.seconds", 0, 86_400)),
                Duration.ofHours(number("retention.hours", 0, 24 * 365)),
                Duration.ofSeconds(number("purge.seconds", 0, 86_400)),
                SyncAgent.version());
    }

    private long number(String key, long min, long max) {
        String v = values.get(key);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number from " + min + " to " + max + ", got \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be a number from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(values);
        shown.replaceAll((k, val) -> k.endsWith("password") && !val.isEmpty() ? "****" : val);
        return "AgentConfig" + shown;
    }
}

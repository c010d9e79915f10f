package io.dianxiaoer.sync;

import io.dianxiaoer.core.event.DeviceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The kiosk side of offline-first submissions, wired from an {@link AgentConfig}: the data key,
 * the {@link Outbox}, the {@link IntakeClient} and the {@link SyncEngine}. This is what the kiosk
 * app embeds: {@code enqueue} on submit (returns the local receipt at once, online or not) and
 * {@code onAccepted} to hear acceptance numbers.
 *
 * <p>Thread-safe. <b>Lifecycle:</b> {@link #open} → optionally {@link #start} → {@link #close}.
 */
public final class SyncAgent implements AutoCloseable {

    private final Outbox outbox;
    private final IntakeClient client;
    private final SyncEngine engine;

    private SyncAgent(Outbox outbox, IntakeClient client, SyncEngine engine) {
        this.outbox = outbox;
        this.client = client;
        this.engine = engine;
    }

    public static SyncAgent open(AgentConfig config, Clock clock, Supplier<Map<String, DeviceStatus>> devices) {
        DataKey key = DataKey.openOrCreate(config.dataKeyStore(), config.dataKeyPassword());
        Outbox outbox = Outbox.open(config.outboxFile(), config.kiosk(), key, clock, config.maxAttachmentBytes());
        IntakeClient client;
        try {
            SyncEngine.Settings s = config.settings();
            client = new IntakeClient(config.intakeUrl(), config.tls(), s.parallel() + 1, config.connectTimeout(),
                    config.requestTimeout());
            return new SyncAgent(outbox, client, new SyncEngine(outbox, client, s, clock, devices));
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    public SyncAgent start() {
        engine.start();
        return this;
    }

    /** Stores a submission durably and returns its local receipt; wakes the uploader. */
    public Outbox.LocalReceipt enqueue(Outbox.NewSubmission submission) {
        Outbox.LocalReceipt receipt = outbox.enqueue(submission);
        engine.wake();
        return receipt;
    }

    public Outbox outbox() {
        return outbox;
    }

    public SyncEngine engine() {
        return engine;
    }

    public IntakeClient client() {
        return client;
    }

    /** The build version (from the jar), or "dev". */
    static String version() {
        try (InputStream in = SyncAgent.class.getResourceAsStream("/META-INF/maven/io.dianxiaoer/sync-agent/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }

    @Override
    public void close() {
        engine.close();
        client.close();
        outbox.close();
    }
}

package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.dianxiaoer.core.wire.Applicant;
import io.dianxiaoer.intake.IntakeServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file (with its WAL) and the logs hold no plaintext name, ID number, form value or
 * image bytes of the submissions stored: while queued, after upload, and after the purge. Every log
 * line at every level (DEBUG included) of the agent, the intake server, Netty and the JDBC driver is
 * captured. A control run proves the search would find the plaintext if it were there.
 */
@Timeout(120)
class NoPlaintextAtRestTest {

    private static final Applicant[] PEOPLE = {
        new Applicant("欧阳娜娜", "110105199001011232"),
        new Applicant("司马相如", "31010419901105048X")};
    private static final String SECRET_FIELD = "浦东新区隐私路88号";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level rootLevel;

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.setContext(ctx);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(captured);
        root.setLevel(rootLevel);
    }

    @Test
    void neitherTheDatabaseNorTheLogsHoldPersonalData() throws Exception {
        List<byte[]> secrets = new ArrayList<>();
        List<Outbox.NewSubmission> submissions = new ArrayList<>();
        Random random = new Random(42);
        for (Applicant who : PEOPLE) {
            byte[] image = new byte[200_000];
            random.nextBytes(image);
            byte[] photo = new byte[50_000];
            random.nextBytes(photo);
            submissions.add(new Outbox.NewSubmission("SB-010", who, Map.of("address", SECRET_FIELD, "phone", "13912345678"),
                    List.of(new Outbox.NewAttachment("ID_CARD_FRONT", "image/jpeg", image.clone()),
                            new Outbox.NewAttachment("PHOTO", "image/jpeg", photo.clone()))));
            for (String text : new String[] {who.name(), who.idNumber()}) {
                secrets.add(text.getBytes(StandardCharsets.UTF_8));
                secrets.add(text.getBytes(StandardCharsets.UTF_16LE));
                secrets.add(text.getBytes(StandardCharsets.UTF_16BE));
            }
            // Any 24-byte window of the images would betray them; sample windows across each.
            for (byte[] img : new byte[][] {image, photo}) {
                for (int at = 0; at + 24 <= img.length; at += 997) {
                    secrets.add(java.util.Arrays.copyOfRange(img, at, at + 24));
                }
            }
        }
        secrets.add(SECRET_FIELD.getBytes(StandardCharsets.UTF_8));
        secrets.add("13912345678".getBytes(StandardCharsets.US_ASCII));

        try (IntakeServer server = new IntakeServer().start(0)) {
            Map<String, String> settings = AgentFixture.fast(dir, AgentFixture.url(server));
            settings.put("retention.hours", "0");
            try (SyncAgent agent = SyncAgent.open(AgentFixture.config(settings), Clock.systemUTC(), Map::of)) {
                for (Outbox.NewSubmission s : submissions) {
                    agent.enqueue(s);
                }
                assertNoSecrets(secrets, "while queued");

                agent.start();
                assertThat(agent.engine().awaitDrained(Duration.ofSeconds(60))).isTrue();
                assertThat(agent.outbox().stats().counts().get(Outbox.State.ACCEPTED)).isEqualTo(2);
                assertNoSecrets(secrets, "after upload");

                assertThat(agent.outbox().purge(Duration.ZERO)).isEqualTo(2);
                assertThat(agent.outbox().stats().counts().get(Outbox.State.PURGED)).isEqualTo(2);
                assertNoSecrets(secrets, "after purge");
            }
            // The intake did receive the real data (so the secrets were really in play).
            assertThat(server.inspector().submissions(AgentFixture.KIOSK)).extracting(IntakeServer.Accepted::applicantIdNumber)
                    .containsExactlyInAnyOrder(PEOPLE[0].idNumber(), PEOPLE[1].idNumber());
        }
        assertThat(captured.list).as("log lines captured").hasSizeGreaterThan(20);
        assertNoSecrets(secrets, "after close");
    }

    @Test
    void theSearchFindsPlaintextWhenItIsThere() throws Exception {
        Path control = dir.resolve("control.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + control); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (v TEXT)");
            st.execute("INSERT INTO t VALUES ('" + PEOPLE[0].name() + "')");
        }
        assertThat(indexOf(Files.readAllBytes(control), PEOPLE[0].name().getBytes(StandardCharsets.UTF_8))).isNotNegative();
        LoggerFactory.getLogger("control").info("a careless line: {}", PEOPLE[1].idNumber());
        assertThat(indexOf(logBytes(), PEOPLE[1].idNumber().getBytes(StandardCharsets.UTF_8))).isNotNegative();
    }

    private void assertNoSecrets(List<byte[]> secrets, String when) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("outbox.db")).forEach(files::add);
        }
        assertThat(files).as("database files").isNotEmpty();
        byte[] logs = logBytes();
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            for (byte[] secret : secrets) {
                assertThat(indexOf(content, secret)).as("%s: plaintext in %s", when, f.getFileName()).isNegative();
            }
        }
        for (byte[] secret : secrets) {
            assertThat(indexOf(logs, secret)).as("%s: plaintext in the logs", when).isNegative();
        }
    }

    /** Every captured line as the appender would print it: message, arguments, exceptions. */
    private byte[] logBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ILoggingEvent e : List.copyOf(captured.list)) {
            StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
            out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

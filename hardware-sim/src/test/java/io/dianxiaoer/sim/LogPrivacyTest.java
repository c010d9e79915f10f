package io.dianxiaoer.sim;

import static io.dianxiaoer.sim.support.EventRecorder.readOf;
import static io.dianxiaoer.sim.support.EventRecorder.removed;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.idcard.SamStatus;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.idcard.SamFault;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentity;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.Identities;
import io.dianxiaoer.sim.support.ReaderSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Logs never carry personal data: everything logged at every level during a full run (reader
 * opens, cards placed, read, swapped and removed, invalid cards, every fault) is captured and
 * searched for each bundled identity's name, ID number (and its first 14 digits), address and
 * birth date.
 */
@Timeout(180)
class LogPrivacyTest {

    /** What one log call carried: the formatted message, each argument, and the whole exception chain. */
    record Captured(String logger, Level level, List<String> texts) {
    }

    /** Captures at the moment of logging, from any thread. */
    static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            List<String> texts = new ArrayList<>();
            texts.add(e.getFormattedMessage());
            texts.add(e.getMessage());
            texts.add(e.getThreadName());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    texts.add(String.valueOf(a));
                }
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
                for (IThrowableProxy s : t.getSuppressed()) {
                    texts.add(s.getClassName() + ": " + s.getMessage());
                }
            }
            texts.addAll(e.getMDCPropertyMap().values());
            captured.add(new Captured(e.getLoggerName(), e.getLevel(), texts));
        }
    }

    private final CapturingAppender appender = new CapturingAppender();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.setContext(root.getLoggerContext());
        appender.setName("privacy-capture");
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(rootLevel);
    }

    @Test
    void aFullRunLogsNoPersonalData() throws Exception {
        EventRecorder events = new EventRecorder();
        List<String> reasonsAndErrors = new ArrayList<>();
        try (HardwareSimulator hw = HardwareSimulator.start(0, 0, Identities.BUNDLED)) {
            SamReaderSimulator sim = hw.idcardReader();
            SamIdCardReader reader = new SamIdCardReader("idcard", Transports.fromUri(sim.uri(), 115200),
                    ReaderSettings.FAST, Clock.systemUTC());
            reader.addListener(events);
            reader.addListener(e -> {
                if (e instanceof DeviceStatusChanged c) {
                    reasonsAndErrors.add(c.reason());
                }
                // what a careless listener would log: the event itself
                LoggerFactory.getLogger("careless.listener").info("event {}", e);
            });
            try {
                reader.open();
                int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));

                // every identity: placed, read, removed
                for (TestIdentity t : Identities.all()) {
                    sim.placeCard(t);
                    i = events.awaitFrom(i, "read " + t.key(), readOf(t.idNumber()));
                    sim.removeCard();
                    i = events.awaitFrom(i, "removed " + t.key(), removed());
                }

                // a swap between two polls
                TestIdentity a = Identities.get("zhang-wei");
                TestIdentity b = Identities.get("ayigul");
                sim.placeCard(a);
                i = events.awaitFrom(i, "read a", readOf(a.idNumber()));
                sim.placeCard(b);
                i = events.awaitFrom(i, "read b", readOf(b.idNumber()));

                // line noise and bad checksums while a card is on the reader
                sim.setFault(SamFault.GARBAGE_PREFIX);
                letItPoll(sim, 10);
                sim.setFault(SamFault.BAD_CHECKSUM);
                letItPoll(sim, 10);
                sim.setFault(SamFault.NONE);
                sim.removeCard();
                i = events.awaitFrom(i, "removed b", removed());

                // invalid cards of every kind: the parser's messages end up in the log
                for (TestIdentity t : Identities.residents()) {
                    for (TestIdentity forged : forgeries(t)) {
                        long errors = counter(reader, "readErrors");
                        sim.placeCard(forged);
                        Await.until("read error for a forgery of " + t.key(), () -> counter(reader, "readErrors") > errors);
                        sim.removeCard();
                    }
                }

                // a card on the reader through every fault
                TestIdentity c = Identities.get("li-xiuying");
                sim.placeCard(c);
                i = events.awaitFrom(i, "read c", readOf(c.idNumber()));
                sim.forceStatus(SamStatus.NOT_AUTHORISED.code());
                i = events.awaitFrom(i, "FAULT", status(DeviceStatus.FAULT));
                sim.setFault(SamFault.NONE);
                i = events.awaitFrom(i, "READY", status(DeviceStatus.READY));
                sim.setFault(SamFault.SILENT);
                i = events.awaitFrom(i, "OFFLINE (silent)", status(DeviceStatus.OFFLINE));
                sim.setFault(SamFault.NONE);
                i = events.awaitFrom(i, "READY", status(DeviceStatus.READY));
                sim.setFault(SamFault.UNPLUGGED);
                i = events.awaitFrom(i, "OFFLINE (unplugged)", status(DeviceStatus.OFFLINE));
                sim.setFault(SamFault.NONE);
                i = events.awaitFrom(i, "READY", status(DeviceStatus.READY));
                sim.removeCard();
                reader.health().lastError().ifPresent(reasonsAndErrors::add);
            } finally {
                reader.close();
            }

            // the technicians' tool, which prints the identity on stdout but must not log it
            TestIdentity d = Identities.get("wang-fang");
            sim.placeCard(d);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = DeviceTool.run(new String[] {"read-idcard", "--port", sim.uri(), "--timeout", "10"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(d.idNumber()); // stdout is the tool's output
            reasonsAndErrors.add(err.toString(StandardCharsets.UTF_8));
        }

        List<Captured> logged = List.copyOf(appender.captured);
        // the capture really saw the drivers at work, at every level
        assertThat(logged).extracting(Captured::logger).contains(
                "io.dianxiaoer.device.idcard.SamClient", "io.dianxiaoer.device.idcard.SamIdCardReader",
                "careless.listener");
        assertThat(logged).extracting(Captured::level).contains(Level.DEBUG, Level.INFO, Level.WARN);
        assertThat(logged).anySatisfy(c -> assertThat(c.texts().get(0)).contains("corrupt frame"));
        assertThat(logged).anySatisfy(c -> assertThat(c.texts().get(0)).contains("ID number"));
        assertThat(logged.size()).isGreaterThan(100);

        List<String> secrets = new ArrayList<>();
        for (TestIdentity t : Identities.all()) {
            secrets.addAll(secretsOf(t));
        }
        for (Captured c : logged) {
            for (String text : c.texts()) {
                if (text == null) {
                    continue;
                }
                for (String secret : secrets) {
                    assertThat(text).as("%s %s logged personal data", c.level(), c.logger()).doesNotContain(secret);
                }
            }
        }
        for (String text : reasonsAndErrors) {
            for (String secret : secrets) {
                assertThat(text).as("status reason or error").doesNotContain(secret);
            }
        }
        for (DeviceEvent e : events.all()) {
            for (String secret : secrets) {
                assertThat(e.toString()).as("event toString").doesNotContain(secret);
            }
        }
    }

    private static List<TestIdentity> forgeries(TestIdentity t) {
        String flippedGender = t.gender().equals("1") ? "2" : "1";
        String nextDay = LocalDate.parse(t.birthDate(), DateTimeFormatter.BASIC_ISO_DATE).plusDays(1)
                .format(DateTimeFormatter.BASIC_ISO_DATE);
        return List.of(
                Identities.with(t, x -> x.idNumber(Identities.wrongCheckDigit(t.idNumber()))),
                Identities.with(t, x -> x.birthDate(nextDay)),
                Identities.with(t, x -> x.gender(flippedGender)),
                Identities.with(t, x -> x.nation("99")),
                Identities.with(t, x -> x.validTo("20991399")));
    }

    private static List<String> secretsOf(TestIdentity t) {
        LocalDate birth = LocalDate.parse(t.birthDate(), DateTimeFormatter.BASIC_ISO_DATE);
        return java.util.stream.Stream.of(t.name(), t.englishName(), t.idNumber(), t.idNumber().substring(0, 14),
                        t.address(), t.appendedAddress(), t.passNumber(), t.birthDate(), birth.toString())
                .filter(s -> s != null && !s.isBlank())
                .toList();
    }

    private static long counter(SamIdCardReader reader, String name) {
        Map<String, Long> c = reader.health().counters();
        return c.getOrDefault(name, 0L);
    }

    private static void letItPoll(SamReaderSimulator sim, int n) {
        long target = sim.commandsServed() + n;
        Await.until(n + " more commands", () -> sim.commandsServed() >= target);
    }
}

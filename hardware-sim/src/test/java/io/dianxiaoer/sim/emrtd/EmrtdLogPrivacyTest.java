package io.dianxiaoer.sim.emrtd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import io.dianxiaoer.core.identity.mrtd.EmrtdReading;
import io.dianxiaoer.core.identity.mrtd.MrzAccessKey;
import io.dianxiaoer.device.emrtd.CscaTrustStore;
import io.dianxiaoer.device.emrtd.EmrtdReader;
import io.dianxiaoer.device.pcsc.ApduChannel;
import io.dianxiaoer.device.pcsc.PcscReaderWatcher;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import io.dianxiaoer.sim.support.PcscEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The APDU trace and every other log line of passport reads carry no personal data and no APDU data:
 * all reads (genuine, wrong MRZ, tampered, untrusted, damaged, expired, silent chip) run with every
 * logger at TRACE, SLF4J and java.util.logging (JMRTD's) are captured, and searched for each test
 * document's names, number, dates, MRZ key seed, and slices of its DG1, DG2 (face) and SOD bytes in hex.
 * The trace lines must also match the one format that holds only INS, lengths, status word and time.
 */
@Timeout(120)
class EmrtdLogPrivacyTest {

    static final Pattern TRACE_LINE = Pattern.compile(
            "[^#]+ #\\d+ → INS [0-9A-F]{2} Lc \\d+ Le \\d+"
                    + "|[^#]+ #\\d+ ← SW [0-9A-F]{4} data \\d+ bytes in \\d+ ms"
                    + "|[^#]+ #\\d+ ✗ INS [0-9A-F]{2} [A-Z_]+ after \\d+ ms"
                    + "|[^:]+: connected, ATR \\d+ bytes, protocol T=[01]"
                    + "|[^:]+: released after \\d+ APDUs");

    static final class Capture extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> trace = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            texts.add(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    texts.add(String.valueOf(a));
                }
            }
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
            if (e.getLoggerName().equals(ApduChannel.TRACE_LOGGER)) {
                trace.add(e.getFormattedMessage());
            }
        }
    }

    static final class JulCapture extends Handler {
        final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord r) {
            texts.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                    + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    final Capture capture = new Capture();
    final JulCapture jul = new JulCapture();
    Logger root;
    Level rootLevel;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        java.util.logging.Logger.getLogger("").addHandler(jul);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
    }

    @AfterEach
    void release() {
        root.detachAppender(capture);
        root.setLevel(rootLevel);
        java.util.logging.Logger.getLogger("").removeHandler(jul);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }

    @Test
    void passportReadsLogNoPersonalOrApduData() throws Exception {
        PcscSandbox sandbox = PcscEnvironment.sandbox();
        TestPki pki = TestPki.generate();
        String name = PcscSandbox.readerName(0);
        TestPassports passports = TestPassports.bundled();
        List<EmrtdReading> readings = new ArrayList<>();
        try (VirtualEmrtdSimulator chip = new VirtualEmrtdSimulator(sandbox.slotSocket(0), name, passports, pki);
             EmrtdReader reader = new EmrtdReader(CscaTrustStore.of(pki.trustedCsca()),
                     new EmrtdReader.Settings(Duration.ofSeconds(3), Duration.ofSeconds(1)), Clock.systemUTC());
             PcscReaderWatcher watcher = new PcscReaderWatcher("pcsc", PcscReaderWatcher.Settings.DEFAULT, Clock.systemUTC())) {
            watcher.open();
            for (TestPassport p : passports.all()) {
                MrzAccessKey key = MrzAccessKey.of(p.documentNumber(), p.birthDate(), p.expiryDate());
                // every mode for the first document, the genuine chip for the others: every code path, few seconds
                for (ChipMode mode : p == passports.all().get(0) ? List.of(ChipMode.values()) : List.of(ChipMode.GENUINE)) {
                    readings.add(read(chip, name, reader, p, mode, key));
                }
                // wrong MRZ data: the expiry date one day off
                String wrongExpiry = p.expiryDate().substring(0, 4) + (p.expiryDate().endsWith("01") ? "02" : "01");
                readings.add(read(chip, name, reader, p, ChipMode.GENUINE, MrzAccessKey.of(p.documentNumber(), p.birthDate(), wrongExpiry)));
            }
            // a silent chip, then the card pulled away
            TestPassport anna = passports.get("utopia-anna").orElseThrow();
            chip.remove();
            PcscEnvironment.awaitCard(name, false);
            chip.place(anna.key(), ChipMode.GENUINE);
            PcscEnvironment.awaitCard(name, true);
            chip.setSilent(true);
            readings.add(reader.readBlocking(name, MrzAccessKey.of(anna.documentNumber(), anna.birthDate(), anna.expiryDate())));
            chip.setSilent(false);
            chip.remove();
            PcscEnvironment.awaitCard(name, false);
        }
        assertThat(readings).extracting(EmrtdReading::verdict).contains(ChipVerdict.VERIFIED, ChipVerdict.ACCESS_DENIED,
                ChipVerdict.DATA_TAMPERED, ChipVerdict.SIGNER_UNTRUSTED, ChipVerdict.SIGNATURE_INVALID,
                ChipVerdict.DOCUMENT_EXPIRED, ChipVerdict.CHIP_ERROR);
        readings.forEach(r -> capture.texts.add(r.toString())); // a careless log line of a result must be safe too

        List<String> all = new ArrayList<>(capture.texts);
        all.addAll(jul.texts);
        assertThat(capture.trace).isNotEmpty();
        assertThat(capture.trace).allSatisfy(line -> assertThat(line).matches(TRACE_LINE));

        for (TestPassport p : passports.all()) {
            List<String> secrets = new ArrayList<>(List.of(p.documentNumber(), p.birthDate(), ChipFiles.mrzInformation(p)));
            // names as whole words: "NA" may stand inside "SIGNATURE", but never alone
            List<Pattern> names = new ArrayList<>();
            for (String n : (p.surname() + " " + p.givenNames()).split(" ")) {
                names.add(Pattern.compile("(?<![A-Za-z])" + n + "(?![A-Za-z])"));
            }
            for (Pattern n : names) {
                assertThat(all).as("logs must not contain names of %s", p.key())
                        .noneMatch(t -> t != null && n.matcher(t).find());
            }
            if (!p.expiryDate().equals("341231")) {
                secrets.add(p.expiryDate());
            }
            Map<Integer, byte[]> files = ChipFiles.build(p, pki, ChipMode.GENUINE);
            for (int fid : List.of(ChipFiles.EF_DG1, ChipFiles.EF_DG2, ChipFiles.EF_SOD)) {
                byte[] f = files.get(fid);
                for (int off = 8; off + 8 <= f.length; off += Math.max(8, f.length / 16)) {
                    String hex = HexFormat.of().formatHex(f, off, off + 8);
                    secrets.add(hex);
                    secrets.add(hex.toUpperCase(Locale.ROOT));
                }
            }
            for (String s : secrets) {
                assertThat(all).as("logs must not contain data of %s", p.key())
                        .noneMatch(t -> t != null && t.contains(s));
            }
        }
    }

    private static EmrtdReading read(VirtualEmrtdSimulator chip, String name, EmrtdReader reader, TestPassport p,
                                     ChipMode mode, MrzAccessKey key) {
        chip.remove();
        PcscEnvironment.awaitCard(name, false);
        chip.place(p.key(), mode);
        PcscEnvironment.awaitCard(name, true);
        return reader.readBlocking(name, key);
    }
}

package io.dianxiaoer.sim;

import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dianxiaoer.core.code.CodeKind;
import io.dianxiaoer.core.code.CodeParser;
import io.dianxiaoer.core.code.CodePolicy;
import io.dianxiaoer.core.code.ScannedPayload;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.scanner.ScannerFault;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.Identities;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Scanned codes may be credentials (a 随申码 token, a locker pickup code): everything logged at every
 * level while they are scanned, parsed (accepted and refused), and logged carelessly as events, is
 * searched for them.
 */
@Timeout(120)
class ScannedCodeLogPrivacyTest {

    private final LogPrivacyTest.CapturingAppender appender = new LogPrivacyTest.CapturingAppender();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.setContext(root.getLoggerContext());
        appender.setName("code-privacy-capture");
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
    void noScannedCodeReachesTheLogs() throws java.io.IOException {
        String token = "PRIVATETOKEN7Q2M9XW4";
        String pickup = "73920461";
        String valid = new ScannedPayload.SuishenCode(CodeKind.SUISHEN_CODE, Instant.now().plusSeconds(300), token).payload();
        String expired = new ScannedPayload.SuishenCode(CodeKind.E_LICENCE, Instant.now().minusSeconds(300), token).payload();
        String locker = new ScannedPayload.LockerPickup("PD01", pickup).payload();
        String text = "王小明 的预约";
        List<String> secrets = List.of(token, pickup, text);
        EventRecorder events = new EventRecorder();
        CodeParser parser = new CodeParser(CodePolicy.DEFAULT);
        try (HardwareSimulator hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
             SerialCodeScanner scanner = new SerialCodeScanner("scanner", Transports.fromUri(hw.scanner().uri(), 9600),
                     io.dianxiaoer.device.scanner.ScannerSettings.DEFAULT, Clock.systemUTC())) {
            scanner.addListener(events);
            scanner.addListener(e -> {
                LoggerFactory.getLogger("careless.listener").info("event {}", e);
                if (e instanceof CodeScanned c) {
                    LoggerFactory.getLogger("careless.listener").info("parsed {}", parser.parse(c.text(), Instant.now()));
                }
            });
            scanner.open();
            int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
            for (String code : List.of(valid, expired, locker, text)) {
                Await.until("scan sent", () -> hw.scanner().scan(code));
                i = events.awaitFrom(i, "code scanned", e -> e instanceof CodeScanned c && c.text().equals(code));
            }
            hw.scanner().setFault(ScannerFault.HALF_CODE);
            hw.scanner().scan(valid);
            Await.until("the half code dropped",
                    () -> scanner.health().counters().getOrDefault("halfCodes", 0L) >= 1);
        }
        assertThat(appender.captured).isNotEmpty();
        for (LogPrivacyTest.Captured c : appender.captured) {
            for (String t : c.texts()) {
                for (String secret : secrets) {
                    assertThat(t).as("a log line of %s", c.logger()).doesNotContain(secret);
                }
            }
        }
    }
}

package io.dianxiaoer.sim.idcard;

import static io.dianxiaoer.sim.support.EventRecorder.readOf;
import static io.dianxiaoer.sim.support.EventRecorder.removed;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.idcard.SamStatus;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.Identities;
import io.dianxiaoer.sim.support.ReaderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production polling driver against the wire-level simulator over TCP. Time is never judged:
 * the waits are generous bounds, and "nothing more happened" is measured in commands the simulator
 * served, not in milliseconds.
 */
@Timeout(120)
class SamIdCardReaderSimTest {

    static final SamIdCardReader.Settings FAST = ReaderSettings.FAST;

    private SamReaderSimulator sim;
    private SamIdCardReader reader;
    private final EventRecorder events = new EventRecorder();

    @BeforeEach
    void start() throws IOException {
        sim = new SamReaderSimulator(0);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        sim.close();
    }

    private void openReader() {
        reader = new SamIdCardReader("idcard", Transports.fromUri(sim.uri(), 115200), FAST, Clock.systemUTC());
        reader.addListener(events);
        reader.open();
    }

    private void openReaderAndAwaitReady() {
        openReader();
        events.awaitFrom(0, "READY", status(DeviceStatus.READY));
    }

    /** Lets the driver poll a few more times: the simulator serves {@code n} more commands. */
    private void letItPoll(int n) {
        long target = sim.commandsServed() + n;
        Await.until(n + " more commands", () -> sim.commandsServed() >= target);
    }

    @Test
    void opensAndReportsReady() {
        openReaderAndAwaitReady();
        assertThat(events.statuses()).startsWith(DeviceStatus.OPENING, DeviceStatus.READY);
        assertThat(reader.status()).isEqualTo(DeviceStatus.READY);
        assertThat(reader.id()).isEqualTo("idcard");
        DeviceHealth h = reader.health();
        assertThat(h.deviceId()).isEqualTo("idcard");
        assertThat(h.endpoint()).isEqualTo(sim.uri());
        assertThat(h.openSince()).isPresent();
        assertThat(h.counters()).containsEntry("opens", 1L).doesNotContainKey("reconnects");
        assertThat(events.all()).allSatisfy(e -> assertThat(e.deviceId()).isEqualTo("idcard"));
    }

    @Test
    void aPlacedCardIsReadExactlyOnce() {
        openReaderAndAwaitReady();
        TestIdentity li = Identities.get("li-xiuying");
        sim.placeCard(li);
        int after = events.awaitFrom(0, "the card to be read", readOf(li.idNumber()));
        letItPoll(20);

        assertThat(events.reads()).hasSize(1);
        ResidentIdCard card = (ResidentIdCard) events.reads().get(0).card();
        assertThat(card.name()).isEqualTo("李秀英");
        assertThat(card.validity().isLongTerm()).isTrue();
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1952, 8, 20));
        assertThat(card.photoWlt()).isEqualTo(ResidentTextEncoder.photo(li));
        assertThat(events.removals()).isZero();
        assertThat(events.since(after)).noneMatch(e -> e instanceof IdCardRead || e instanceof CardRemoved);
        // BUSY while reading, READY again after
        List<DeviceStatus> s = events.statuses();
        assertThat(s).containsSubsequence(DeviceStatus.READY, DeviceStatus.BUSY, DeviceStatus.READY);
        assertThat(reader.status()).isEqualTo(DeviceStatus.READY);
        assertThat(reader.health().counters()).containsEntry("reads", 1L);
    }

    @Test
    void aRemovedCardIsReportedAndTheNextOneIsRead() {
        openReaderAndAwaitReady();
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        int i = events.awaitFrom(0, "read", readOf(zhang.idNumber()));
        sim.removeCard();
        i = events.awaitFrom(i, "removed", removed());
        letItPoll(10);
        assertThat(events.removals()).isEqualTo(1);

        sim.placeCard(zhang);
        events.awaitFrom(i, "read again", readOf(zhang.idNumber()));
        assertThat(events.reads()).hasSize(2);
        assertThat(reader.health().counters()).containsEntry("reads", 2L);
    }

    @Test
    void aCardSwappedBetweenPollsIsRemovedThenTheNewOneRead() {
        openReaderAndAwaitReady();
        TestIdentity first = Identities.get("zhang-wei");
        TestIdentity second = Identities.get("wang-fang");
        sim.placeCard(first);
        int i = events.awaitFrom(0, "first read", readOf(first.idNumber()));

        sim.placeCard(second); // one atomic swap: no poll sees an empty reader
        events.awaitFrom(i, "second read", readOf(second.idNumber()));
        letItPoll(10);

        List<DeviceEvent> after = events.since(i).stream()
                .filter(e -> e instanceof IdCardRead || e instanceof CardRemoved).toList();
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).isInstanceOf(CardRemoved.class);
        assertThat(after.get(1)).isInstanceOfSatisfying(IdCardRead.class,
                r -> assertThat(r.card().documentNumber()).isEqualTo("31010419901105048X"));
    }

    @Test
    void anUnpluggedReaderGoesOfflineAndComesBackByItself() {
        openReaderAndAwaitReady();
        sim.setFault(SamFault.UNPLUGGED);
        int i = events.awaitFrom(0, "OFFLINE", status(DeviceStatus.OFFLINE));
        assertThat(reader.health().lastError()).isPresent();
        assertThat(reader.health().openSince()).isEmpty();
        // it keeps trying while unplugged, and stays OFFLINE
        Await.until("a few reconnect attempts", () -> reader.health().lastError().orElse("").startsWith("cannot open"));
        assertThat(reader.status()).isEqualTo(DeviceStatus.OFFLINE);

        sim.setFault(SamFault.NONE);
        i = events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        assertThat(events.since(0).stream().filter(status(DeviceStatus.OPENING)).count())
                .as("reconnecting is not opening afresh").isEqualTo(1);

        TestIdentity chen = Identities.get("chen-jianguo");
        sim.placeCard(chen);
        events.awaitFrom(i, "card read after the replug", readOf(chen.idNumber()));

        assertThat(reader.health().counters())
                .containsEntry("opens", 2L)
                .containsEntry("reconnects", 1L)
                .containsEntry("reads", 1L);
        assertThat(reader.health().counters().get("disconnects")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void aSilentReaderGoesOfflineAfterTheTimeoutsAndRecovers() {
        openReaderAndAwaitReady();
        sim.setFault(SamFault.SILENT);
        int i = events.awaitFrom(0, "OFFLINE", status(DeviceStatus.OFFLINE));
        assertThat(reader.health().counters().get("timeouts")).isGreaterThanOrEqualTo(3L);
        assertThat(reader.health().lastError()).isPresent();

        sim.setFault(SamFault.NONE);
        events.awaitFrom(i, "READY again", status(DeviceStatus.READY));
        assertThat(reader.health().counters()).containsEntry("opens", 2L).containsEntry("reconnects", 1L);

        TestIdentity zhao = Identities.get("zhao-guilan");
        sim.placeCard(zhao);
        events.awaitFrom(i, "card read", readOf(zhao.idNumber()));
    }

    @Test
    void missedRepliesBelowTheLimitDoNotTakeTheReaderOffline() {
        // a limit no test run reaches, so that how fast this thread reacts cannot matter
        reader = new SamIdCardReader("idcard", Transports.fromUri(sim.uri(), 115200),
                new SamIdCardReader.Settings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(200), 1000),
                Clock.systemUTC());
        reader.addListener(events);
        reader.open();
        events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        sim.setFault(SamFault.SILENT);
        Await.until("one timeout", () -> reader.health().counters().getOrDefault("timeouts", 0L) >= 1);
        sim.setFault(SamFault.NONE);
        letItPoll(10);
        assertThat(events.statuses()).doesNotContain(DeviceStatus.OFFLINE);
        assertThat(reader.health().counters()).containsEntry("opens", 1L);
    }

    @Test
    void aReaderThatIsNotAuthorisedIsAFaultUntilItRecovers() {
        openReaderAndAwaitReady();
        sim.forceStatus(SamStatus.NOT_AUTHORISED.code());
        int i = events.awaitFrom(0, "FAULT", status(DeviceStatus.FAULT));
        assertThat(events.since(i - 1).get(0)).isInstanceOfSatisfying(DeviceStatusChanged.class,
                c -> assertThat(c.reason()).isEqualTo(SamStatus.NOT_AUTHORISED.english()));
        assertThat(reader.health().counters().get("statusErrors")).isPositive();

        sim.setFault(SamFault.NONE);
        events.awaitFrom(i, "READY", status(DeviceStatus.READY));
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        events.awaitFrom(i, "read", readOf(zhang.idNumber()));
    }

    @Test
    void aFaultWhileACardLiesOnTheReaderClearsWithoutTakingTheCardAway() {
        openReaderAndAwaitReady();
        TestIdentity li = Identities.get("li-xiuying");
        sim.placeCard(li);
        int i = events.awaitFrom(0, "read", readOf(li.idNumber()));
        sim.forceStatus(SamStatus.SELF_TEST_FAILED.code());
        i = events.awaitFrom(i, "FAULT", status(DeviceStatus.FAULT));

        sim.setFault(SamFault.NONE); // the card never left
        i = events.awaitFrom(i, "READY with the card still there", status(DeviceStatus.READY));
        letItPoll(10);
        assertThat(events.reads()).hasSize(1);
        assertThat(events.removals()).isZero();

        sim.removeCard();
        events.awaitFrom(i, "removed", removed());
    }

    @Test
    void aSamModuleFaultyAtOpenIsOneFaultNotAFlappingStatus() {
        sim.forceStatus(SamStatus.SELF_TEST_FAILED.code());
        openReader();
        int i = events.awaitFrom(0, "FAULT", status(DeviceStatus.FAULT));
        letItPoll(5); // five more attempts to open
        assertThat(events.statuses()).containsExactly(DeviceStatus.OPENING, DeviceStatus.FAULT);

        sim.setFault(SamFault.NONE);
        events.awaitFrom(i, "READY", status(DeviceStatus.READY));
        assertThat(events.statuses()).containsExactly(DeviceStatus.OPENING, DeviceStatus.FAULT, DeviceStatus.READY);
    }

    @Test
    void lineNoiseDoesNotStopReading() {
        openReaderAndAwaitReady();
        sim.setFault(SamFault.GARBAGE_PREFIX);
        TestIdentity ayigul = Identities.get("ayigul");
        sim.placeCard(ayigul);
        events.awaitFrom(0, "read through the noise", readOf(ayigul.idNumber()));
        assertThat(events.reads().get(0).card().displayName()).isEqualTo("阿依古丽·买买提");
    }

    @Test
    void anInvalidCardIsNotReportedAndTheErrorHoldsNoPersonalData() {
        openReaderAndAwaitReady();
        TestIdentity zhang = Identities.get("zhang-wei");
        TestIdentity forged = Identities.with(zhang, b -> b.idNumber(Identities.wrongCheckDigit(zhang.idNumber())));
        sim.placeCard(forged);
        Await.until("a read error", () -> reader.health().counters().getOrDefault("readErrors", 0L) >= 1);
        letItPoll(10);
        assertThat(events.reads()).isEmpty();
        String lastError = reader.health().lastError().orElseThrow();
        assertThat(lastError).contains("ID number").doesNotContain(zhang.idNumber().substring(0, 14))
                .doesNotContain(zhang.name());
        assertThat(reader.status()).isEqualTo(DeviceStatus.READY);
    }

    @Test
    void aPortThatIsNotThereYetIsOfflineUntilItAppears() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        reader = new SamIdCardReader("idcard", Transports.fromUri("tcp://127.0.0.1:" + port, 115200), FAST,
                Clock.systemUTC());
        reader.addListener(events);
        reader.open();
        int i = events.awaitFrom(0, "OFFLINE", status(DeviceStatus.OFFLINE));
        assertThat(reader.health().lastError().orElseThrow()).contains("cannot open").contains("127.0.0.1:" + port);

        try (SamReaderSimulator late = new SamReaderSimulator(port)) {
            events.awaitFrom(i, "READY once the reader is plugged in", status(DeviceStatus.READY));
            assertThat(reader.health().counters()).containsEntry("opens", 1L);
            reader.close();
        }
    }

    @Test
    void closeReleasesThePortAndIsFinal() {
        openReaderAndAwaitReady();
        reader.close();
        assertThat(reader.status()).isEqualTo(DeviceStatus.CLOSED);
        assertThat(events.statuses()).endsWith(DeviceStatus.CLOSED);
        reader.close(); // idempotent
        assertThatThrownBy(reader::open).isInstanceOf(IllegalStateException.class);
        // the simulator sees no more commands
        long served = sim.commandsServed();
        Await.sleep(300);
        assertThat(sim.commandsServed()).isEqualTo(served);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheDriver() {
        reader = new SamIdCardReader("idcard", Transports.fromUri(sim.uri(), 115200), FAST, Clock.systemUTC());
        reader.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        reader.addListener(events);
        reader.open();
        events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        events.awaitFrom(0, "read", readOf(zhang.idNumber()));
    }
}

package io.dianxiaoer.sim.idcard;

import static io.dianxiaoer.sim.support.EventRecorder.readOf;
import static io.dianxiaoer.sim.support.EventRecorder.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.event.CardRejection;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.IdCardRejected;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.identity.ForeignPermanentResidentCard;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.device.idcard.CardDataException;
import io.dianxiaoer.device.idcard.IdCardTextParser;
import io.dianxiaoer.device.idcard.RawCardData;
import io.dianxiaoer.device.idcard.SamClient;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.idcard.SamStatus;
import io.dianxiaoer.device.idcard.UnsupportedCardException;
import io.dianxiaoer.device.transport.TcpTransport;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.EventRecorder;
import io.dianxiaoer.sim.support.Identities;
import io.dianxiaoer.sim.support.ReaderSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every card layout the SAM module delivers, the module's maintenance commands, and the card
 * rejections, through the production client and driver against the simulator over TCP.
 */
@Timeout(120)
class AllCardLayoutsTest {

    private SamReaderSimulator sim;
    private final EventRecorder events = new EventRecorder();
    private SamIdCardReader reader;

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

    private IdentityDocument parsed(String key) {
        TestIdentity t = Identities.get(key);
        return IdCardTextParser.parse(ResidentTextEncoder.encode(t), ResidentTextEncoder.photo(t));
    }

    @Test
    void hongKongResidencePermitParsesWithPassNumberAndOrigin() {
        HmtResidencePermit p = (HmtResidencePermit) parsed("chan-tai-man");
        assertThat(p.kind()).isEqualTo(DocumentKind.HMT_RESIDENCE_PERMIT);
        assertThat(p.name()).isEqualTo("陈大文");
        assertThat(p.idNumber().value()).isEqualTo("810000198806150110");
        assertThat(p.origin()).isEqualTo("HK");
        assertThat(p.passNumber()).isEqualTo("H12345678");
        assertThat(p.issueCount()).isEqualTo(1);
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1988, 6, 15));
        assertThat(p.validity().validTo()).contains(LocalDate.of(2028, 3, 1));
        assertThat(((HmtResidencePermit) parsed("lin-yiting")).origin()).isEqualTo("TW");
    }

    @Test
    void foreignPermanentResidentCards2017And2023Parse() {
        ForeignPermanentResidentCard old = (ForeignPermanentResidentCard) parsed("john-smith");
        assertThat(old.kind()).isEqualTo(DocumentKind.FOREIGN_PERMANENT_RESIDENT_2017);
        assertThat(old.englishName()).isEqualTo("SMITH, JOHN WILLIAM");
        assertThat(old.chineseName()).isEqualTo("史密斯");
        assertThat(old.displayName()).isEqualTo("史密斯");
        assertThat(old.cardNumber()).isEqualTo("USA318007040171");
        assertThat(old.nationality()).isEqualTo("USA");
        assertThat(old.birthDate()).isEqualTo(LocalDate.of(1980, 7, 4));
        assertThat(old.issuingOffice()).isEqualTo("3100");

        ForeignPermanentResidentCard neu = (ForeignPermanentResidentCard) parsed("emma-mueller");
        assertThat(neu.kind()).isEqualTo(DocumentKind.FOREIGN_PERMANENT_RESIDENT_2023);
        assertThat(neu.englishName()).isEqualTo("MUELLER, EMMA KATHARINA ELISABETH VON HOHEN");
        assertThat(neu.chineseName()).isEmpty();
        assertThat(neu.displayName()).isEqualTo("MUELLER, EMMA KATHARINA ELISABETH VON HOHEN");
        assertThat(neu.cardNumber()).isEqualTo("931276198502120103");
        assertThat(neu.nationality()).isEqualTo("DEU");
        assertThat(neu.maskedNumber()).isEqualTo("9312**********0103");
        assertThat(neu.toString()).doesNotContain("MUELLER").doesNotContain("931276198502120103");
    }

    @Test
    void spoiledLayoutsAreRefusedNamingTheFieldNotItsContent() {
        TestIdentity hk = Identities.get("chan-tai-man");
        TestIdentity emma = Identities.get("emma-mueller");
        TestIdentity john = Identities.get("john-smith");
        record Case(TestIdentity t, String field) { }
        List<Case> cases = List.of(
                new Case(copy(hk, "idNumber", "310115198503120119"), "810000"),
                new Case(copy(hk, "passNumber", "X1234"), "pass number"),
                new Case(copy(hk, "issueCount", "xx"), "issue count"),
                new Case(copy(emma, "idNumber", "310115198503120119"), "start with 9"),
                new Case(copy(emma, "idNumber", "931276198502120104"), "check digit"),
                new Case(copy(emma, "nationality", "D1"), "nationality"),
                new Case(copy(john, "idNumber", "US1318007040171"), "card number"),
                new Case(copy(john, "nationality", "GBR"), "nationality"));
        for (Case c : cases) {
            assertThatThrownBy(() -> IdCardTextParser.parse(ResidentTextEncoder.encode(c.t()), new byte[0]))
                    .as(c.field())
                    .isInstanceOf(CardDataException.class)
                    .hasMessageContaining(c.field())
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(c.t().idNumber()).doesNotContain(c.t().label()));
        }
        byte[] unknown = ResidentTextEncoder.encode(Identities.get("zhang-wei"));
        unknown[248] = 'Z';
        assertThatThrownBy(() -> IdCardTextParser.parse(unknown, new byte[0])).isInstanceOf(UnsupportedCardException.class);
    }

    private static TestIdentity copy(TestIdentity t, String field, String value) {
        return new TestIdentity(t.key(), t.name(), t.gender(), t.nation(), t.birthDate(), t.address(),
                field.equals("idNumber") ? value : t.idNumber(), t.issuingAuthority(), t.validFrom(), t.validTo(),
                t.note(), t.kind(), t.englishName(),
                field.equals("nationality") ? value : t.nationality(),
                field.equals("passNumber") ? value : t.passNumber(),
                field.equals("issueCount") ? value : t.issueCount(),
                t.issuingOffice(), t.cardVersion(), t.appendedAddress());
    }

    @Test
    void everySw3HasAnOutcome() {
        for (SamStatus s : SamStatus.values()) {
            assertThat(s.outcome()).as(s.name()).isNotNull();
            assertThat(s.chinese()).isNotBlank();
            assertThat(s.english()).isNotBlank();
        }
        assertThat(SamStatus.of(0x66).orElseThrow().isReaderFault()).isTrue();
        assertThat(SamStatus.of(0x41).orElseThrow().outcome()).isEqualTo(SamStatus.Outcome.NO_CARD_OR_MOVED);
        assertThat(SamStatus.of(0x32).orElseThrow().outcome()).isEqualTo(SamStatus.Outcome.CARD_NOT_AUTHENTIC);
        assertThat(SamStatus.of(0x77)).isEmpty();
    }

    @Test
    void maintenanceCommandsOverTheWire() throws IOException {
        try (TcpTransport t = new TcpTransport("127.0.0.1", sim.port())) {
            t.open();
            SamClient client = new SamClient(t, Duration.ofSeconds(2));
            assertThat(client.samId()).isEqualTo("05.01-20261122-0000000031-0000000007");
            client.resetSam();
            client.setBaudRate(38400);
            assertThat(sim.baudRate()).isEqualTo(38400);
            assertThatThrownBy(() -> client.setBaudRate(4800)).isInstanceOf(IllegalArgumentException.class);

            sim.placeCard(Identities.get("zhou-min"));
            assertThat(client.findCard()).isTrue();
            assertThat(client.selectCard()).isTrue();
            RawCardData raw = client.readTextPhotoFingerprint();
            assertThat(raw.text()).hasSize(256);
            assertThat(raw.photo()).hasSize(1024);
            assertThat(raw.fingerprint()).hasSize(1024);
            assertThat(client.readAppendedAddress()).isEqualTo("上海市静安区南京西路1266号2001室");
            sim.placeCard(Identities.get("zhang-wei"));
            client.findCard();
            client.selectCard();
            assertThat(client.readAppendedAddress()).isEmpty();
        }
    }

    @Test
    void theDriverReadsEveryLayoutAndTheAppendedAddress() {
        openReader();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        for (String key : List.of("chan-tai-man", "lin-yiting", "john-smith", "emma-mueller", "zhou-min")) {
            TestIdentity t = Identities.get(key);
            sim.placeCard(t);
            i = events.awaitFrom(i, "read " + key, readOf(t.idNumber()));
            IdCardRead read = (IdCardRead) events.all().get(i - 1);
            assertThat(read.card().displayName()).isEqualTo(t.label());
            sim.removeCard();
            i = events.awaitFrom(i, "removed " + key, EventRecorder.removed());
        }
        IdentityDocument zhou = events.reads().get(events.reads().size() - 1).card();
        assertThat(((ResidentIdCard) zhou).currentAddress()).isEqualTo("上海市静安区南京西路1266号2001室");
        assertThat(((ResidentIdCard) zhou).address()).isEqualTo("上海市闵行区莘庄镇莘东路1号");
    }

    @Test
    void aCardPulledAwayMidReadIsReportedThenReadWhenPlacedAgain() {
        openReader();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        TestIdentity t = Identities.get("wang-fang");
        sim.failNextReads(0x41, 1);
        sim.placeCard(t);
        i = events.awaitFrom(i, "rejected", e -> e instanceof IdCardRejected r
                && r.reason() == CardRejection.READ_INTERRUPTED);
        events.awaitFrom(i, "read after all", readOf(t.idNumber()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x31, 0x32, 0x33})
    void aCardTheModuleRefusesIsReportedOnceNotOnEveryPoll(int sw3) {
        openReader();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        sim.failNextReads(sw3, Integer.MAX_VALUE);
        sim.placeCard(Identities.get("zhang-wei"));
        CardRejection expected = sw3 == 0x40 ? CardRejection.UNSUPPORTED_CARD : CardRejection.AUTHENTICATION_FAILED;
        i = events.awaitFrom(i, "rejected", e -> e instanceof IdCardRejected r && r.reason() == expected);
        long target = reader.health().counters().getOrDefault("rejections", 0L) + 5;
        Await.until("five more refused reads", () -> reader.health().counters().getOrDefault("rejections", 0L) >= target);
        // five refusals within the 5 s window of the first (polls are 50 ms apart): told once
        assertThat(events.since(i).stream().filter(e -> e instanceof IdCardRejected).count()).isZero();
        assertThat(reader.status()).isEqualTo(DeviceStatus.READY);
    }

    @Test
    void aForgedCardIsReportedAsInvalidData() {
        openReader();
        int i = events.awaitFrom(0, "READY", status(DeviceStatus.READY));
        TestIdentity t = Identities.get("zhang-wei");
        sim.placeCard(Identities.with(t, b -> b.idNumber(Identities.wrongCheckDigit(t.idNumber()))));
        events.awaitFrom(i, "invalid", e -> e instanceof IdCardRejected r && r.reason() == CardRejection.INVALID_DATA);
        assertThat(events.reads()).isEmpty();
    }

    @Test
    void technicianCommandsForEveryLayoutAndTheModule() throws IOException {
        ObjectMapper json = new ObjectMapper();
        sim.placeCard(Identities.get("chan-tai-man"));
        JsonNode hk = json.readTree(run(0, "read-idcard", "--port", sim.uri(), "--timeout", "10"));
        assertThat(hk.get("kind").asText()).isEqualTo("HMT_RESIDENCE_PERMIT");
        assertThat(hk.get("passNumber").asText()).isEqualTo("H12345678");
        assertThat(hk.get("origin").asText()).isEqualTo("HK");

        sim.placeCard(Identities.get("emma-mueller"));
        JsonNode emma = json.readTree(run(0, "read-idcard", "--port", sim.uri(), "--timeout", "10", "--fingerprint"));
        assertThat(emma.get("kind").asText()).isEqualTo("FOREIGN_PERMANENT_RESIDENT_2023");
        assertThat(emma.get("cardNumberCheckDigitValid").asBoolean()).isTrue();
        assertThat(emma.get("fingerprint").get("bytes").asInt()).isEqualTo(1024);

        sim.placeCard(Identities.get("zhou-min"));
        JsonNode zhou = json.readTree(run(0, "read-idcard", "--port", sim.uri(), "--timeout", "10"));
        assertThat(zhou.get("appendedAddress").asText()).isEqualTo("上海市静安区南京西路1266号2001室");

        JsonNode info = json.readTree(run(0, "idcard-info", "--port", sim.uri()));
        assertThat(info.get("samStatusOk").asBoolean()).isTrue();
        assertThat(info.get("samId").asText()).isEqualTo("05.01-20261122-0000000031-0000000007");

        run(0, "idcard-baud", "--port", sim.uri(), "--baud", "57600");
        assertThat(sim.baudRate()).isEqualTo(57600);
        run(DeviceTool.USAGE, "idcard-baud", "--port", sim.uri(), "--baud", "1200");
    }

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeviceTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void openReader() {
        reader = new SamIdCardReader("idcard", Transports.fromUri(sim.uri(), 115200), ReaderSettings.FAST,
                Clock.systemUTC());
        reader.addListener(events);
        reader.open();
    }
}

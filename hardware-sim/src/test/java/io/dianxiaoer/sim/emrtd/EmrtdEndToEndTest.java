package io.dianxiaoer.sim.emrtd;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.identity.mrtd.ChipVerdict;
import io.dianxiaoer.core.identity.mrtd.EmrtdReading;
import io.dianxiaoer.core.identity.mrtd.MrzAccessKey;
import io.dianxiaoer.core.identity.mrtd.TravelDocument;
import io.dianxiaoer.device.emrtd.CscaTrustStore;
import io.dianxiaoer.device.emrtd.EmrtdReader;
import io.dianxiaoer.sim.pcsc.CardFault;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import io.dianxiaoer.sim.support.PcscEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production eMRTD reader against the virtual chip through a real pcscd + vpcd and
 * {@code javax.smartcardio}: genuine documents verify; wrong MRZ data, a tampered DG1, an untrusted
 * signer and a damaged signature are each refused with their own message.
 */
class EmrtdEndToEndTest {

    static PcscSandbox sandbox;
    static VirtualEmrtdSimulator chip;
    static EmrtdReader reader;
    static String readerName;
    static TestPki pki;

    @BeforeAll
    static void start() {
        sandbox = PcscEnvironment.sandbox();
        pki = TestPki.generate();
        readerName = PcscSandbox.readerName(0);
        chip = new VirtualEmrtdSimulator(sandbox.slotSocket(0), readerName, TestPassports.bundled(), pki);
        reader = new EmrtdReader(CscaTrustStore.of(pki.trustedCsca()),
                new EmrtdReader.Settings(Duration.ofSeconds(5), Duration.ofSeconds(2)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
        if (chip != null) {
            chip.close();
        }
    }

    private EmrtdReading readAs(String key, ChipMode mode, MrzAccessKey mrz) {
        place(key, mode);
        return reader.readBlocking(readerName, mrz);
    }

    /** Like a citizen: the previous document leaves the reader before the next one is put on it. */
    static void place(String key, ChipMode mode) {
        chip.remove();
        PcscEnvironment.awaitCard(readerName, false);
        chip.place(key, mode);
        PcscEnvironment.awaitCard(readerName, true);
    }

    static MrzAccessKey anna() {
        return MrzAccessKey.of("L898902C3", "740812", "341231");
    }

    @Test
    void aGenuinePassportIsReadAndVerified() throws Exception {
        EmrtdReading r = readAs("utopia-anna", ChipMode.GENUINE, anna());
        assertThat(r.verdict()).as(r.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
        TravelDocument d = r.document().orElseThrow();
        assertThat(d.documentCode()).isEqualTo("P");
        assertThat(d.issuingState()).isEqualTo("UTO");
        assertThat(d.surname()).isEqualTo("ERIKSSON");
        assertThat(d.givenNames()).isEqualTo("ANNA MARIA");
        assertThat(d.documentNumber()).isEqualTo("L898902C3");
        assertThat(d.birthDate()).isEqualTo("740812");
        assertThat(d.expiryDate()).isEqualTo("341231");
        assertThat(d.sex()).isEqualTo('F');
        assertThat(r.face()).isPresent();
        assertThat(r.face().get().bytes()).isEqualTo(ChipFiles.face("face-astronaut.jpg"));
        assertThat(r.face().get().mimeType()).isEqualTo("image/jpeg");
        assertThat(r.checks().dataGroupsChecked()).containsExactly(1, 2);
        assertThat(r.checks().signatureValid()).contains(true);
        assertThat(r.checks().signerTrusted()).contains(true);
    }

    @Test
    void aTravelPermitCardIsReadAndVerified() {
        EmrtdReading r = readAs("chen-permit", ChipMode.GENUINE, MrzAccessKey.of("C01234567", "050501", "290430"));
        assertThat(r.verdict()).as(r.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
        assertThat(r.document().orElseThrow().documentCode()).isEqualTo("CS");
        TravelDocument d = r.document().get();
        assertThat(d.surname()).isEqualTo("CHEN");
        assertThat(d.givenNames()).isEqualTo("XIAOMING");
        assertThat(d.documentNumber()).isEqualTo("C01234567");
        assertThat(d.birthDate()).isEqualTo("050501");
        assertThat(d.expiryDate()).isEqualTo("290430");
        assertThat(d.sex()).isEqualTo('M');
        assertThat(d.nationality()).isEqualTo("CHN");
    }

    @Test
    void wrongMrzDataIsRefusedAsAccessDenied() {
        EmrtdReading r = readAs("utopia-anna", ChipMode.GENUINE, MrzAccessKey.of("L898902C3", "740813", "341231"));
        assertThat(r.verdict()).isEqualTo(ChipVerdict.ACCESS_DENIED);
        assertThat(r.document()).isEmpty();
        assertThat(r.face()).isEmpty();
    }

    @Test
    void aTamperedDg1IsRefused() {
        EmrtdReading r = readAs("utopia-anna", ChipMode.TAMPERED_DG1, anna());
        assertThat(r.verdict()).isEqualTo(ChipVerdict.DATA_TAMPERED);
        assertThat(r.checks().dataGroupsMismatched()).containsExactly(1);
        assertThat(r.checks().signatureValid()).contains(true);
        assertThat(r.checks().signerTrusted()).contains(true);
        assertThat(r.document().orElseThrow().surname()).isEqualTo("ZRIKSSON");
    }

    @Test
    void anUntrustedSignerIsRefused() {
        EmrtdReading r = readAs("utopia-anna", ChipMode.UNTRUSTED_SIGNER, anna());
        assertThat(r.verdict()).isEqualTo(ChipVerdict.SIGNER_UNTRUSTED);
        assertThat(r.checks().dataGroupsMismatched()).isEmpty();
        assertThat(r.checks().signatureValid()).contains(true);
        assertThat(r.checks().signerTrusted()).contains(false);
        assertThat(r.checks().signer().orElseThrow()).contains("ROGUE TEST DS 01");
    }

    @Test
    void aDamagedSignatureIsRefused() {
        EmrtdReading r = readAs("utopia-anna", ChipMode.BAD_SIGNATURE, anna());
        assertThat(r.verdict()).isEqualTo(ChipVerdict.SIGNATURE_INVALID);
        assertThat(r.checks().signatureValid()).contains(false);
    }

    @Test
    void anExpiredPassportVerifiesButIsRefused() {
        EmrtdReading r = readAs("expired-smith", ChipMode.GENUINE, MrzAccessKey.of("X0000001", "600229", "200101"));
        assertThat(r.verdict()).isEqualTo(ChipVerdict.DOCUMENT_EXPIRED);
        assertThat(r.checks().signerTrusted()).contains(true);
    }

    @Test
    void eachRefusalHasItsOwnMessageInBothLanguages() {
        Set<ChipVerdict> refusals = EnumSet.of(ChipVerdict.ACCESS_DENIED, ChipVerdict.DATA_TAMPERED,
                ChipVerdict.SIGNER_UNTRUSTED, ChipVerdict.SIGNATURE_INVALID);
        assertThat(refusals.stream().map(ChipVerdict::chinese).distinct()).hasSize(refusals.size());
        assertThat(refusals.stream().map(ChipVerdict::english).distinct()).hasSize(refusals.size());
    }

    @Test
    void noCardOnTheReaderSaysSo() {
        chip.remove();
        PcscEnvironment.awaitCard(readerName, false);
        EmrtdReading r = reader.readBlocking(readerName, anna());
        assertThat(r.verdict()).isEqualTo(ChipVerdict.NO_DOCUMENT);
    }

    @Test
    void anUnknownReaderIsUnavailable() {
        EmrtdReading r = reader.readBlocking("No Such Reader 99", anna());
        assertThat(r.verdict()).isEqualTo(ChipVerdict.READER_UNAVAILABLE);
    }

    @Test
    void aSilentChipTimesOutInsteadOfHanging() {
        place("utopia-anna", ChipMode.GENUINE);
        chip.setSilent(true);
        try {
            long t0 = System.nanoTime();
            EmrtdReading r = reader.readBlocking(readerName, anna());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("silent chip: " + r.verdict() + " after " + ms + " ms (" + r.checks().detail() + ")");
            assertThat(r.verdict()).isIn(ChipVerdict.CHIP_ERROR, ChipVerdict.NO_DOCUMENT);
        } finally {
            chip.setSilent(false);
            chip.remove(); // unblocks the reader side still waiting in pcscd
        }
        PcscEnvironment.awaitCard(readerName, false);
        // and the next citizen's document reads fine
        EmrtdReading ok = readAs("utopia-anna", ChipMode.GENUINE, anna());
        assertThat(ok.verdict()).as(ok.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
    }

    @Test
    void garbageAnswersAreAChipErrorNotACrash() {
        place("utopia-anna", ChipMode.GENUINE);
        chip.setFault(CardFault.GARBAGE);
        try {
            EmrtdReading r = reader.readBlocking(readerName, anna());
            assertThat(r.verdict()).as(r.checks().detail()).isIn(ChipVerdict.CHIP_ERROR, ChipVerdict.NOT_A_TRAVEL_DOCUMENT,
                    ChipVerdict.ACCESS_DENIED);
            assertThat(r.document()).isEmpty();
        } finally {
            chip.setFault(CardFault.NONE);
        }
        EmrtdReading ok = readAs("utopia-anna", ChipMode.GENUINE, anna());
        assertThat(ok.verdict()).as(ok.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
    }

    @Test
    void aDocumentPulledAwayMidReadIsReportedAndTheNextReadWorks() {
        place("utopia-anna", ChipMode.GENUINE);
        chip.setFault(CardFault.PULLED_MID_READ);
        EmrtdReading r = reader.readBlocking(readerName, anna());
        System.out.println("pulled mid-read: " + r.verdict() + " (" + r.checks().detail() + ")");
        assertThat(r.verdict()).isIn(ChipVerdict.NO_DOCUMENT, ChipVerdict.CHIP_ERROR);
        assertThat(r.document()).isEmpty();
        assertThat(chip.placed()).isEmpty();
        PcscEnvironment.awaitCard(readerName, false);
        EmrtdReading ok = readAs("utopia-anna", ChipMode.GENUINE, anna());
        assertThat(ok.verdict()).as(ok.checks().detail()).isEqualTo(ChipVerdict.VERIFIED);
    }

    @Test
    void withoutTheTestCscaInTheTrustStoreNothingVerifies() {
        try (EmrtdReader strict = new EmrtdReader(CscaTrustStore.of(pki.rogue().csca()), EmrtdReader.Settings.DEFAULT,
                Clock.systemUTC())) {
            place("utopia-anna", ChipMode.GENUINE);
            assertThat(strict.readBlocking(readerName, anna()).verdict()).isEqualTo(ChipVerdict.SIGNER_UNTRUSTED);
        }
    }
}

package io.dianxiaoer.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.sim.emrtd.ChipFiles;
import io.dianxiaoer.sim.emrtd.ChipMode;
import io.dianxiaoer.sim.emrtd.TestPassports;
import io.dianxiaoer.sim.emrtd.TestPki;
import io.dianxiaoer.sim.emrtd.VirtualEmrtdSimulator;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import io.dianxiaoer.sim.support.PcscEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The technicians' {@code pcsc-list} and {@code read-passport} commands against the virtual chip through pcscd. */
class DeviceToolPassportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String READER = PcscSandbox.readerName(0);
    static VirtualEmrtdSimulator chip;
    static Path trustDir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        PcscSandbox sandbox = PcscEnvironment.sandbox();
        TestPki pki = TestPki.generate();
        trustDir = Files.createTempDirectory("dxe-csca-");
        pki.writeTrustedCsca(trustDir);
        chip = new VirtualEmrtdSimulator(sandbox.slotSocket(0), READER, TestPassports.bundled(), pki);
    }

    @AfterAll
    static void stop() {
        if (chip != null) {
            chip.close();
        }
    }

    @BeforeEach
    void emptyReader() {
        chip.remove();
        PcscEnvironment.awaitCard(READER, false);
    }

    int run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> DeviceTool.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    JsonNode json() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    void place(ChipMode mode) {
        chip.place("utopia-anna", mode);
        PcscEnvironment.awaitCard(READER, true);
    }

    int readAnna(String birth) {
        return run("read-passport", "--reader", READER, "--doc", "L898902C3", "--birth", birth, "--expiry", "341231",
                "--trust", trustDir.toString(), "--timeout", "3");
    }

    @Test
    void listsTheReadersAndTheCard() throws Exception {
        place(ChipMode.GENUINE);
        assertThat(run("pcsc-list")).isEqualTo(DeviceTool.OK);
        JsonNode j = json();
        assertThat(j.path("service").asText()).isEqualTo("running");
        assertThat(j.path("readers")).hasSize(2);
        assertThat(j.path("readers").get(0).path("name").asText()).isEqualTo(READER);
        assertThat(j.path("readers").get(0).path("cardPresent").asBoolean()).isTrue();
        assertThat(j.path("readers").get(0).path("atr").asText()).isEqualTo("3B80800101");
        assertThat(j.path("readers").get(1).path("cardPresent").asBoolean()).isFalse();
    }

    @Test
    void readsAGenuinePassport() throws Exception {
        place(ChipMode.GENUINE);
        assertThat(readAnna("740812")).as(err.toString()).isEqualTo(DeviceTool.OK);
        JsonNode j = json();
        assertThat(j.path("verdict").path("code").asText()).isEqualTo("VERIFIED");
        assertThat(j.path("document").path("surname").asText()).isEqualTo("ERIKSSON");
        assertThat(j.path("document").path("givenNames").asText()).isEqualTo("ANNA MARIA");
        assertThat(j.path("document").path("documentNumber").asText()).isEqualTo("L898902C3");
        assertThat(j.path("document").path("nationality").asText()).isEqualTo("UTO");
        assertThat(j.path("sod").path("signatureValid").asBoolean()).isTrue();
        assertThat(j.path("sod").path("signerTrusted").asBoolean()).isTrue();
        byte[] face = ChipFiles.face("face-astronaut.jpg");
        assertThat(j.path("face").path("bytes").asInt()).isEqualTo(face.length);
        assertThat(j.path("face").path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(face)));
        assertThat(j.path("face").has("base64")).isFalse();
    }

    @Test
    void wrongMrzTamperingAndAnUntrustedSignerEachSaySo() throws Exception {
        place(ChipMode.GENUINE);
        assertThat(readAnna("740813")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(json().path("verdict").path("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(json().path("document").isNull()).isTrue();

        out.reset();
        emptyReader();
        place(ChipMode.TAMPERED_DG1);
        assertThat(readAnna("740812")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(json().path("verdict").path("code").asText()).isEqualTo("DATA_TAMPERED");
        assertThat(json().path("sod").path("dataGroupsMismatched").get(0).asInt()).isEqualTo(1);

        out.reset();
        emptyReader();
        place(ChipMode.UNTRUSTED_SIGNER);
        assertThat(readAnna("740812")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(json().path("verdict").path("code").asText()).isEqualTo("SIGNER_UNTRUSTED");
        assertThat(json().path("verdict").path("zh").asText()).contains("信任");
    }

    @Test
    void noDocumentAndBadInputAreReported() throws Exception {
        assertThat(run("read-passport", "--reader", READER, "--doc", "L898902C3", "--birth", "740812", "--expiry", "341231",
                "--trust", trustDir.toString(), "--timeout", "0.5")).isEqualTo(DeviceTool.NO_CARD);
        assertThat(json().path("verdict").path("code").asText()).isEqualTo("NO_DOCUMENT");
        assertThat(run("read-passport", "--reader", READER, "--doc", "L898902C3", "--birth", "741312", "--expiry", "341231"))
                .isEqualTo(DeviceTool.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("date of birth is not a real date").contains("出生日期");
        assertThat(run("read-passport", "--reader", READER)).isEqualTo(DeviceTool.USAGE);
    }
}

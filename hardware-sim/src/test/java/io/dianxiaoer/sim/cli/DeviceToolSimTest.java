package io.dianxiaoer.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.sim.idcard.ResidentTextEncoder;
import io.dianxiaoer.sim.idcard.SamFault;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentity;
import io.dianxiaoer.sim.support.Identities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The technicians' {@code read-idcard} command against the simulator. */
class DeviceToolSimTest {

    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamReaderSimulator sim;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        sim = new SamReaderSimulator(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(GUARD, () -> DeviceTool.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPlacedCardIsPrintedAsJson() throws Exception {
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "5")).isEqualTo(DeviceTool.OK);

        JsonNode j = JSON.readTree(stdout());
        assertThat(j.get("kind").asText()).isEqualTo("RESIDENT_ID_CARD");
        assertThat(j.get("name").asText()).isEqualTo("张伟");
        assertThat(j.get("idNumber").asText()).isEqualTo("310115198503120119");
        assertThat(j.get("idNumberCheckDigitValid").asBoolean()).isTrue();
        assertThat(j.at("/gender/code").asText()).isEqualTo("1");
        assertThat(j.at("/gender/zh").asText()).isEqualTo("男");
        assertThat(j.at("/nation/code").asText()).isEqualTo("01");
        assertThat(j.at("/nation/en").asText()).isEqualTo("Han");
        assertThat(j.get("birthDate").asText()).isEqualTo("1985-03-12");
        assertThat(j.get("address").asText()).isEqualTo(zhang.address());
        assertThat(j.get("issuingAuthority").asText()).isEqualTo(zhang.issuingAuthority());
        assertThat(j.get("validFrom").asText()).isEqualTo("2015-06-01");
        assertThat(j.get("validTo").asText()).isEqualTo("2035-06-01");
        assertThat(j.get("longTerm").asBoolean()).isFalse();
        assertThat(j.at("/photoWlt/bytes").asInt()).isEqualTo(1024);
        assertThat(j.at("/photoWlt/sha256").asText()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ResidentTextEncoder.photo(zhang))));
        assertThat(j.at("/photoWlt").has("base64")).isFalse();
        assertThat(stderr()).isEmpty();
    }

    @Test
    void aLongTermCardHasLongTermTrueAndNoValidTo() throws Exception {
        sim.placeCard(Identities.get("li-xiuying"));
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "5")).isEqualTo(DeviceTool.OK);
        JsonNode j = JSON.readTree(stdout());
        assertThat(j.get("name").asText()).isEqualTo("李秀英");
        assertThat(j.get("idNumber").asText()).isEqualTo("310101195208200106");
        assertThat(j.get("longTerm").asBoolean()).isTrue();
        assertThat(j.get("validTo").isNull()).isTrue();
        assertThat(j.at("/photoWlt/bytes").asInt()).isEqualTo(1024);
    }

    @Test
    void photoOptionAddsThePhotoInBase64() throws Exception {
        TestIdentity wang = Identities.get("wang-fang");
        sim.placeCard(wang);
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "5", "--photo")).isEqualTo(DeviceTool.OK);
        JsonNode j = JSON.readTree(stdout());
        assertThat(j.get("idNumber").asText()).endsWith("X");
        assertThat(Base64.getDecoder().decode(j.at("/photoWlt/base64").asText())).isEqualTo(ResidentTextEncoder.photo(wang));
    }

    @Test
    void aCardThatArrivesWhileWaitingIsRead() throws Exception {
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            sim.placeCard(Identities.get("ayigul"));
        });
        later.start();
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "20")).isEqualTo(DeviceTool.OK);
        later.join();
        assertThat(JSON.readTree(stdout()).get("name").asText()).isEqualTo("阿依古丽·买买提");
    }

    @Test
    void noCardWithinTheTimeoutIsExit3() {
        long t0 = System.nanoTime();
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "1")).isEqualTo(DeviceTool.NO_CARD);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("it waited for the card").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("no card");
    }

    @Test
    void aDeadPortIsExit5() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThat(run("read-idcard", "--port", "tcp://127.0.0.1:" + port, "--timeout", "5")).isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(stderr()).contains("unusable").contains("tcp://127.0.0.1:" + port);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aMissingSerialDeviceIsExit5() {
        assertThat(run("read-idcard", "--port", "serial:/nonexistent/ttyNOPE?baud=115200", "--timeout", "1"))
                .isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(stderr()).contains("no such port");
    }

    @Test
    void aReaderThatDoesNotAnswerIsAPortErrorNotABadCard() {
        sim.setFault(SamFault.SILENT);
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "1")).isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(stderr()).contains("does not answer");
    }

    @Test
    void anInvalidCardIsExit4WithoutItsData() {
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(Identities.with(zhang, b -> b.idNumber(Identities.wrongCheckDigit(zhang.idNumber()))));
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "5")).isEqualTo(DeviceTool.BAD_CARD);
        assertThat(stderr()).contains("ID number").doesNotContain(zhang.idNumber().substring(0, 14))
                .doesNotContain(zhang.name()).doesNotContain(zhang.address());
        assertThat(stdout()).isEmpty();
    }

    @Test
    void usageErrorsAreExit2() {
        assertThat(run()).isEqualTo(DeviceTool.USAGE);
        assertThat(stderr()).contains("usage");
        assertThat(run("read-passport")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard", "--port")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard", "--port", sim.uri(), "--timeout", "soon")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard", "--port", sim.uri(), "--colour")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("read-idcard", "--port", "udp://127.0.0.1:1")).isEqualTo(DeviceTool.USAGE);
        assertThat(stderr()).contains("unknown transport scheme");
        assertThat(stdout()).isEmpty();
    }
}

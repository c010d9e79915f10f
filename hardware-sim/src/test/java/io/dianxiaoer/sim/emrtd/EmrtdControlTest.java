package io.dianxiaoer.sim.emrtd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.SimCtlAccess;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import io.dianxiaoer.sim.support.Identities;
import io.dianxiaoer.sim.support.PcscEnvironment;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The passport chip's control routes on the simulator's HTTP API, and sim-ctl's passport verbs. */
class EmrtdControlTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String READER = PcscSandbox.readerName(0);
    final HttpClient http = HttpClient.newHttpClient();
    HardwareSimulator hw;
    String base;

    @BeforeEach
    void start() throws Exception {
        PcscSandbox sandbox = PcscEnvironment.sandbox();
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
        hw.attachEmrtd(sandbox.slotSocket(0), READER);
        base = hw.controlUrl();
    }

    @AfterEach
    void stop() {
        if (hw != null) { // null when the PC/SC set-up was skipped
            hw.close();
            PcscEnvironment.awaitCard(READER, false);
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    int post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void placesSwitchesAndRemovesTheChip() throws Exception {
        JsonNode list = JSON.readTree(get("/api/emrtd/passports").body());
        assertThat(list.findValuesAsText("key")).contains("utopia-anna", "li-na", "chen-permit", "expired-smith");
        assertThat(post("/api/emrtd/place?passport=li-na&mode=tampered_dg1")).isEqualTo(204);
        PcscEnvironment.awaitCard(READER, true);
        JsonNode state = JSON.readTree(get("/api/emrtd").body());
        assertThat(state.path("placed").asText()).isEqualTo("li-na");
        assertThat(state.path("mode").asText()).isEqualTo("TAMPERED_DG1");
        assertThat(state.path("reader").asText()).isEqualTo(READER);
        assertThat(post("/api/emrtd/silent?on=true")).isEqualTo(204);
        assertThat(JSON.readTree(get("/api/emrtd").body()).path("silent").asBoolean()).isTrue();
        assertThat(post("/api/emrtd/remove")).isEqualTo(204);
        PcscEnvironment.awaitCard(READER, false);
        assertThat(JSON.readTree(get("/api/emrtd").body()).path("placed").isNull()).isTrue();
    }

    @Test
    void refusesUnknownPassportsAndModes() throws Exception {
        assertThat(post("/api/emrtd/place?passport=nobody")).isEqualTo(404);
        assertThat(post("/api/emrtd/place?passport=li-na&mode=FORGED")).isEqualTo(400);
        assertThat(get("/api/emrtd/nothing").statusCode()).isEqualTo(404);
        // the ID-card routes still answer next to the passport ones
        assertThat(get("/api/idcard").statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheTestCscaToTrust() throws Exception {
        String pem = get("/api/emrtd/csca.pem").body();
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(c).isEqualTo(hw.emrtd().orElseThrow().pki().trustedCsca());
        assertThat(c.getSubjectX500Principal().getName()).contains("DXE TEST CSCA");
    }

    @Test
    void simCtlDrivesThePassportChip() {
        assertThat(SimCtlAccess.run("--control", base, "passport-place", "utopia-anna", "UNTRUSTED_SIGNER")).isZero();
        PcscEnvironment.awaitCard(READER, true);
        assertThat(hw.emrtd().orElseThrow().mode()).isEqualTo(ChipMode.UNTRUSTED_SIGNER);
        assertThat(SimCtlAccess.run("--control", base, "passport-place", "nobody")).isEqualTo(1);
        assertThat(SimCtlAccess.run("--control", base, "passport-remove")).isZero();
        assertThat(SimCtlAccess.run("--control", base, "passport-place")).isEqualTo(2);
    }
}

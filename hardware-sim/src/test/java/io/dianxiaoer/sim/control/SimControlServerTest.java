package io.dianxiaoer.sim.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.idcard.SamFault;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.support.Identities;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulator's control API over real HTTP. */
@Timeout(60)
class SimControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HardwareSimulator hw;
    private SamReaderSimulator reader;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
        reader = hw.idcardReader();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        hw.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state() throws Exception {
        HttpResponse<String> r = get("/api/idcard");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void controlUrlIsLoopback() {
        assertThat(hw.controlUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void statusStartsEmpty() throws Exception {
        JsonNode s = state();
        assertThat(s.get("present").asBoolean()).isFalse();
        assertThat(s.get("identity").isNull()).isTrue();
        assertThat(s.get("fault").asText()).isEqualTo("NONE");
        assertThat(s.get("endpoint").asText()).isEqualTo(reader.uri());
    }

    @Test
    void placeAndRemove() throws Exception {
        assertThat(post("/api/idcard/place?identity=li-xiuying").statusCode()).isEqualTo(204);
        assertThat(reader.card()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("li-xiuying"));
        JsonNode s = state();
        assertThat(s.get("present").asBoolean()).isTrue();
        assertThat(s.get("identity").asText()).isEqualTo("li-xiuying");

        assertThat(post("/api/idcard/remove").statusCode()).isEqualTo(204);
        assertThat(reader.card()).isEmpty();
        assertThat(state().get("present").asBoolean()).isFalse();
    }

    @Test
    void anUnknownIdentityIs404AndChangesNothing() throws Exception {
        post("/api/idcard/place?identity=zhang-wei");
        HttpResponse<String> r = post("/api/idcard/place?identity=nobody-here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains("nobody-here");
        assertThat(reader.card()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("zhang-wei"));

        assertThat(post("/api/idcard/place").statusCode()).as("no identity at all").isEqualTo(404);
    }

    @Test
    void identitiesAreListedInFileOrder() throws Exception {
        HttpResponse<String> r = get("/api/idcard/identities");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.isArray()).isTrue();
        assertThat(a).hasSize(Identities.all().size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).get("key").asText()).isEqualTo(Identities.all().get(i).key());
            assertThat(a.get(i).get("name").asText()).isEqualTo(Identities.all().get(i).label());
            assertThat(a.get(i).get("note").asText()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SamFault.class)
    void everyFaultModeCanBeSet(SamFault f) throws Exception {
        assertThat(post("/api/idcard/fault?mode=" + f.name()).statusCode()).isEqualTo(204);
        assertThat(reader.fault()).isEqualTo(f);
        assertThat(state().get("fault").asText()).isEqualTo(f.name());
        assertThat(post("/api/idcard/fault?mode=none").statusCode()).as("case does not matter").isEqualTo(204);
        assertThat(reader.fault()).isEqualTo(SamFault.NONE);
    }

    @Test
    void anUnknownFaultModeIs400() throws Exception {
        post("/api/idcard/fault?mode=SILENT");
        HttpResponse<String> r = post("/api/idcard/fault?mode=ON_FIRE");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains("ON_FIRE");
        assertThat(reader.fault()).isEqualTo(SamFault.SILENT);
        assertThat(post("/api/idcard/fault").statusCode()).as("no mode").isEqualTo(400);
    }

    @Test
    void aMalformedQueryIs400NotABrokenConnection() throws Exception {
        // java.net.URI refuses to build such a request: write it by hand, as a sloppy script would
        URI base = URI.create(hw.controlUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/idcard/place?identity=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
        }
        assertThat(reader.card()).isEmpty();
        assertThat(state().get("present").asBoolean()).as("the server still works").isFalse();
    }

    @Test
    void unknownControlsAndWrongMethodsAre404() throws Exception {
        assertThat(get("/api/idcard/explode").statusCode()).isEqualTo(404);
        assertThat(get("/api/idcard/place?identity=zhang-wei").statusCode()).isEqualTo(404);
        assertThat(reader.card()).isEmpty();
    }

    @Test
    void thePageListsTheIdentitiesAndFaults() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("张伟").contains("place?identity=ayigul").contains("mode=UNPLUGGED")
                .doesNotContain("mode=FORCED_STATUS");
    }
}

package io.dianxiaoer.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Talks to a real server on an ephemeral loopback port, the way a kiosk would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30) // a protocol bug here tends to show as a hang; fail it instead
class IntakeServerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEARTBEAT = """
            {"version":"3.0.1","queueDepth":2,"devices":{"idcard":"READY","printer":"DEGRADED"}}""";

    private IntakeServer server;
    private HttpClient client;

    @BeforeAll
    void startServer() throws IOException {
        server = new IntakeServer(Clock.fixed(NOW, ZoneOffset.UTC), "test-1.2.3").start(0);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    // --- the happy paths ---------------------------------------------------------------------

    @Test
    void healthSaysUpWithVersionAndTime() throws Exception {
        HttpResponse<String> r = send(get("/v1/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("version").asText()).isEqualTo("test-1.2.3");
        assertThat(Instant.parse(body.get("time").asText())).isEqualTo(NOW);
    }

    @Test
    void heartbeatRoundTripKeepsTheLatestPerKiosk() throws Exception {
        HttpResponse<String> posted = send(postJson("/v1/kiosks/SH-PD-0001/heartbeats", HEARTBEAT));
        assertThat(posted.statusCode()).isEqualTo(204);
        assertThat(posted.body()).isEmpty();

        HttpResponse<String> r = send(get("/v1/kiosks/SH-PD-0001/heartbeat"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
                {"version":"3.0.1","queueDepth":2,"devices":{"idcard":"READY","printer":"DEGRADED"},
                 "receivedAt":"2026-11-22T02:00:00Z"}"""));

        send(postJson("/v1/kiosks/SH-PD-0001/heartbeats", """
                {"version":"3.0.2","queueDepth":0,"devices":{},"futureField":true}"""));
        JsonNode latest = JSON.readTree(send(get("/v1/kiosks/SH-PD-0001/heartbeat")).body());
        assertThat(latest.get("version").asText()).isEqualTo("3.0.2");
        assertThat(latest.get("queueDepth").asInt()).isZero();
        assertThat(latest.has("futureField")).as("unknown fields are not stored").isFalse();
    }

    @Test
    void bodyOfExactly64KiBIsAccepted() throws Exception {
        String padded = HEARTBEAT + " ".repeat(IntakeServer.MAX_BODY_BYTES - HEARTBEAT.length());
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);

        assertThat(send(postJson("/v1/kiosks/SH-PD-0064/heartbeats", padded)).statusCode()).isEqualTo(204);
    }

    // --- errors: one JSON shape, the right status --------------------------------------------

    @Test
    void heartbeatOfAnUnknownKioskIs404() throws Exception {
        assertError(send(get("/v1/kiosks/NEVER-SEEN/heartbeat")), 404, "not_found");
    }

    @Test
    void unknownRouteIs404() throws Exception {
        assertError(send(get("/v1/nothing-here")), 404, "not_found");
        assertError(send(get("/v1/health/")), 404, "not_found");
        assertError(send(get("/")), 404, "not_found");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = send(request("/v1/health").DELETE().build());
        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("GET");

        r = send(get("/v1/kiosks/SH-PD-0001/heartbeats"));
        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("POST");

        r = send(postJson("/v1/kiosks/SH-PD-0001/heartbeat", HEARTBEAT));
        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("GET");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\":\"3.0.1\",",                                              // cut short
        "not json",
        "{\"version\":\"3.0.1\",\"queueDepth\":1,\"queueDepth\":2,\"devices\":{}}", // duplicate key
        "{\"version\":\"3.0.1\",\"queueDepth\":1,\"devices\":{}} trailing",
        ""                                                                       // empty body
    })
    void malformedJsonIs400(String body) throws Exception {
        assertError(send(postJson("/v1/kiosks/SH-PD-0002/heartbeats", body)), 400, "malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"queueDepth\":1,\"devices\":{}}",                                      // no version
        "{\"version\":\"\",\"queueDepth\":1,\"devices\":{}}",                    // blank version
        "{\"version\":\"3.0.1\",\"devices\":{}}",                                // no queueDepth
        "{\"version\":\"3.0.1\",\"queueDepth\":-1,\"devices\":{}}",
        "{\"version\":\"3.0.1\",\"queueDepth\":1.5,\"devices\":{}}",
        "{\"version\":\"3.0.1\",\"queueDepth\":\"1\",\"devices\":{}}",
        "{\"version\":\"3.0.1\",\"queueDepth\":1}",                              // no devices
        "{\"version\":\"3.0.1\",\"queueDepth\":1,\"devices\":[]}",
        "{\"version\":\"3.0.1\",\"queueDepth\":1,\"devices\":{\"idcard\":\"ON_FIRE\"}}",
        "{\"version\":\"3.0.1\",\"queueDepth\":1,\"devices\":{\"idcard\":1}}",
        "[1,2,3]"
    })
    void missingOrWrongFieldsAre400(String body) throws Exception {
        assertError(send(postJson("/v1/kiosks/SH-PD-0003/heartbeats", body)), 400, "invalid_heartbeat");
        assertError(send(get("/v1/kiosks/SH-PD-0003/heartbeat")), 404, "not_found");
    }

    @Test
    void bodyOver64KiBIs413AndTheServerCarriesOn() throws Exception {
        String tooBig = HEARTBEAT + " ".repeat(IntakeServer.MAX_BODY_BYTES - HEARTBEAT.length() + 1);

        HttpResponse<String> r = send(postJson("/v1/kiosks/SH-PD-0004/heartbeats", tooBig));

        assertError(r, 413, "payload_too_large");
        assertThat(send(get("/v1/health")).statusCode()).isEqualTo(200);
        assertError(send(get("/v1/kiosks/SH-PD-0004/heartbeat")), 404, "not_found");
    }

    @Test
    void bodyOver64KiBAnnouncedWithExpectContinueIs413AndCloses() throws Exception {
        // Raw socket: JDK 17's HttpClient hangs when an Expect: 100-continue is answered with a final status.
        String raw = exchangeRaw("POST /v1/kiosks/SH-PD-0005/heartbeats HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + (IntakeServer.MAX_BODY_BYTES + 1) + "\r\n"
                + "Expect: 100-continue\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 413 ");
        assertThat(headerSection(raw)).containsIgnoringCase("connection: close");
        assertThat(JSON.readTree(bodyOf(raw)).at("/error/code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void unsupportedExpectationIs417AndCloses() throws Exception {
        String raw = exchangeRaw("POST /v1/kiosks/SH-PD-0005/heartbeats HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 2\r\n"
                + "Expect: coffee\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 417 ");
        assertThat(JSON.readTree(bodyOf(raw)).at("/error/code").asText()).isEqualTo("expectation_failed");
    }

    @Test
    void bodyWithoutJsonContentTypeIs415() throws Exception {
        HttpRequest req = request("/v1/kiosks/SH-PD-0006/heartbeats")
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(HEARTBEAT))
                .build();
        assertError(send(req), 415, "unsupported_media_type");

        HttpRequest noType = request("/v1/kiosks/SH-PD-0006/heartbeats").POST(BodyPublishers.ofString(HEARTBEAT)).build();
        assertError(send(noType), 415, "unsupported_media_type");

        HttpRequest withCharset = request("/v1/kiosks/SH-PD-0006/heartbeats")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString(HEARTBEAT))
                .build();
        assertThat(send(withCharset).statusCode()).isEqualTo(204);
    }

    @Test
    void invalidKioskIdIs400() throws Exception {
        for (String id : List.of("sh-pd-0001", "SH_PD", "A".repeat(33), "%E6%9F%9C")) {
            assertError(send(get("/v1/kiosks/" + id + "/heartbeat")), 400, "invalid_kiosk_id");
        }
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        HttpRequest req = request("/v1/health").header("X-Padding", "p".repeat(10_000)).GET().build();
        assertError(send(req), 431, "request_too_large");
    }

    @Test
    void requestThatIsNotHttpGetsAJsonErrorAndTheConnectionIsClosed() throws Exception {
        String raw = exchangeRaw("GET /v1/health NOT-A-VERSION\r\nHost: x\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 400 ");
        assertThat(headerSection(raw)).containsIgnoringCase("content-type: application/json");
        assertThat(JSON.readTree(bodyOf(raw)).at("/error/code").asText()).isEqualTo("bad_request");
    }

    // --- lifecycle and command line ----------------------------------------------------------

    @Test
    void bindsLoopbackOnAnEphemeralPortAndClosesIdempotently() throws Exception {
        IntakeServer other = new IntakeServer().start(0);
        try {
            assertThat(other.port()).isPositive().isNotEqualTo(server.port());
            assertThatThrownBy(() -> other.start(0)).isInstanceOf(IllegalStateException.class);
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/v1/health")).build(),
                    BodyHandlers.ofString());
            assertThat(JSON.readTree(r.body()).get("version").asText()).isNotBlank();
        } finally {
            other.close();
            other.close();
        }
        assertThatThrownBy(() -> other.start(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindingAPortInUseIsAnIOException() {
        IntakeServer clash = new IntakeServer();
        assertThatThrownBy(() -> clash.start(server.port())).isInstanceOf(IOException.class);
        clash.close();
    }

    @Test
    void commandLineTakesAPortADatabaseAndTls() {
        java.util.function.Function<String, String> noEnv = k -> null;
        assertThat(IntakeConfig.fromArgs(new String[0], noEnv).port()).isEqualTo(IntakeServer.DEFAULT_PORT);
        assertThat(IntakeConfig.fromArgs(new String[] {"--port", "9001"}, noEnv).port()).isEqualTo(9001);
        assertThat(IntakeConfig.fromArgs(new String[] {"--port", "0"}, noEnv).port()).isZero();
        assertThat(IntakeConfig.fromArgs(new String[] {"--db", "jdbc:postgresql://127.0.0.1/intake"}, noEnv).jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1/intake");
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--port"}, noEnv)).hasMessageContaining("usage");
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--port", "http"}, noEnv)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--port", "70000"}, noEnv)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--verbose", "x"}, noEnv)).hasMessageContaining("usage");
        // Plain HTTP is for loopback only.
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--bind", "0.0.0.0"}, noEnv))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> IntakeConfig.fromArgs(new String[] {"--tls-keystore", "a.p12"}, noEnv))
                .hasMessageContaining("go together");
    }

    // --- helpers -----------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest postJson(String path, String body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }

    /**
     * Writes {@code request} as is and reads until the server closes the connection: returning at
     * all proves the close (the socket timeout fails the test otherwise).
     */
    private String exchangeRaw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String headerSection(String rawResponse) {
        return rawResponse.substring(0, rawResponse.indexOf("\r\n\r\n"));
    }

    private static String bodyOf(String rawResponse) {
        return rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
    }

    /** Every error has the same shape: exactly {"error":{"code":…,"message":…}}, served as JSON. */
    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as("status of %s", r.request().uri()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.size()).as("top-level fields of %s", r.body()).isEqualTo(1);
        JsonNode error = body.get("error");
        assertThat(error).as("error object in %s", r.body()).isNotNull();
        assertThat(error.size()).as("fields of the error in %s", r.body()).isEqualTo(2);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
    }
}

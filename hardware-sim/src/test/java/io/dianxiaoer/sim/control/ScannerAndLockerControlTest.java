package io.dianxiaoer.sim.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.code.CodeParser;
import io.dianxiaoer.core.code.CodePolicy;
import io.dianxiaoer.device.scanner.CodeFramer;
import io.dianxiaoer.device.scanner.Terminator;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.locker.LockerFault;
import io.dianxiaoer.sim.scanner.ScannerFault;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Identities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scanner and locker routes of the control server, and their pages. */
@Timeout(60)
class ScannerAndLockerControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HardwareSimulator hw;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
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

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hw.controlUrl() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScanPostedToTheControlServerComesOutOnTheWire() throws Exception {
        assertThat(post("/api/scanner/scan", "NOBODY-LISTENS").statusCode()).isEqualTo(409);
        Transport t = Transports.fromUri(hw.scanner().uri(), 9600).get();
        try (t) {
            t.open();
            Await.until("the simulator sees the connection", () -> hw.scanner().connected());
            assertThat(post("/api/scanner/scan", "上海 QR 1").statusCode()).isEqualTo(204);
            assertThat(post("/api/scanner/scan?text=SECOND", "").statusCode()).isEqualTo(204);
            assertThat(post("/api/scanner/scan-hex?bytes=FF00", "").statusCode()).isEqualTo(204);
            assertThat(post("/api/scanner/scan-hex?bytes=XYZ", "").statusCode()).isEqualTo(400);

            CodeFramer f = new CodeFramer(Terminator.CR_LF, new byte[0], new byte[0], 100, Duration.ofSeconds(5).toNanos());
            List<String> got = new ArrayList<>();
            byte[] buf = new byte[256];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < 3 && System.nanoTime() < deadline) {
                int n = t.read(buf, 0, buf.length, Duration.ofMillis(200));
                f.feed(buf, 0, n, System.nanoTime());
                CodeFramer.Result r;
                while ((r = f.next()) != null) {
                    if (r instanceof CodeFramer.Result.Code c) {
                        got.add(new String(c.bytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertThat(got).containsExactly("上海 QR 1", "SECOND", "\uFFFD\u0000");
        }
        JsonNode s = JSON.readTree(get("/api/scanner").body());
        assertThat(s.get("codesSent").asInt()).isEqualTo(3);
        assertThat(s.get("endpoint").asText()).isEqualTo(hw.scanner().uri());
    }

    @Test
    void scannerFaultsAndSamples() throws Exception {
        for (ScannerFault f : ScannerFault.values()) {
            assertThat(post("/api/scanner/fault?mode=" + f.name().toLowerCase(), "").statusCode()).isEqualTo(204);
            assertThat(hw.scanner().fault()).isEqualTo(f);
        }
        assertThat(post("/api/scanner/fault?mode=SLOW_TRICKLE&delayMs=25", "").statusCode()).isEqualTo(204);
        assertThat(hw.scanner().trickleDelayMillis()).isEqualTo(25);
        assertThat(post("/api/scanner/fault?mode=ON_FIRE", "").statusCode()).isEqualTo(400);

        JsonNode samples = JSON.readTree(get("/api/scanner/samples").body());
        CodeParser parser = new CodeParser(CodePolicy.DEFAULT);
        int accepted = 0;
        for (JsonNode sample : samples) {
            if (parser.parse(sample.get("text").asText(), Instant.now()).accepted()) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(6); // the five known kinds and one unknown; the rest are broken on purpose
        assertThat(samples.size()).isGreaterThan(accepted);
        HttpResponse<String> page = get("/scanner");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("模拟扫码器").contains("SLOW_TRICKLE");
        assertThat(get("/").body()).contains("href=\"/scanner\"").contains("href=\"/locker\"");
    }

    @Test
    void theCabinetIsOperatedThroughTheControlApi() throws Exception {
        JsonNode s = JSON.readTree(get("/api/locker").body());
        assertThat(s.get("compartments").size()).isEqualTo(24);
        assertThat(s.get("bus").asText()).isEqualTo("1:12p,2:12p");

        assertThat(post("/api/locker/item?compartment=3&action=put", "").statusCode()).isEqualTo(409);
        assertThat(post("/api/locker/door?compartment=3&action=open", "").statusCode()).isEqualTo(204);
        assertThat(post("/api/locker/item?compartment=3&action=put", "").statusCode()).isEqualTo(204);
        assertThat(post("/api/locker/stuck?compartment=5&on=true", "").statusCode()).isEqualTo(204);
        assertThat(post("/api/locker/door?compartment=99&action=open", "").statusCode()).isEqualTo(404);
        assertThat(post("/api/locker/door?compartment=3&action=slam", "").statusCode()).isEqualTo(400);
        JsonNode c3 = JSON.readTree(get("/api/locker").body()).get("compartments").get(2);
        assertThat(c3.get("door").asText()).isEqualTo("open");
        assertThat(c3.get("item").asBoolean()).isTrue();
        assertThat(hw.locker().compartment(5).stuck()).isTrue();

        for (LockerFault f : LockerFault.values()) {
            assertThat(post("/api/locker/fault?mode=" + f, "").statusCode()).isEqualTo(204);
            assertThat(hw.locker().fault()).isEqualTo(f);
        }
        assertThat(post("/api/locker/fault?mode=SLOW&delayMs=700", "").statusCode()).isEqualTo(204);
        assertThat(hw.locker().slowMillis()).isEqualTo(700);
        HttpResponse<String> page = get("/locker");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("模拟智能柜").contains("STUCK_DOORS");
    }
}

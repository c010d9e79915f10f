package io.dianxiaoer.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.wire.KioskId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The PostgreSQL path against a real local server: the migrations apply, and two intake instances
 * sharing one database (as behind a load balancer) keep the rules together: an upload started on
 * one resumes on the other, one idempotency key gives one submission however the requests are
 * spread and raced, acceptance numbers are unique across instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class PostgresIntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KioskId KIOSK = KioskId.of("PG-0001");

    private LocalPostgres pg;
    private IntakeServer a;
    private IntakeServer b;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        pg = LocalPostgres.start();
        IntakeConfig config = IntakeConfig.defaults().withDatabase(pg.jdbcUrl(), null, null);
        a = new IntakeServer(config, Clock.systemUTC(), "pg-a").start(0);
        b = new IntakeServer(config, Clock.systemUTC(), "pg-b").start(0);
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void migrationsApplyToPostgresql() throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getBoolean(2)).isTrue();
        }
        assertThat(a.inspector().count("upload")).isNotNegative();
    }

    @Test
    void twoInstancesOnOneDatabaseShareUploadsAndIdempotency() throws Exception {
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        String uploadId = UUID.randomUUID().toString();
        String create = "{\"uploadId\":\"" + uploadId + "\",\"length\":" + data.length + ",\"sha256\":\"" + hex(data)
                + "\",\"contentType\":\"image/jpeg\"}";
        assertThat(send(a, post("/uploads", create, null)).statusCode()).isEqualTo(201);
        assertThat(send(a, patch(uploadId, 0, Arrays.copyOfRange(data, 0, 120_000))).statusCode()).isEqualTo(204);
        // The kiosk's connection moves to the other instance: it resumes from the shared offset.
        HttpResponse<String> head = send(b, HttpRequest.newBuilder(uri(b, "/uploads/" + uploadId))
                .method("HEAD", BodyPublishers.noBody()).build());
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("120000");
        assertThat(send(b, patch(uploadId, 0, Arrays.copyOfRange(data, 0, 120_000))).statusCode()).isEqualTo(409);
        assertThat(send(b, patch(uploadId, 120_000, Arrays.copyOfRange(data, 120_000, data.length))).statusCode())
                .isEqualTo(204);
        assertThat(a.inspector().attachment(KIOSK, uploadId)).isEqualTo(data);

        String body = "{\"kioskId\":\"" + KIOSK + "\",\"localReceipt\":\"" + KIOSK + "-20261122-000001\",\"serviceCode\":\"SB-010\","
                + "\"applicant\":{\"name\":\"张伟\",\"idNumber\":\"310115198503120119\"},\"attachments\":[{\"uploadId\":\""
                + uploadId + "\",\"kind\":\"PHOTO\",\"contentType\":\"image/jpeg\",\"length\":" + data.length
                + ",\"sha256\":\"" + hex(data) + "\"}]}";
        String key = "pg-key-" + UUID.randomUUID();
        // Sixteen copies of the same request, raced across both instances.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
            IntakeServer target = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return send(target, post("/submissions", body, key));
            }));
        }
        go.countDown();
        List<String> accepted = new ArrayList<>();
        int inFlight = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 201) {
                accepted.add(JSON.readTree(r.body()).get("acceptanceNumber").asText());
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("request_in_flight");
                inFlight++;
            }
        }
        pool.shutdownNow();
        assertThat(accepted).isNotEmpty().allMatch(n -> n.equals(accepted.get(0)));
        assertThat(accepted.size() + inFlight).isEqualTo(16);
        assertThat(a.inspector().submissions(KIOSK)).hasSize(1);
        HttpResponse<String> replay = send(b, post("/submissions", body, key));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(send(a, post("/submissions", body.replace("000001", "000002"), key)).statusCode()).isEqualTo(422);

        // Acceptance numbers stay unique when both instances issue them at once.
        List<Future<HttpResponse<String>>> more = new ArrayList<>();
        ExecutorService pool2 = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 20; i++) {
            IntakeServer target = i % 2 == 0 ? a : b;
            String other = body.replace("000001", String.format("%06d", 100 + i));
            String k = "pg-many-" + i + "-" + UUID.randomUUID();
            more.add(pool2.submit(() -> send(target, post("/submissions", other, k))));
        }
        List<String> numbers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : more) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            numbers.add(JSON.readTree(r.body()).get("acceptanceNumber").asText());
        }
        pool2.shutdownNow();
        assertThat(numbers).doesNotHaveDuplicates().doesNotContain(accepted.get(0));
    }

    private URI uri(IntakeServer s, String kioskPath) {
        return URI.create("http://127.0.0.1:" + s.port() + "/v1/kiosks/" + KIOSK + kioskPath);
    }

    private HttpRequest post(String path, String json, String key) {
        // The target instance is chosen in send(); the URI host/port are replaced there.
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://placeholder" + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return r.build();
    }

    private HttpRequest patch(String uploadId, long offset, byte[] chunk) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://placeholder/uploads/" + uploadId)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(offset))
                .header("Upload-Checksum", "sha256 " + Base64.getEncoder().encodeToString(sha256(chunk)))
                .method("PATCH", BodyPublishers.ofByteArray(chunk)).build();
    }

    private HttpResponse<String> send(IntakeServer s, HttpRequest r) throws Exception {
        URI target = r.uri().getHost().equals("placeholder") ? uri(s, r.uri().getPath()) : r.uri();
        HttpRequest.Builder copy = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(r.method(), r.bodyPublisher().orElse(BodyPublishers.noBody()));
        r.headers().map().forEach((k, vs) -> vs.forEach(v -> copy.header(k, v)));
        return client.send(copy.build(), BodyHandlers.ofString());
    }

    private static byte[] sha256(byte[] d) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(d);
    }

    private static String hex(byte[] d) throws Exception {
        return HexFormat.of().formatHex(sha256(d));
    }
}

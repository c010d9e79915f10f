package io.dianxiaoer.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.wire.KioskId;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake API over real HTTP: uploads, submissions, documents, ratings, identity verification,
 * and every kind of rejected input (a malformed body, a wrong offset, a chunk whose checksum fails, an
 * oversized attachment, a missing or foreign client certificate) answered with the documented error
 * while nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class IntakeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KioskId KIOSK = KioskId.of("SH-PD-0007");
    private static final String PASSWORD = "dev-pki-password";

    @TempDir
    Path tmp;

    private IntakeServer server;
    private HttpClient client;

    @BeforeAll
    void start() throws IOException {
        server = new IntakeServer(IntakeConfig.defaults().withMaxAttachmentBytes(3_000_000), java.time.Clock.systemUTC(), "t")
                .start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // --- uploads -------------------------------------------------------------------------------

    @Test
    void anUploadIsCreatedOnceResumedFromItsOffsetAndCompleted() throws Exception {
        byte[] data = bytes(300_000, 1);
        String id = UUID.randomUUID().toString();
        HttpResponse<String> created = createUpload(id, data.length, sha256Hex(data));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(createUpload(id, data.length, sha256Hex(data)).statusCode()).as("created again").isEqualTo(200);

        assertThat(patch(id, 0, Arrays.copyOfRange(data, 0, 100_000), null).statusCode()).isEqualTo(204);
        HttpResponse<String> head = send(req("/uploads/" + id).method("HEAD", BodyPublishers.noBody()).build());
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("100000");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue("300000");
        assertThat(patch(id, 100_000, Arrays.copyOfRange(data, 100_000, 300_000), null).headers().firstValue("Upload-Offset"))
                .hasValue("300000");
        assertThat(server.inspector().attachment(KIOSK, id)).isEqualTo(data);
        assertThat(createUpload(id, data.length, sha256Hex(data)).headers().firstValue("Upload-Offset")).hasValue("300000");
    }

    @Test
    void aChunkAtTheWrongOffsetIs409WithTheRightOffsetAndStoresNothing() throws Exception {
        byte[] data = bytes(50_000, 2);
        String id = UUID.randomUUID().toString();
        createUpload(id, data.length, sha256Hex(data));
        patch(id, 0, Arrays.copyOfRange(data, 0, 10_000), null);
        long chunks = server.inspector().count("upload_chunk");

        HttpResponse<String> r = patch(id, 20_000, Arrays.copyOfRange(data, 20_000, 30_000), null);
        assertError(r, 409, "offset_mismatch");
        assertThat(r.headers().firstValue("Upload-Offset")).hasValue("10000");
        assertError(patch(id, 0, Arrays.copyOfRange(data, 0, 10_000), null), 409, "offset_mismatch");
        assertThat(server.inspector().count("upload_chunk")).isEqualTo(chunks);
    }

    @Test
    void aChunkWhoseChecksumFailsIs460AndStoresNothing() throws Exception {
        byte[] data = bytes(20_000, 3);
        String id = UUID.randomUUID().toString();
        createUpload(id, data.length, sha256Hex(data));
        long chunks = server.inspector().count("upload_chunk");
        byte[] chunk = Arrays.copyOfRange(data, 0, 5_000);
        String wrong = "sha256 " + Base64.getEncoder().encodeToString(sha256(bytes(5_000, 99)));

        assertError(patch(id, 0, chunk, wrong), 460, "checksum_mismatch");
        assertError(patch(id, 0, chunk, "md5 abc"), 400, "unsupported_checksum");
        HttpResponse<String> noChecksum = send(req("/uploads/" + id).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", "0").method("PATCH", BodyPublishers.ofByteArray(chunk)).build());
        assertError(noChecksum, 400, "checksum_required");
        assertThat(server.inspector().count("upload_chunk")).isEqualTo(chunks);
        assertThat(headOffset(id)).isZero();
    }

    @Test
    void oversizedAttachmentsAndChunksAre413AndStoreNothing() throws Exception {
        long uploads = server.inspector().count("upload");
        assertError(createUpload(UUID.randomUUID().toString(), 3_000_001, sha256Hex(new byte[0]).replace('e', 'f')), 413,
                "attachment_too_large");
        assertThat(server.inspector().count("upload")).isEqualTo(uploads);

        byte[] data = bytes(1000, 4);
        String id = UUID.randomUUID().toString();
        createUpload(id, data.length, sha256Hex(data));
        long chunks = server.inspector().count("upload_chunk");
        assertError(patch(id, 0, bytes(1001, 4), null), 413, "upload_overflow");
        assertError(patch(id, 0, bytes(IntakeHandler.MAX_CHUNK_BYTES + 1, 5), null), 413, "payload_too_large");
        assertThat(server.inspector().count("upload_chunk")).isEqualTo(chunks);
    }

    @Test
    void bytesThatDoNotMatchTheAnnouncedDigestAre422AndTheUploadStartsOver() throws Exception {
        byte[] data = bytes(10_000, 6);
        String id = UUID.randomUUID().toString();
        createUpload(id, data.length, sha256Hex(bytes(10_000, 7)));
        patch(id, 0, Arrays.copyOfRange(data, 0, 4_000), null);
        assertError(patch(id, 4_000, Arrays.copyOfRange(data, 4_000, 10_000), null), 422, "attachment_digest_mismatch");
        assertThat(headOffset(id)).isZero();
        assertThat(server.inspector().attachment(KIOSK, id)).isEmpty();
    }

    @Test
    void malformedOrInvalidUploadRequestsAre400() throws Exception {
        assertError(send(postJson("/uploads", "{\"uploadId\":", null)), 400, "malformed_json");
        assertError(send(postJson("/uploads", "{\"uploadId\":\"x\",\"length\":1,\"sha256\":\"00\",\"contentType\":\"a/b\"}", null)),
                400, "invalid_upload");
        assertError(send(req("/uploads/" + UUID.randomUUID()).method("HEAD", BodyPublishers.noBody()).build()), 404, null);
    }

    // --- submissions ---------------------------------------------------------------------------

    @Test
    void aSubmissionWithItsAttachmentGetsAnAcceptanceNumberAndItsStatus() throws Exception {
        byte[] data = bytes(70_000, 8);
        String id = UUID.randomUUID().toString();
        createUpload(id, data.length, sha256Hex(data));
        patch(id, 0, data, null);
        HttpResponse<String> r = send(postJson("/submissions", submission("000101", id, data), "key-" + UUID.randomUUID()));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        String number = body.get("acceptanceNumber").asText();
        assertThat(number).matches("SL-\\d{8}-\\d{8}");
        assertThat(body.get("localReceipt").asText()).isEqualTo(KIOSK + "-20261122-000101");

        JsonNode status = JSON.readTree(send(req("/submissions/" + number).GET().build()).body());
        assertThat(status.get("status").asText()).isEqualTo("ACCEPTED");

        // Ratings (好差评): created, repeated, changed, unknown, out of range.
        String rating = "{\"acceptanceNumber\":\"" + number + "\",\"score\":5,\"handler\":\"A-17\"}";
        assertThat(send(postJson("/ratings", rating, null)).statusCode()).isEqualTo(201);
        assertThat(send(postJson("/ratings", rating, null)).statusCode()).isEqualTo(200);
        assertError(send(postJson("/ratings", rating.replace("\"score\":5", "\"score\":1"), null)), 409, "already_rated");
        assertError(send(postJson("/ratings", rating.replace(number, "SL-20000101-00000000"), null)), 404, "not_found");
        assertError(send(postJson("/ratings", rating.replace("\"score\":5", "\"score\":6"), null)), 400, "invalid_rating");
        assertThat(JSON.readTree(send(req("/submissions/" + number).GET().build()).body()).get("rating").asInt()).isEqualTo(5);
    }

    @Test
    void rejectedSubmissionsStoreNothing() throws Exception {
        long before = server.inspector().count("submission");
        long keys = server.inspector().count("idempotency");
        byte[] data = bytes(1000, 9);
        String incomplete = UUID.randomUUID().toString();
        createUpload(incomplete, data.length, sha256Hex(data));

        assertError(send(postJson("/submissions", "{\"kioskId\":", "k-" + UUID.randomUUID())), 400, "malformed_json");
        assertError(send(postJson("/submissions", submission("000102", null, null), null)), 400, "idempotency_key_required");
        assertError(send(postJson("/submissions", submission("000102", null, null).replace("SB-010", "sb 010"),
                "k-" + UUID.randomUUID())), 400, "invalid_submission");
        assertError(send(postJson("/submissions", submission("000103", incomplete, data), "k-" + UUID.randomUUID())), 409,
                "attachment_incomplete");
        String other = submission("000104", incomplete, data).replace(sha256Hex(data), sha256Hex(bytes(1000, 10)));
        patch(incomplete, 0, data, null);
        assertError(send(postJson("/submissions", other, "k-" + UUID.randomUUID())), 422, "attachment_mismatch");
        HttpRequest wrongType = req("/submissions").header("Content-Type", "text/plain").header("Idempotency-Key", "k-12345678")
                .POST(BodyPublishers.ofString(submission("000105", null, null))).build();
        assertError(send(wrongType), 415, "unsupported_media_type");

        assertThat(server.inspector().count("submission")).isEqualTo(before);
        assertThat(server.inspector().count("idempotency")).isEqualTo(keys);
    }

    @Test
    void aKeyLeftInFlightByADeadServerIsTakenOverAfterTheLease() throws Exception {
        String body = submission("000201", null, null);
        String hash = HexFormat.of().formatHex(sha256(IntakeHandler.canonical(JSON.readTree(body))));
        long now = System.currentTimeMillis();
        // As a server that died mid-request would leave them: one claimed a minute ago, one just now.
        server.inspector().store().database().execute("INSERT INTO idempotency (kiosk_id, idem_key, request_hash, state, "
                + "locked_at, created_at) VALUES ('" + KIOSK + "', 'stale-key-1', '" + hash + "', 'IN_FLIGHT', " + (now - 60_000)
                + ", 'x'), ('" + KIOSK + "', 'fresh-key-1', '" + hash + "', 'IN_FLIGHT', " + now + ", 'x')");

        assertThat(send(postJson("/submissions", body, "stale-key-1")).statusCode()).as("taken over").isEqualTo(201);
        assertError(send(postJson("/submissions", body, "fresh-key-1")), 409, "request_in_flight");
        assertThat(send(postJson("/submissions", body, "stale-key-1")).headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
    }

    // --- documents and identity ----------------------------------------------------------------

    @Test
    void catalogAndConfigCarryETagsAndAnswer304WhenCurrent() throws Exception {
        for (String path : new String[] {"/v1/catalog", "/v1/kiosks/" + KIOSK + "/config"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).startsWith("\"").endsWith("\"");
            HttpResponse<String> again = send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag).GET().build());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", "\"old\"").GET().build()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(JSON.readTree(send(HttpRequest.newBuilder(uri("/v1/kiosks/" + KIOSK + "/config")).GET().build()).body())
                .get("kioskId").asText()).isEqualTo(KIOSK.value());
    }

    @Test
    void identityVerificationAnswersTestIdentitiesAndRefusesNonImages() throws Exception {
        String face = Base64.getEncoder().encodeToString(png(96, 96));
        JsonNode match = JSON.readTree(send(postJson("/identity-verifications",
                "{\"idNumber\":\"310115198503120119\",\"faceImage\":\"" + face + "\"}", null)).body());
        assertThat(match.get("verdict").asText()).isEqualTo("MATCH");
        assertThat(match.get("score").asDouble()).isBetween(0.5, 1.0);
        JsonNode noMatch = JSON.readTree(send(postJson("/identity-verifications",
                "{\"idNumber\":\"31010419901105048X\",\"faceImage\":\"" + face + "\"}", null)).body());
        assertThat(noMatch.get("verdict").asText()).isEqualTo("NO_MATCH");
        JsonNode unknown = JSON.readTree(send(postJson("/identity-verifications",
                "{\"idNumber\":\"11010519491231002X\",\"faceImage\":\"" + face + "\"}", null)).body());
        assertThat(unknown.get("verdict").asText()).isEqualTo("UNKNOWN_IDENTITY");

        assertError(send(postJson("/identity-verifications", "{\"idNumber\":\"310115198503120119\",\"faceImage\":\""
                + Base64.getEncoder().encodeToString(bytes(5000, 1)) + "\"}", null)), 400, "invalid_image");
        assertError(send(postJson("/identity-verifications", "{\"idNumber\":\"310115198503120119\",\"faceImage\":\""
                + Base64.getEncoder().encodeToString(png(32, 32)) + "\"}", null)), 400, "invalid_image");
        assertError(send(postJson("/identity-verifications", "{\"idNumber\":\"310115198503120118\",\"faceImage\":\"" + face
                + "\"}", null)), 400, "invalid_verification");
    }

    @Test
    void theContractIsServed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/openapi.yaml")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("openapi: 3.").contains("/v1/kiosks/{kioskId}/submissions");
    }

    // --- mutual TLS ----------------------------------------------------------------------------

    @Test
    void mutualTlsAdmitsTheKioskOfTheCertificateOnly() throws Exception {
        DevPki pki = new DevPki(tmp.resolve("pki"), PASSWORD).createCaAndServer("Test Kiosk CA");
        pki.issueKiosk(KIOSK.value());
        DevPki foreign = new DevPki(tmp.resolve("foreign"), PASSWORD).createCa("Some Other CA");
        foreign.issueKiosk(KIOSK.value());
        IntakeConfig.Tls tls = new IntakeConfig.Tls(pki.server(), PASSWORD.toCharArray(), pki.caTrust(), PASSWORD.toCharArray());
        try (IntakeServer secure = new IntakeServer(IntakeConfig.defaults().withTls(tls), java.time.Clock.systemUTC(), "t")
                .start(0)) {
            String base = "https://127.0.0.1:" + secure.port();
            String heartbeat = "{\"version\":\"1\",\"queueDepth\":0,\"devices\":{}}";
            HttpClient kiosk = tlsClient(pki.caTrust(), pki.kiosk(KIOSK.value()));
            assertThat(kiosk.send(post(base + "/v1/kiosks/" + KIOSK + "/heartbeats", heartbeat), BodyHandlers.ofString())
                    .statusCode()).isEqualTo(204);
            assertError(kiosk.send(post(base + "/v1/kiosks/SH-PD-0008/heartbeats", heartbeat), BodyHandlers.ofString()), 403,
                    "foreign_client_certificate");

            HttpClient anonymous = tlsClient(pki.caTrust(), null);
            assertError(anonymous.send(post(base + "/v1/kiosks/" + KIOSK + "/heartbeats", heartbeat), BodyHandlers.ofString()),
                    401, "client_certificate_required");
            assertError(anonymous.send(HttpRequest.newBuilder(URI.create(base + "/v1/catalog")).GET().build(),
                    BodyHandlers.ofString()), 401, "client_certificate_required");

            // A certificate from another CA: the JDK client does not even offer it (the server names its CA), so 401;
            // a client that insists on sending it does not get past the handshake.
            HttpClient polite = tlsClient(pki.caTrust(), foreign.kiosk(KIOSK.value()));
            assertError(polite.send(post(base + "/v1/kiosks/" + KIOSK + "/heartbeats", heartbeat), BodyHandlers.ofString()),
                    401, "client_certificate_required");
            HttpClient stranger = insistingClient(pki.caTrust(), foreign.kiosk(KIOSK.value()));
            assertThatThrownBy(() -> stranger.send(post(base + "/v1/kiosks/" + KIOSK + "/heartbeats", heartbeat),
                    BodyHandlers.ofString())).isInstanceOf(IOException.class);
            assertThat(secure.inspector().count("heartbeat")).isEqualTo(1);
        }
        assertThatThrownBy(() -> IntakeConfig.defaults().withBindAddress(java.net.InetAddress.getByName("0.0.0.0")))
                .hasMessageContaining("loopback");
    }

    private static HttpClient tlsClient(Path trust, Path key) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(IntakeServer.loadPkcs12(trust, PASSWORD.toCharArray()));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore ks = key == null ? emptyStore() : IntakeServer.loadPkcs12(key, PASSWORD.toCharArray());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends its certificate whatever CAs the server asks for (as a misconfigured or hostile client would). */
    private static HttpClient insistingClient(Path trust, Path key) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(IntakeServer.loadPkcs12(trust, PASSWORD.toCharArray()));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(IntakeServer.loadPkcs12(key, PASSWORD.toCharArray()), PASSWORD.toCharArray());
        javax.net.ssl.X509ExtendedKeyManager real = (javax.net.ssl.X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        javax.net.ssl.X509ExtendedKeyManager insisting = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return real.getClientAliases(keyType, null);
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return "kiosk";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                    javax.net.ssl.SSLEngine engine) {
                return "kiosk";
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
                return null;
            }

            @Override
            public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
                return real.getCertificateChain(alias);
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return real.getPrivateKey(alias);
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {insisting}, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, PASSWORD.toCharArray());
        return ks;
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)).build();
    }

    // --- helpers -------------------------------------------------------------------------------

    private String submission(String seq, String uploadId, byte[] data) {
        String attachments = uploadId == null ? "[]" : "[{\"uploadId\":\"" + uploadId + "\",\"kind\":\"PHOTO\","
                + "\"contentType\":\"image/jpeg\",\"length\":" + data.length + ",\"sha256\":\"" + sha256Hex(data) + "\"}]";
        return "{\"kioskId\":\"" + KIOSK + "\",\"localReceipt\":\"" + KIOSK + "-20261122-" + seq + "\",\"serviceCode\":\"SB-010\","
                + "\"applicant\":{\"name\":\"张伟\",\"idNumber\":\"310115198503120119\"},\"fields\":{\"phone\":\"13800138000\"},"
                + "\"attachments\":" + attachments + "}";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpRequest.Builder req(String kioskPath) {
        return HttpRequest.newBuilder(uri("/v1/kiosks/" + KIOSK + kioskPath)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest postJson(String kioskPath, String json, String idempotencyKey) {
        HttpRequest.Builder b = req(kioskPath).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return b.build();
    }

    private HttpResponse<String> createUpload(String id, long length, String sha) throws Exception {
        return send(postJson("/uploads", "{\"uploadId\":\"" + id + "\",\"length\":" + length + ",\"sha256\":\"" + sha
                + "\",\"contentType\":\"image/jpeg\"}", null));
    }

    private HttpResponse<String> patch(String id, long offset, byte[] chunk, String checksum) throws Exception {
        String sum = checksum != null ? checksum : "sha256 " + Base64.getEncoder().encodeToString(sha256(chunk));
        return send(req("/uploads/" + id).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Long.toString(offset)).header("Upload-Checksum", sum)
                .method("PATCH", BodyPublishers.ofByteArray(chunk)).build());
    }

    private long headOffset(String id) throws Exception {
        return Long.parseLong(send(req("/uploads/" + id).method("HEAD", BodyPublishers.noBody()).build()).headers()
                .firstValue("Upload-Offset").orElseThrow());
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return client.send(r, BodyHandlers.ofString());
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    private static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(w / 2, h / 2, 0xffcc99);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as("status of %s %s: %s", r.request().method(), r.request().uri(), r.body()).isEqualTo(status);
        if (r.request().method().equals("HEAD")) {
            return;
        }
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("error").size()).isEqualTo(2);
        if (code != null) {
            assertThat(body.at("/error/code").asText()).isEqualTo(code);
        }
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }
}

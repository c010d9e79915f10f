package io.dianxiaoer.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.core.wire.KioskId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property tests of the idempotency rules at a real server over HTTP: random sequences of
 * submissions over a few keys and bodies (each body sent in random key order and spacing) must get
 * exactly what the rules say: first use → 201 and a new acceptance number; same key, same body →
 * the first answer again, byte for byte; same key, other body → 422; while the first is in flight →
 * 409; and the intake stores one submission per key, nothing for the refused requests.
 */
class IdempotencyPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ID_NUMBERS = {"310115198503120119", "310101195208200106", "31010419901105048X"};
    private static final AtomicInteger KIOSKS = new AtomicInteger();

    private static IntakeServer server;
    private static HttpClient client;

    @BeforeContainer
    static void start() throws IOException {
        server = new IntakeServer().start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** One request of a sequence: which key, which body, and a seed for how the body is written. */
    record Op(int key, int body, long format) {
    }

    @Provide
    static Arbitrary<List<Op>> sequences() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.longs()).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 40)
    void answersFollowTheIdempotencyRules(@ForAll("sequences") List<Op> ops) throws Exception {
        checkRules(server, ops);
    }

    /** The rules for one random sequence against {@code target} (also run against PostgreSQL). */
    static void checkRules(IntakeServer target, List<Op> ops) throws Exception {
        KioskId kiosk = freshKiosk();
        String keyPrefix = "key-" + System.nanoTime() + "-";
        Map<Integer, Integer> bodyOfKey = new HashMap<>();
        Map<Integer, HttpResponse<String>> firstAnswer = new HashMap<>();
        Set<String> numbers = new HashSet<>();
        for (Op op : ops) {
            HttpResponse<String> r = submit(target, kiosk, keyPrefix + op.key(), body(kiosk, op.body(), op.format()));
            Integer earlierBody = bodyOfKey.get(op.key());
            if (earlierBody == null) {
                assertThat(r.statusCode()).as("first use of a key").isEqualTo(201);
                assertThat(r.headers().firstValue("Idempotent-Replayed")).isEmpty();
                String number = JSON.readTree(r.body()).get("acceptanceNumber").asText();
                assertThat(numbers.add(number)).as("a new key gets a new acceptance number").isTrue();
                bodyOfKey.put(op.key(), op.body());
                firstAnswer.put(op.key(), r);
            } else if (earlierBody == op.body()) {
                HttpResponse<String> first = firstAnswer.get(op.key());
                assertThat(r.statusCode()).as("same key, same body").isEqualTo(first.statusCode());
                assertThat(r.body()).as("the first answer again, byte for byte").isEqualTo(first.body());
                assertThat(r.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            } else {
                assertThat(r.statusCode()).as("same key, other body").isEqualTo(422);
                assertThat(errorCode(r)).isEqualTo("idempotency_key_reused");
            }
        }
        assertThat(target.inspector().submissions(kiosk)).as("one stored submission per key").hasSize(bodyOfKey.size());
    }

    @Property(tries = 15)
    void aKeyInFlightIsAnswered409AndTheFirstRequestStillWins(@ForAll("sameBodyFlags") List<Boolean> sameBody)
            throws Exception {
        KioskId kiosk = freshKiosk();
        String key = "HOLD-" + System.nanoTime();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.inspector().beforeProcessing(k -> {
            if (k.equals(key)) {
                claimed.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            String body = body(kiosk, 0, 1);
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return submit(kiosk, key, body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(claimed.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < sameBody.size(); i++) {
                boolean same = sameBody.get(i);
                HttpResponse<String> r = submit(kiosk, key, same ? body(kiosk, 0, i + 7) : body(kiosk, 1, i));
                if (same) {
                    assertThat(r.statusCode()).as("same body while in flight").isEqualTo(409);
                    assertThat(errorCode(r)).isEqualTo("request_in_flight");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                } else {
                    assertThat(r.statusCode()).as("other body while in flight").isEqualTo(422);
                }
            }
            release.countDown();
            HttpResponse<String> won = first.get(30, TimeUnit.SECONDS);
            assertThat(won.statusCode()).isEqualTo(201);
            HttpResponse<String> again = submit(kiosk, key, body);
            assertThat(again.body()).isEqualTo(won.body());
            assertThat(server.inspector().submissions(kiosk)).hasSize(1);
        } finally {
            release.countDown();
            server.inspector().beforeProcessing(null);
        }
    }

    @Provide
    Arbitrary<List<Boolean>> sameBodyFlags() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 20)
    void aRefusedRequestStoresNothingAndFreesTheKey(@ForAll("refusals") String badIdNumber) throws Exception {
        KioskId kiosk = freshKiosk();
        String key = "refused-" + System.nanoTime();
        String bad = body(kiosk, 0, 3).replace(ID_NUMBERS[0], badIdNumber);
        HttpResponse<String> refused = submit(kiosk, key, bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorCode(refused)).isEqualTo("invalid_submission");
        assertThat(server.inspector().submissions(kiosk)).isEmpty();
        // The key was not spent on the refusal: a corrected request with it is accepted.
        assertThat(submit(kiosk, key, body(kiosk, 0, 3)).statusCode()).isEqualTo(201);
    }

    @Provide
    Arbitrary<String> refusals() {
        // Wrong check digit, too short, letters: all invalid ID numbers.
        return Arbitraries.of("310115198503120118", "31011519850312011", "3101151985031201AB", "");
    }

    private static KioskId freshKiosk() {
        return KioskId.of("PT-" + ProcessHandle.current().pid() + "-" + KIOSKS.incrementAndGet());
    }

    /** Body number {@code which} of {@code kiosk}, its keys in an order and spacing chosen by {@code format}. */
    static String body(KioskId kiosk, int which, long format) {
        Random r = new Random(format);
        Map<String, Object> applicant = shuffled(r, Map.of("name", "测试人" + which, "idNumber", ID_NUMBERS[which]));
        Map<String, Object> fields = shuffled(r, Map.of("phone", "1380013000" + which, "note", "第" + which + "号"));
        Map<String, Object> root = shuffled(r, Map.of("kioskId", kiosk.value(),
                "localReceipt", kiosk.value() + "-20261122-00000" + which, "serviceCode", "SB-010",
                "applicant", applicant, "fields", fields, "attachments", List.of()));
        return write(root, r);
    }

    private static Map<String, Object> shuffled(Random r, Map<String, Object> m) {
        List<String> keys = new ArrayList<>(m.keySet());
        Collections.sort(keys);
        Collections.shuffle(keys, r);
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String write(Object v, Random r) {
        String sp = r.nextBoolean() ? " " : "";
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{" + sp);
            boolean firstField = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!firstField) {
                    b.append(',').append(sp);
                }
                firstField = false;
                b.append(quote(e.getKey())).append(':').append(sp).append(write(e.getValue(), r));
            }
            return b.append(sp).append('}').toString();
        }
        if (v instanceof List<?>) {
            return "[" + sp + "]";
        }
        return quote((String) v);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> submit(KioskId kiosk, String key, String body) throws Exception {
        return submit(server, kiosk, key, body);
    }

    private static HttpResponse<String> submit(IntakeServer target, KioskId kiosk, String key, String body) throws Exception {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/v1/kiosks/" + kiosk
                + "/submissions")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(HttpResponse<String> r) throws IOException {
        JsonNode n = JSON.readTree(r.body());
        return n.at("/error/code").asText();
    }
}

package io.dianxiaoer.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.wire.AttachmentRef;
import io.dianxiaoer.core.wire.KioskId;
import io.dianxiaoer.core.wire.SubmissionRequest;
import io.dianxiaoer.core.wire.UploadCreate;
import io.dianxiaoer.core.wire.WireHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the outbox to the intake: for each due submission, its attachments first (resumable, in
 * chunks with a checksum each, resuming from the server's offset after a cut), then the submission
 * with its idempotency key; the acceptance number goes back into the outbox and to the listeners.
 * Failures are retried with {@link Backoff} (exponential, full jitter, capped) per submission, and a
 * {@link CircuitBreaker} stops all uploads while the intake is down. Beside that it sends heartbeats,
 * pulls the catalog and configuration with ETags, and purges confirmed submissions after the
 * retention window.
 *
 * <p><b>Threads.</b> {@code sync-dispatch} decides what to upload next and sleeps (on a condition,
 * never spinning) until something is due, a worker is free and the breaker allows it;
 * {@code sync-upload-N} workers (at most {@code parallel}, the bound on parallel uploads) do the
 * blocking HTTP calls; {@code sync-timer} runs heartbeats, pulls and purges. Listeners are called on a
 * worker thread and must not block. <b>Lifecycle:</b> {@link #start} → {@link #close}.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    /** A submission the intake accepted: the local receipt and the acceptance number that replaces it. */
    public record Accepted(String localReceipt, String acceptanceNumber) {
    }

    /** Settings of the engine. */
    public record Settings(int parallel, int chunkBytes, Backoff backoff, int breakerThreshold, Duration breakerOpen,
            Duration breakerMaxOpen, Duration heartbeatEvery, Duration pullEvery, Duration retention, Duration purgeEvery,
            String version) {
    }

    private enum Outcome { DONE, RETRY_FAILURE, RETRY_ANSWERED }

    private final Outbox outbox;
    private final IntakeClient client;
    private final Settings settings;
    private final KioskId kiosk;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Supplier<Map<String, DeviceStatus>> devices;
    private final List<Consumer<Accepted>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> inFlight = new HashSet<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Thread dispatcher;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean running;
    private boolean kicked;

    public SyncEngine(Outbox outbox, IntakeClient client, Settings settings, Clock clock,
            Supplier<Map<String, DeviceStatus>> devices) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.devices = devices == null ? Map::of : devices;
        this.kiosk = outbox.kiosk();
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpen(), settings.breakerMaxOpen(),
                System::nanoTime);
        this.workers = Executors.newFixedThreadPool(settings.parallel(), named("sync-upload-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("sync-timer"));
        this.dispatcher = new Thread(this::dispatchLoop, "sync-dispatch");
        this.dispatcher.setDaemon(true);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    public void onAccepted(Consumer<Accepted> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts uploading; heartbeats, pulls and purges too unless their period is zero. */
    public SyncEngine start() {
        running = true;
        dispatcher.start();
        if (!settings.heartbeatEvery().isZero()) {
            timer.scheduleWithFixedDelay(this::heartbeatQuietly, 0, settings.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!settings.pullEvery().isZero()) {
            timer.scheduleWithFixedDelay(this::pullQuietly, 0, settings.pullEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!settings.purgeEvery().isZero()) {
            timer.scheduleWithFixedDelay(this::purgeQuietly, settings.purgeEvery().toMillis(), settings.purgeEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Wakes the dispatcher: call after an enqueue so the new submission goes out without waiting for a poll. */
    public void wake() {
        lock.lock();
        try {
            kicked = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A technician's "sync now": every queued submission becomes due and the breaker closes. */
    public void syncNow() {
        outbox.makeAllDue();
        breaker.reset();
        wake();
    }

    /** Blocks until no submission is queued, or {@code timeout} passes. True when the queue drained. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outbox.stats().queued() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long retryCount() {
        return retries.get();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    // --- dispatch ------------------------------------------------------------------------------

    private void dispatchLoop() {
        while (running) {
            try {
                dispatchOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The outbox file failed (disk full, locked): wait and try again rather than die.
                log.error("sync dispatcher: {}", e.toString());
                sleepQuietly(1000);
            }
        }
    }

    private void dispatchOnce() throws InterruptedException {
        lock.lock();
        try {
            while (running && inFlight.size() >= settings.parallel()) {
                changed.await(1, TimeUnit.SECONDS);
            }
            if (!running) {
                return;
            }
            long breakerWait = breaker.nanosUntilAllowed();
            if (breakerWait > 0) {
                kicked = false;
                changed.awaitNanos(breakerWait);
                return;
            }
            if (!breaker.tryAcquire()) {
                // Half-open with its probe out: wait for the probe's answer.
                changed.await(1, TimeUnit.SECONDS);
                return;
            }
            long now = clock.millis();
            Long next = null;
            for (Long id : outbox.due(now, settings.parallel() + inFlight.size())) {
                if (!inFlight.contains(id)) {
                    next = id;
                    break;
                }
            }
            if (next == null) {
                breaker.release();
                Optional<Long> dueAt = outbox.nextDueAt();
                long waitMillis = 5_000;
                if (dueAt.isPresent()) {
                    waitMillis = Math.max(10, Math.min(waitMillis, dueAt.get() - now));
                }
                if (!kicked) {
                    changed.await(waitMillis, TimeUnit.MILLISECONDS);
                }
                kicked = false;
                return;
            }
            long id = next;
            inFlight.add(id);
            workers.execute(() -> runOne(id));
        } finally {
            lock.unlock();
        }
    }

    private void runOne(long id) {
        Outcome outcome;
        try {
            outcome = process(id);
        } catch (RuntimeException e) {
            log.error("submission #{} failed locally: {}", id, e.toString());
            retryLater(id, "local error: " + e.getClass().getSimpleName(), false);
            outcome = Outcome.RETRY_ANSWERED;
        } finally {
            lock.lock();
            try {
                inFlight.remove(id);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (outcome == Outcome.RETRY_FAILURE) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        wake();
    }

    // --- one submission ------------------------------------------------------------------------

    /** Thrown inside {@link #process}: try again later. {@code intakeDown}: no answer or a 5xx. */
    private static final class Retry extends Exception {
        final boolean intakeDown;

        Retry(String reason, boolean intakeDown) {
            super(reason, null, false, false);
            this.intakeDown = intakeDown;
        }
    }

    /** Thrown inside {@link #process}: the intake refused this submission for good. */
    private static final class Rejected extends Exception {
        Rejected(String code) {
            super(code, null, false, false);
        }
    }

    private Outcome process(long id) {
        Optional<Outbox.Pending> loaded = outbox.load(id);
        if (loaded.isEmpty()) {
            return Outcome.DONE;
        }
        Outbox.Pending p = loaded.get();
        try {
            List<AttachmentRef> refs = new ArrayList<>();
            for (Outbox.PendingAttachment a : p.attachments()) {
                byte[] data = outbox.attachmentData(id, a.ordinal());
                try {
                    String sha = HexFormat.of().formatHex(sha256().digest(data));
                    if (!a.uploaded()) {
                        upload(a, data, sha);
                        outbox.markAttachmentUploaded(id, a.ordinal(), true);
                    }
                    refs.add(new AttachmentRef(a.uploadId(), a.kind(), a.contentType(), a.length(), sha));
                } finally {
                    DataKey.wipe(data);
                }
            }
            SubmissionRequest request = new SubmissionRequest(kiosk.value(), p.localReceipt(), p.serviceCode(), p.applicant(),
                    p.fields(), refs);
            byte[] body = Outbox.JSON.writeValueAsBytes(request);
            IntakeClient.Response r;
            try {
                r = send(new IntakeClient.Request(HttpMethod.POST, kioskPath("/submissions"),
                        Map.of(WireHeaders.IDEMPOTENCY_KEY, p.idempotencyKey()), body, "application/json"));
            } finally {
                DataKey.wipe(body);
            }
            if (r.status() == 200 || r.status() == 201) {
                JsonNode answer = Outbox.JSON.readTree(r.body());
                String number = answer.path("acceptanceNumber").asText("");
                if (number.isEmpty()) {
                    throw new Retry("answer without an acceptance number", true);
                }
                outbox.markAccepted(id, number);
                accepted.incrementAndGet();
                log.info("{} accepted as {}{}", p.localReceipt(), number,
                        "true".equals(r.header(WireHeaders.IDEMPOTENT_REPLAYED)) ? " (replayed)" : "");
                Accepted event = new Accepted(p.localReceipt(), number);
                for (Consumer<Accepted> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("acceptance listener failed: {}", e.toString());
                    }
                }
                return Outcome.DONE;
            }
            String code = r.errorCode();
            if (r.status() == 409 && code.equals("attachment_incomplete")) {
                outbox.resetAttachments(id);
                throw new Retry("409 attachment_incomplete", false);
            }
            throw classify(r, "submission");
        } catch (Retry e) {
            retryLater(id, e.getMessage(), e.intakeDown);
            return e.intakeDown ? Outcome.RETRY_FAILURE : Outcome.RETRY_ANSWERED;
        } catch (Rejected e) {
            log.error("{} rejected by the intake: {} (kept for a technician)", p.localReceipt(), e.getMessage());
            outbox.markRejected(id, e.getMessage());
            return Outcome.DONE;
        } catch (IOException e) {
            retryLater(id, "network: " + e.getMessage(), true);
            return Outcome.RETRY_FAILURE;
        }
    }

    private void retryLater(long id, String reason, boolean intakeDown) {
        retries.incrementAndGet();
        int attempts = outbox.attempts(id) + 1;
        long delay = settings.backoff().delayMillis(attempts);
        outbox.markRetry(id, clock.millis() + delay, reason);
        log.debug("submission #{}: retry {} in {} ms ({})", id, attempts, delay, reason);
    }

    /** Turns an unexpected answer into a retry (intake trouble) or a rejection (the request itself is refused). */
    private static Retry classify(IntakeClient.Response r, String what) throws Rejected {
        int s = r.status();
        String code = r.errorCode();
        String reason = s + " " + (code.isEmpty() ? "(no error code)" : code) + " on " + what;
        if (s == 400 || s == 413 || s == 422) {
            throw new Rejected(reason);
        }
        // 5xx, 408, 429: the intake is in trouble. 401/403: certificate or configuration trouble, not this
        // submission's fault: keep it and let the breaker slow down. 409 request_in_flight: answered, retry soon.
        boolean down = s >= 500 || s == 408 || s == 429 || s == 401 || s == 403;
        return new Retry(reason, down);
    }

    /** Creates (or finds) the upload and sends what the intake does not have yet. */
    private void upload(Outbox.PendingAttachment a, byte[] data, String sha) throws IOException, Retry, Rejected {
        byte[] create = Outbox.JSON.writeValueAsBytes(new UploadCreate(a.uploadId(), data.length, sha, a.contentType()));
        IntakeClient.Response r = send(new IntakeClient.Request(HttpMethod.POST, kioskPath("/uploads"), Map.of(), create,
                "application/json"));
        if (r.status() != 200 && r.status() != 201) {
            throw (classify(r, "upload create"));
        }
        long offset = offsetOf(r);
        String path = kioskPath("/uploads/" + a.uploadId());
        int checksumFailures = 0;
        int resets = 0;
        while (offset < data.length) {
            int n = (int) Math.min(settings.chunkBytes(), data.length - offset);
            byte[] chunk = Arrays.copyOfRange(data, (int) offset, (int) offset + n);
            try {
                String checksum = "sha256 " + Base64.getEncoder().encodeToString(sha256().digest(chunk));
                r = send(new IntakeClient.Request(HttpMethod.PATCH, path, Map.of(WireHeaders.UPLOAD_OFFSET, Long.toString(offset),
                        WireHeaders.UPLOAD_CHECKSUM, checksum), chunk, WireHeaders.OFFSET_OCTET_STREAM));
            } finally {
                DataKey.wipe(chunk);
            }
            if (r.status() == 204) {
                offset = offsetOf(r);
            } else if (r.status() == 409) {
                // Our idea of the offset is stale (a chunk was stored but its answer lost): ask.
                IntakeClient.Response head = send(new IntakeClient.Request(HttpMethod.HEAD, path, Map.of(), null, null));
                if (head.status() != 200) {
                    throw (classify(head, "upload offset"));
                }
                offset = offsetOf(head);
            } else if (r.status() == WireHeaders.STATUS_CHECKSUM_MISMATCH) {
                if (++checksumFailures > 3) {
                    throw new Retry("chunk checksum refused 4 times", false);
                }
            } else if (r.status() == 422 && r.errorCode().equals("attachment_digest_mismatch")) {
                if (++resets > 1) {
                    throw new Rejected("422 attachment_digest_mismatch twice");
                }
                offset = 0;
            } else {
                throw (classify(r, "upload chunk"));
            }
        }
    }

    private static long offsetOf(IntakeClient.Response r) throws Retry {
        String v = r.header(WireHeaders.UPLOAD_OFFSET);
        try {
            return Long.parseLong(Objects.requireNonNull(v));
        } catch (NumberFormatException | NullPointerException e) {
            throw new Retry("answer without a valid Upload-Offset", true);
        }
    }

    private IntakeClient.Response send(IntakeClient.Request request) throws IOException {
        try {
            return client.send(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private String kioskPath(String rest) {
        return "/v1/kiosks/" + kiosk.value() + rest;
    }

    // --- heartbeats, pulls, purge --------------------------------------------------------------

    /** Sends one heartbeat now. @return the HTTP status */
    public int heartbeat() throws IOException {
        ObjectNode body = Outbox.JSON.createObjectNode().put("version", settings.version())
                .put("queueDepth", outbox.stats().queued());
        ObjectNode devs = body.putObject("devices");
        devices.get().forEach((k, v) -> devs.put(k, v.name()));
        return send(new IntakeClient.Request(HttpMethod.POST, kioskPath("/heartbeats"), Map.of(),
                Outbox.JSON.writeValueAsBytes(body), "application/json")).status();
    }

    /** Pulls the catalog and the configuration with If-None-Match. @return how many changed */
    public int pullDocuments() throws IOException {
        int changed = 0;
        for (String[] doc : new String[][] {{"catalog", "/v1/catalog"}, {"config", kioskPath("/config")}}) {
            Optional<Outbox.CachedDocument> cached = outbox.cached(doc[0]);
            Map<String, String> headers = cached.map(c -> Map.of("If-None-Match", c.etag())).orElse(Map.of());
            IntakeClient.Response r = send(IntakeClient.Request.get(doc[1], headers));
            if (r.status() == 200 && r.header("ETag") != null) {
                outbox.storeDocument(doc[0], r.header("ETag"), r.body());
                changed++;
            } else if (r.status() != 304) {
                log.warn("pulling the {} answered {}", doc[0], r.status());
            }
        }
        return changed;
    }

    private void heartbeatQuietly() {
        try {
            heartbeat();
        } catch (IOException | RuntimeException e) {
            log.debug("heartbeat not sent: {}", e.toString());
        }
    }

    private void pullQuietly() {
        try {
            pullDocuments();
        } catch (IOException | RuntimeException e) {
            log.debug("catalog/config not pulled: {}", e.toString());
        }
    }

    private void purgeQuietly() {
        try {
            outbox.purge(settings.retention());
        } catch (RuntimeException e) {
            log.warn("purge failed: {}", e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops dispatching and waits (a few seconds) for uploads in progress; the client and outbox stay open. */
    @Override
    public void close() {
        running = false;
        wake();
        dispatcher.interrupt();
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            dispatcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

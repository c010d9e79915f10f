package io.dianxiaoer.device.scanner;

import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.api.DeviceHealthTracker;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.TransportGoneException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QR / barcode scanner in serial emulation (RS-232, USB CDC, or a serial-over-IP box): every code
 * it decodes arrives as text followed by a terminator. Emits {@link CodeScanned} with the text
 * exactly as read (framing removed, nothing trusted: classify it with the core {@code CodeParser}).
 *
 * <p>Runs on its own single-thread executor ("device-&lt;id&gt;"), which reads the port in short
 * slices ({@link ScannerSettings#readTimeout()}), feeds a {@link CodeFramer}, sends the trigger and
 * the status probe when due, and reschedules itself.
 *
 * <p>States: {@code READY} while codes (or probe answers) arrive cleanly; {@code DEGRADED} when the
 * scanner does not answer its status probe, or when {@link ScannerSettings#degradedAfterErrors}
 * errors (line noise, half codes, overlong codes, missing prefix) fall within
 * {@link ScannerSettings#errorWindow} — back to {@code READY} by itself once the probe is answered
 * and a window passes without errors; {@code OFFLINE} when the port vanishes or the peer closes the
 * link — it then retries every {@link ScannerSettings#reconnectDelay()} and returns by itself.
 *
 * <p>Frames that are not text (bytes invalid in the charset, control characters) are counted as
 * {@code noiseFrames} errors and still emitted (with U+FFFD where bytes were not text), so that the
 * screen can ask the citizen to scan again; the parser refuses them. Logs carry lengths, never
 * code contents; code buffers are zeroed after decoding.
 */
public final class SerialCodeScanner implements Device {

    private static final Logger log = LoggerFactory.getLogger(SerialCodeScanner.class);

    private final String id;
    private final Supplier<Transport> transportFactory;
    private final ScannerSettings settings;
    private final DeviceHealthTracker health;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread executorThread;

    // Confined to the executor thread.
    private final CodeFramer framer;
    private final byte[] readBuf = new byte[512];
    private final ArrayDeque<Long> recentErrors = new ArrayDeque<>();
    private Transport transport;
    private long nextTriggerAt;
    private long nextProbeAt;
    private long probeSentAt = -1;
    private boolean probeFailing;
    private boolean probeAnswered;

    public SerialCodeScanner(String id, Supplier<Transport> transportFactory, ScannerSettings settings, Clock clock) {
        this(id, transportFactory, settings, clock, System::nanoTime);
    }

    SerialCodeScanner(String id, Supplier<Transport> transportFactory, ScannerSettings settings, Clock clock,
                      LongSupplier nanoTime) {
        this.id = Objects.requireNonNull(id, "id");
        this.transportFactory = Objects.requireNonNull(transportFactory, "transportFactory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = new DeviceHealthTracker(id, clock, log);
        this.nanoTime = nanoTime;
        this.framer = new CodeFramer(settings);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "device-" + id);
            t.setDaemon(true);
            executorThread = t;
            return t;
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DeviceStatus status() {
        return health.status();
    }

    @Override
    public DeviceHealth health() {
        return health.health();
    }

    @Override
    public void addListener(Consumer<? super DeviceEvent> listener) {
        health.addListener(listener);
    }

    @Override
    public void open() {
        if (closed) {
            throw new IllegalStateException("scanner " + id + " was closed");
        }
        if (opened.compareAndSet(false, true)) {
            executor.execute(this::step);
        }
    }

    /** Sends the trigger command now (scanners in command-trigger mode); does nothing without one. Returns at once. */
    public void trigger() {
        if (settings.trigger().isEmpty() || closed) {
            return;
        }
        try {
            executor.execute(() -> {
                if (transport != null) {
                    try {
                        sendTrigger(nanoTime.getAsLong());
                    } catch (IOException e) {
                        lostLink(e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!opened.get()) {
            executor.shutdown();
            return;
        }
        executor.execute(() -> {
            disconnect();
            health.setStatus(DeviceStatus.CLOSED, "closed");
        });
        executor.shutdown();
        if (Thread.currentThread() == executorThread) {
            return; // closed from a listener: the task queued above runs right after this one
        }
        try {
            if (!executor.awaitTermination(3, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void step() {
        if (closed) {
            return;
        }
        long delayMs = 0;
        try {
            if (transport == null) {
                if (!connect()) {
                    delayMs = settings.reconnectDelay().toMillis();
                }
            } else {
                pump();
            }
        } catch (TransportGoneException e) {
            lostLink(e.getMessage());
            delayMs = settings.reconnectDelay().toMillis();
        } catch (IOException e) {
            lostLink(e.getMessage());
            delayMs = settings.reconnectDelay().toMillis();
        } catch (RuntimeException e) {
            // A bug must not kill the loop of a kiosk that stands unattended.
            health.error("internalErrors", "internal error: " + e.getClass().getSimpleName());
            log.error("scanner {} loop failed", id, e);
            delayMs = settings.readTimeout().toMillis();
        }
        if (!closed) {
            try {
                executor.schedule(this::step, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // close() shut the executor down between the check and the schedule
            }
        }
    }

    private boolean connect() {
        Transport t = transportFactory.get();
        health.endpoint(t.describe());
        if (health.status() != DeviceStatus.OFFLINE) {
            health.setStatus(DeviceStatus.OPENING, "opening " + t.describe());
        }
        try {
            t.open();
        } catch (IOException e) {
            t.close();
            health.error("openErrors", "cannot open " + t.describe() + ": " + e.getMessage());
            health.setStatus(DeviceStatus.OFFLINE, "not reachable: " + t.describe());
            return false;
        }
        transport = t;
        framer.reset();
        recentErrors.clear();
        probeFailing = false;
        probeAnswered = false;
        probeSentAt = -1;
        long now = nanoTime.getAsLong();
        nextProbeAt = now; // probe at once: a port that opens is not yet a scanner that answers
        nextTriggerAt = now;
        health.opened();
        if (settings.probe().isEmpty()) {
            health.setStatus(DeviceStatus.READY, "ready on " + t.describe());
        }
        return true;
    }

    /** One slice: send what is due, read what came, frame it, update the status. */
    private void pump() throws IOException {
        long now = nanoTime.getAsLong();
        if (settings.trigger().isPresent() && now - nextTriggerAt >= 0) {
            sendTrigger(now);
        }
        if (settings.probe().isPresent() && probeSentAt < 0 && now - nextProbeAt >= 0) {
            transport.write(ScannerSettings.bytes(settings.probe().get().command()));
            probeSentAt = now;
            health.counters().increment("probes");
        }
        int n = transport.read(readBuf, 0, readBuf.length, settings.readTimeout());
        now = nanoTime.getAsLong();
        framer.feed(readBuf, 0, n, now);
        Arrays.fill(readBuf, 0, n, (byte) 0);
        CodeFramer.Result r;
        while ((r = framer.next()) != null) {
            if (r instanceof CodeFramer.Result.Code c) {
                handleCode(c, now);
            } else if (r instanceof CodeFramer.Result.Reply reply) {
                handleReply(reply.bytes(), now);
            } else {
                CodeFramer.Result.Dropped d = (CodeFramer.Result.Dropped) r;
                String counter = switch (d.reason()) {
                    case TOO_LONG -> "tooLong";
                    case TIMED_OUT, INTERRUPTED -> "halfCodes";
                    case NO_PREFIX, NO_SUFFIX -> "unframed";
                };
                countError(counter, d.reason().words() + " (" + d.bytes() + " bytes)", now);
            }
        }
        if (probeSentAt >= 0 && now - probeSentAt > settings.probe().get().timeout().toNanos()) {
            probeSentAt = -1;
            nextProbeAt = now + settings.probe().get().every().toNanos();
            health.counters().increment("probeTimeouts");
            if (!probeFailing) {
                probeFailing = true;
                health.error("probeTimeouts", "the scanner does not answer its status query");
            }
        }
        updateStatus(now);
    }

    private void sendTrigger(long now) throws IOException {
        transport.write(ScannerSettings.bytes(settings.trigger().get().command()));
        health.counters().increment("triggers");
        nextTriggerAt = now + settings.trigger().get().every().toNanos();
    }

    private void handleReply(byte[] bytes, long now) {
        Arrays.fill(bytes, (byte) 0);
        if (probeSentAt < 0) {
            health.counters().increment("unaskedReplies");
            return;
        }
        probeSentAt = -1;
        nextProbeAt = now + settings.probe().get().every().toNanos();
        probeFailing = false;
        probeAnswered = true;
        health.counters().increment("probeAnswers");
    }

    private void handleCode(CodeFramer.Result.Code c, long now) {
        byte[] bytes = c.bytes();
        try {
            if (c.noiseBytes() > 0) {
                countError("noiseBytes", c.noiseBytes() + " bytes of line noise before a code", now);
            }
            String text = decode(bytes, now);
            health.counters().increment("reads");
            log.debug("scanner {}: code of {} bytes", id, bytes.length);
            health.emit(new CodeScanned(id, text, health.clock().instant()));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Strict decoding first; a frame that is not text is counted as noise and decoded with U+FFFD. */
    private String decode(byte[] bytes, long now) {
        CharsetDecoder strict = settings.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        boolean noise = false;
        try {
            CharBuffer cb = strict.decode(ByteBuffer.wrap(bytes));
            text = cb.toString();
            Arrays.fill(cb.array(), '\0');
        } catch (CharacterCodingException e) {
            text = new String(bytes, settings.charset());
            noise = true;
        }
        for (int i = 0; i < text.length() && !noise; i++) {
            char ch = text.charAt(i);
            noise = ch < 0x20 && ch != '\t' && ch != 0x1D && ch != 0x1E && ch != 0x04 || ch == 0x7F;
        }
        if (noise) {
            countError("noiseFrames", "a code of " + bytes.length + " bytes that is not text (line noise?)", now);
        }
        return text;
    }

    private void countError(String kind, String message, long now) {
        health.error(kind, message);
        recentErrors.addLast(now);
    }

    private void updateStatus(long now) {
        long window = settings.errorWindow().toNanos();
        while (!recentErrors.isEmpty() && now - recentErrors.peekFirst() > window) {
            recentErrors.removeFirst();
        }
        if (settings.probe().isPresent() && !probeAnswered && !probeFailing) {
            return; // just opened: a port that opens is not yet a scanner that answers
        }
        if (probeFailing) {
            health.setStatus(DeviceStatus.DEGRADED, "the scanner does not answer its status query");
        } else if (recentErrors.size() >= settings.degradedAfterErrors()) {
            health.setStatus(DeviceStatus.DEGRADED, "unreliable link: " + health.lastError().orElse("errors"));
        } else {
            health.setStatus(DeviceStatus.READY, "scanner ready on " + transport.describe());
        }
    }

    private void lostLink(String reason) {
        health.counters().increment("disconnects");
        health.error("linkErrors", reason);
        disconnect();
        health.setStatus(DeviceStatus.OFFLINE, reason);
    }

    private void disconnect() {
        if (transport != null) {
            transport.close();
            health.closedPort();
        }
        transport = null;
        framer.reset();
    }
}

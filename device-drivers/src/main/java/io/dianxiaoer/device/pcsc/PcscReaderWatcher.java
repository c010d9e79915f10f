package io.dianxiaoer.device.pcsc;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.SmartCardInserted;
import io.dianxiaoer.core.event.SmartCardReaderAttached;
import io.dianxiaoer.core.event.SmartCardReaderDetached;
import io.dianxiaoer.core.event.SmartCardRemoved;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceCounters;
import io.dianxiaoer.device.api.DeviceHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches PC/SC: which readers exist and which hold a card. Reports every change as an immutable
 * {@link io.dianxiaoer.core.event.SmartCardEvent} and its own state as {@link DeviceStatusChanged}:
 * {@code READY} while pcscd answers and at least one reader is there, {@code OFFLINE} (with the
 * reason) while the service is down or no reader is connected.
 *
 * <p><b>Polling, not waiting.</b> The JDK shares one PC/SC context between all threads, and pcsc-lite
 * serialises the calls of one context: a long {@code SCardGetStatusChange} here would stall every
 * APDU of a passport read. So each turn lists the readers and asks each for its card with a zero
 * timeout, every {@link Settings#pollInterval()}.
 *
 * <p><b>Service loss.</b> When pcscd stops ({@code SCARD_E_NO_SERVICE}), every known reader is
 * reported detached (its card removed first), the JDK's dead context is reset
 * ({@link PcscService#resetAfterServiceLoss()}), and the watcher retries every
 * {@link Settings#reconnectDelay()} until pcscd answers again; then the readers are reported attached.
 *
 * <p>Runs on its own single-thread executor ("device-ID"). Listeners run there and must not block.
 * Logs hold reader names and PC/SC result codes only.
 */
public final class PcscReaderWatcher implements Device {

    /** Timing of the watch loop. */
    public record Settings(Duration pollInterval, Duration reconnectDelay) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    private static final Logger log = LoggerFactory.getLogger(PcscReaderWatcher.class);

    private final String id;
    private final Settings settings;
    private final Clock clock;
    private final List<Consumer<? super DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final DeviceCounters counters = new DeviceCounters();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean opened = new AtomicBoolean();

    // Confined to the executor, except the volatile fields read by health() and readers().
    private Map<String, Boolean> known = Map.of();
    private boolean serviceUp;
    private volatile Map<String, Boolean> snapshot = Map.of();
    private volatile DeviceStatus status = DeviceStatus.CLOSED;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant openSince;
    private volatile boolean closed;
    private volatile Thread executorThread;

    public PcscReaderWatcher(String id, Settings settings, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return status;
    }

    /** Reader name → whether a card is on it, as of the last poll; empty while the service is down. */
    public Map<String, Boolean> readers() {
        return snapshot;
    }

    /**
     * An APDU channel to the card on {@code reader} (see {@link ApduChannel}); blocks up to the
     * timeouts, so call it from a worker thread, never from a UI thread or a listener.
     */
    public ApduChannel openChannel(String reader, Duration connectTimeout, Duration apduTimeout) throws PcscException {
        return ApduChannel.open(reader, connectTimeout, apduTimeout);
    }

    @Override
    public DeviceHealth health() {
        return new DeviceHealth(id, status, "pcsc", Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt),
                Optional.ofNullable(openSince), counters.snapshot());
    }

    @Override
    public void addListener(Consumer<? super DeviceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void open() {
        if (closed) {
            throw new IllegalStateException("watcher " + id + " was closed");
        }
        if (opened.compareAndSet(false, true)) {
            executor.execute(() -> {
                setStatus(DeviceStatus.OPENING, "connecting to the PC/SC service");
                step();
            });
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
        executor.execute(() -> setStatus(DeviceStatus.CLOSED, "closed"));
        executor.shutdown();
        if (Thread.currentThread() == executorThread) {
            return;
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
        Duration next = settings.pollInterval();
        try {
            counters.increment("polls");
            Map<String, Boolean> now = poll();
            if (!serviceUp) {
                serviceUp = true;
                openSince = clock.instant();
                if (counters.get("serviceLosses") > 0) {
                    counters.increment("recoveries");
                }
                log.info("pcsc {}: PC/SC service answers, {} reader(s)", id, now.size());
            }
            apply(now);
            if (now.isEmpty()) {
                setStatus(DeviceStatus.OFFLINE, "no PC/SC reader connected");
            } else {
                setStatus(DeviceStatus.READY, now.size() + " PC/SC reader(s)");
            }
        } catch (PcscException e) {
            next = settings.reconnectDelay();
            serviceLost(e);
        } catch (RuntimeException e) {
            // A bug must not end the watch of an unattended kiosk.
            counters.increment("internalErrors");
            error("internal error: " + e.getClass().getSimpleName());
            log.error("pcsc watcher {} failed", id, e);
            next = settings.reconnectDelay();
        }
        if (!closed) {
            try {
                executor.schedule(this::step, next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    /** Reader → card present, in PC/SC's order. */
    private Map<String, Boolean> poll() throws PcscException {
        List<CardTerminal> terminals;
        try {
            terminals = PcscService.terminals().list();
        } catch (CardException e) {
            throw PcscService.classify(e, "listing PC/SC readers");
        }
        Map<String, Boolean> now = new LinkedHashMap<>();
        for (CardTerminal t : terminals) {
            boolean present;
            try {
                present = t.isCardPresent();
            } catch (CardException e) {
                if (PcscService.isServiceLoss(e)) {
                    throw PcscService.classify(e, "asking reader " + t.getName());
                }
                continue; // the reader left between the listing and the question: the next turn will say so
            }
            now.put(t.getName(), present);
        }
        return now;
    }

    private void apply(Map<String, Boolean> now) {
        Instant at = clock.instant();
        for (Map.Entry<String, Boolean> old : known.entrySet()) {
            if (!now.containsKey(old.getKey())) {
                detach(old.getKey(), old.getValue(), at);
            }
        }
        for (Map.Entry<String, Boolean> e : now.entrySet()) {
            String reader = e.getKey();
            Boolean before = known.get(reader);
            if (before == null) {
                counters.increment("readersAttached");
                log.info("pcsc {}: reader attached: {}", id, reader);
                emit(new SmartCardReaderAttached(id, reader, at));
                before = false;
            }
            if (e.getValue() && !before) {
                counters.increment("cardsInserted");
                log.info("pcsc {}: card inserted on {}", id, reader);
                emit(new SmartCardInserted(id, reader, at));
            } else if (!e.getValue() && before) {
                counters.increment("cardsRemoved");
                log.info("pcsc {}: card removed from {}", id, reader);
                emit(new SmartCardRemoved(id, reader, at));
            }
        }
        known = Map.copyOf(now);
        snapshot = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(now));
    }

    private void detach(String reader, boolean hadCard, Instant at) {
        if (hadCard) {
            counters.increment("cardsRemoved");
            emit(new SmartCardRemoved(id, reader, at));
        }
        counters.increment("readersDetached");
        log.info("pcsc {}: reader detached: {}", id, reader);
        emit(new SmartCardReaderDetached(id, reader, at));
    }

    private void serviceLost(PcscException e) {
        if (serviceUp || status == DeviceStatus.OPENING) {
            if (serviceUp) {
                counters.increment("serviceLosses");
            }
            error(e.getMessage());
        }
        serviceUp = false;
        openSince = null;
        if (!known.isEmpty()) {
            Instant at = clock.instant();
            known.forEach((reader, card) -> detach(reader, card, at));
            known = Map.of();
            snapshot = Map.of();
        }
        if (e.kind() == PcscException.Kind.SERVICE_UNAVAILABLE) {
            PcscService.resetAfterServiceLoss();
            setStatus(DeviceStatus.OFFLINE, "PC/SC service (pcscd) not running");
        } else if (e.kind() == PcscException.Kind.LIBRARY_MISSING) {
            setStatus(DeviceStatus.FAULT, "PC/SC library (libpcsclite1) not installed");
        } else {
            PcscService.resetAfterServiceLoss();
            setStatus(DeviceStatus.OFFLINE, "PC/SC unusable: " + e.getMessage());
        }
    }

    private void error(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
        log.warn("pcsc {}: {}", id, message);
    }

    private void setStatus(DeviceStatus next, String reason) {
        DeviceStatus prev = status;
        if (prev == next) {
            return;
        }
        status = next;
        log.info("pcsc {}: {} → {} ({})", id, prev, next, reason);
        emit(new DeviceStatusChanged(id, next, reason, clock.instant()));
    }

    private void emit(DeviceEvent event) {
        for (Consumer<? super DeviceEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("listener of pcsc watcher {} failed on {}", id, event.getClass().getSimpleName(), e);
            }
        }
    }
}

package io.dianxiaoer.device.idcard;

import io.dianxiaoer.core.event.CardRejection;
import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.IdCardRejected;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceCounters;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.TransportGoneException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident-ID-card reader on a GA/T 467 SAM module: polls for a card, reads and parses it,
 * notices when it leaves, and keeps the link alive.
 *
 * <p>Runs on its own single-thread executor ("device-idcard"). Each poll: with no card, find →
 * select → read → {@link IdCardRead}; with a card, read again to check it is still there →
 * {@link CardRemoved} when it is gone (and a new {@code IdCardRead} if another card took its place).
 * Reads every layout the SAM module delivers (resident ID card, HK/Macao/Taiwan permit, foreign
 * permanent resident card 2017/2023) and, for resident cards, the appended address. A card that
 * yields no identity (moved mid-read, unsupported, not authentic, invalid data) is reported once as
 * {@link IdCardRejected}; whether a card is still valid is the session's call.
 * A port that vanishes, or {@link Settings#offlineAfterTimeouts} timeouts in a row, puts the device
 * {@code OFFLINE}; it then tries to reopen every {@link Settings#reconnectDelay} and returns to
 * {@code READY} by itself.
 *
 * <p>Listeners run on the device executor and must not block. Logs never carry card data.
 */
public final class SamIdCardReader implements Device {

    /** Timing of the poll loop. */
    public record Settings(Duration pollInterval, Duration replyTimeout, Duration reconnectDelay,
                           int offlineAfterTimeouts) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofMillis(300), Duration.ofMillis(1000), Duration.ofSeconds(1), 3);
    }

    private static final Logger log = LoggerFactory.getLogger(SamIdCardReader.class);
    private static final Duration REJECTION_REPEAT = Duration.ofSeconds(5);

    private final String id;
    private final Supplier<Transport> transportFactory;
    private final Settings settings;
    private final Clock clock;
    private final List<Consumer<? super DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final DeviceCounters counters = new DeviceCounters();
    private final ScheduledExecutorService executor;

    // Confined to the executor thread, except the volatile fields that health() reads.
    private Transport transport;
    private SamClient client;
    private Optional<IdentityDocument> cardInField = Optional.empty();
    private CardRejection lastRejection;
    private Instant lastRejectionAt;
    private int consecutiveTimeouts;
    private volatile DeviceStatus status = DeviceStatus.CLOSED;
    private volatile String endpoint = "";
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant openSince;
    private volatile boolean closed;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile Thread executorThread;

    public SamIdCardReader(String id, Supplier<Transport> transportFactory, Settings settings, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.transportFactory = Objects.requireNonNull(transportFactory, "transportFactory");
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

    @Override
    public void addListener(Consumer<? super DeviceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void open() {
        if (closed) {
            throw new IllegalStateException("reader " + id + " was closed");
        }
        if (opened.compareAndSet(false, true)) {
            executor.execute(this::step);
        }
    }

    @Override
    public DeviceHealth health() {
        return new DeviceHealth(id, status, endpoint, Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt),
                Optional.ofNullable(openSince), counters.snapshot());
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
            setStatus(DeviceStatus.CLOSED, "closed");
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

    /** One turn of the loop; reschedules itself. */
    private void step() {
        if (closed) {
            return;
        }
        Duration next = settings.pollInterval();
        try {
            if (client == null) {
                next = connect() ? settings.pollInterval() : settings.reconnectDelay();
            } else {
                // Checked before either branch: a card may lie on the reader all through a fault.
                if (status == DeviceStatus.FAULT && client.samStatusOk()) {
                    setStatus(DeviceStatus.READY, "SAM module recovered");
                }
                if (cardInField.isEmpty()) {
                    pollForCard();
                } else {
                    checkCardStillThere();
                }
            }
            consecutiveTimeouts = 0;
        } catch (SamTimeoutException e) {
            consecutiveTimeouts++;
            counters.increment("timeouts");
            error(e.getMessage());
            if (consecutiveTimeouts >= settings.offlineAfterTimeouts()) {
                lostLink("reader stopped answering");
                next = settings.reconnectDelay();
            }
        } catch (TransportGoneException e) {
            lostLink(e.getMessage());
            next = settings.reconnectDelay();
        } catch (IOException e) {
            lostLink(e.getMessage());
            next = settings.reconnectDelay();
        } catch (SamStatusException e) {
            counters.increment("statusErrors");
            error(e.getMessage());
            if (e.status().map(SamStatus::isReaderFault).orElse(false)) {
                setStatus(DeviceStatus.FAULT, e.status().get().english());
            }
        } catch (SamProtocolException | CardDataException | UnsupportedCardException e) {
            counters.increment("readErrors");
            error(e.getMessage());
        } catch (RuntimeException e) {
            // A bug must not kill the poll loop of a kiosk that stands unattended.
            counters.increment("internalErrors");
            error("internal error: " + e.getClass().getSimpleName());
            log.error("reader {} loop failed", id, e);
        }
        if (!closed) {
            try {
                executor.schedule(this::step, next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // close() shut the executor down between the check and the schedule: nothing left to do
            }
        }
    }

    private boolean connect() {
        Transport t = transportFactory.get();
        endpoint = t.describe();
        // Only the first attempt is "opening": retrying an OFFLINE port or a FAULTy SAM module keeps that
        // status, so that listeners do not see it flap on every reconnect attempt.
        if (status != DeviceStatus.OFFLINE && status != DeviceStatus.FAULT) {
            setStatus(DeviceStatus.OPENING, "opening " + endpoint);
        }
        try {
            t.open();
            SamClient c = new SamClient(t, settings.replyTimeout());
            if (!c.samStatusOk()) {
                t.close();
                error("SAM module reports a fault");
                setStatus(DeviceStatus.FAULT, "SAM module reports a fault");
                return false;
            }
            transport = t;
            client = c;
            openSince = clock.instant();
            consecutiveTimeouts = 0;
            if (counters.get("opens") > 0) {
                counters.increment("reconnects");
            }
            counters.increment("opens");
            setStatus(DeviceStatus.READY, "ready on " + endpoint);
            return true;
        } catch (IOException | SamProtocolException e) {
            t.close();
            error("cannot open " + endpoint + ": " + e.getMessage());
            setStatus(DeviceStatus.OFFLINE, "not reachable: " + endpoint);
            return false;
        }
    }

    private void pollForCard() throws IOException {
        if (!client.findCard()) {
            return;
        }
        if (!client.selectCard()) {
            return;
        }
        setStatus(DeviceStatus.BUSY, "reading card");
        try {
            IdentityDocument card;
            try {
                card = readCard(true);
            } catch (SamStatusException e) {
                switch (e.status().map(SamStatus::outcome).orElse(SamStatus.Outcome.LINK_ERROR)) {
                    case NO_CARD_OR_MOVED -> reject(CardRejection.READ_INTERRUPTED);
                    case CARD_UNSUPPORTED -> reject(CardRejection.UNSUPPORTED_CARD);
                    case CARD_NOT_AUTHENTIC -> reject(CardRejection.AUTHENTICATION_FAILED);
                    default -> {
                        // link errors and reader faults are the device's state, not the card's
                    }
                }
                throw e;
            } catch (CardDataException e) {
                reject(CardRejection.INVALID_DATA);
                throw e;
            } catch (UnsupportedCardException e) {
                reject(CardRejection.UNSUPPORTED_CARD);
                throw e;
            }
            cardInField = Optional.of(card);
            counters.increment("reads");
            emit(new IdCardRead(id, card, clock.instant()));
        } finally {
            setStatus(DeviceStatus.READY, "card read");
        }
    }

    private void checkCardStillThere() throws IOException {
        IdentityDocument present;
        try {
            present = readCard(false);
        } catch (SamStatusException e) {
            if (e.status().map(SamStatus::outcome).orElse(null) == SamStatus.Outcome.NO_CARD_OR_MOVED) {
                cardInField = Optional.empty();
                emit(new CardRemoved(id, clock.instant()));
                return;
            }
            throw e;
        }
        IdentityDocument known = cardInField.get();
        if (present.kind() != known.kind() || !present.documentNumber().equals(known.documentNumber())) {
            // Swapped between two polls: the first citizen left, another arrived.
            emit(new CardRemoved(id, clock.instant()));
            if (present instanceof ResidentIdCard) {
                present = readCard(true);
            }
            cardInField = Optional.of(present);
            counters.increment("reads");
            emit(new IdCardRead(id, present, clock.instant()));
        }
    }

    /**
     * Reads and parses the card. For a resident ID card, {@code withAppendedAddress} also reads the
     * appended-address area; a failure there keeps the printed address rather than losing the read.
     */
    private IdentityDocument readCard(boolean withAppendedAddress) throws IOException {
        RawCardData raw = client.readTextAndPhoto();
        IdentityDocument doc;
        try {
            doc = IdCardTextParser.parse(raw.text(), raw.photo());
        } finally {
            raw.wipe();
        }
        if (withAppendedAddress && doc instanceof ResidentIdCard resident) {
            try {
                return resident.withAppendedAddress(client.readAppendedAddress());
            } catch (SamStatusException e) {
                counters.increment("appendedAddressErrors");
                log.debug("reader {}: appended address not read ({})", id, e.getMessage());
            }
        }
        return doc;
    }

    /** Tells the session once per card and reason, not on every poll while the same bad card lies there. */
    private void reject(CardRejection reason) {
        counters.increment("rejections");
        Instant now = clock.instant();
        if (reason == lastRejection && lastRejectionAt != null
                && now.isBefore(lastRejectionAt.plus(REJECTION_REPEAT))) {
            return;
        }
        lastRejection = reason;
        lastRejectionAt = now;
        emit(new IdCardRejected(id, reason, now));
    }

    private void lostLink(String reason) {
        counters.increment("disconnects");
        error(reason);
        disconnect();
        setStatus(DeviceStatus.OFFLINE, reason);
    }

    private void disconnect() {
        if (transport != null) {
            transport.close();
        }
        transport = null;
        client = null;
        openSince = null;
    }

    private void error(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
        log.warn("reader {}: {}", id, message);
    }

    private void setStatus(DeviceStatus next, String reason) {
        DeviceStatus prev = status;
        if (prev == next) {
            return;
        }
        status = next;
        log.info("reader {}: {} → {} ({})", id, prev, next, reason);
        emit(new DeviceStatusChanged(id, next, reason, clock.instant()));
    }

    private void emit(DeviceEvent event) {
        for (Consumer<? super DeviceEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("listener of reader {} failed on {}", id, event.getClass().getSimpleName(), e);
            }
        }
    }
}

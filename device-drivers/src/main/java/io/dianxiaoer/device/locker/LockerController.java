package io.dianxiaoer.device.locker;

import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.LockerEvent;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.api.DeviceHealthTracker;
import io.dianxiaoer.device.locker.CompartmentState.Door;
import io.dianxiaoer.device.locker.CompartmentState.Item;
import io.dianxiaoer.device.transport.Transport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * The document locker: lock boards of the 8A/80 family on one RS-485 bus. Opens compartments on
 * request ({@link #unlock}), polls the boards, and reports what happens at each door as
 * {@link LockerEvent}s: door opened / closed, item placed / removed (only when the door is closed
 * again and the presence sensor changed between the opening and the closing), door left open too
 * long (once per opening), door stuck (an unlock the hook did not follow).
 *
 * <p>Runs on its own single-thread executor ("device-&lt;id&gt;"): it polls every board each
 * {@link LockerSettings#idlePoll()} — every {@link LockerSettings#openPoll()} while a door is open —
 * and between polls listens to the port in slices of {@link LockerSettings#tick()}, so that a port
 * that vanishes is noticed at once and an unlock waits at most one slice.
 *
 * <p>States: {@code READY} when every board answers cleanly; {@code DEGRADED} when a board is
 * silent, its replies are corrupt or slow, or errors pile up in the error window (back to READY by
 * itself after a clean window); {@code OFFLINE} when the port vanishes or no board answers
 * {@link LockerSettings#offlineAfterSilentPolls} polls in a row — it then reopens the port every
 * {@link LockerSettings#reconnectDelay()} and counts as back only when a board answers.
 * Door states survive an outage: the first poll after it reports what changed meanwhile.
 *
 * <p>Listeners run on the executor and must not block it. {@link #health()}, {@link #status()}
 * and {@link #compartments()} are safe from any thread.
 */
public final class LockerController implements Device {

    private static final Logger log = LoggerFactory.getLogger(LockerController.class);

    private final String id;
    private final Supplier<Transport> transportFactory;
    private final LockerSettings settings;
    private final DeviceHealthTracker health;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread executorThread;
    private volatile List<CompartmentState> snapshot;

    // Confined to the executor thread.
    private final List<Slot> slots = new ArrayList<>();
    private final ArrayDeque<Long> recentErrors = new ArrayDeque<>();
    private Transport transport;
    private LockerClient client;
    private int silentPolls;
    private long nextPollAt;

    /** One compartment's state, confined to the executor. */
    private static final class Slot {
        final int number;
        final BoardConfig board;
        final int lock;
        Door door = Door.UNKNOWN;
        Boolean present;
        Boolean presentAtOpen;
        long openedAtNanos;
        Instant openedAt;
        boolean alarmed;

        Slot(int number, BoardConfig board, int lock) {
            this.number = number;
            this.board = board;
            this.lock = lock;
        }

        CompartmentState state() {
            Item item = !board.presence() ? Item.NO_SENSOR
                    : present == null ? Item.UNKNOWN : present ? Item.PRESENT : Item.ABSENT;
            return new CompartmentState(number, board.address(), lock, door, item,
                    door == Door.OPEN ? Optional.ofNullable(openedAt) : Optional.empty());
        }
    }

    public LockerController(String id, Supplier<Transport> transportFactory, LockerSettings settings, Clock clock) {
        this(id, transportFactory, settings, clock, System::nanoTime);
    }

    LockerController(String id, Supplier<Transport> transportFactory, LockerSettings settings, Clock clock,
                     LongSupplier nanoTime) {
        this.id = Objects.requireNonNull(id, "id");
        this.transportFactory = Objects.requireNonNull(transportFactory, "transportFactory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = new DeviceHealthTracker(id, clock, log);
        this.nanoTime = nanoTime;
        int n = 1;
        for (BoardConfig b : settings.boards()) {
            for (int lock = 1; lock <= b.locks(); lock++) {
                slots.add(new Slot(n++, b, lock));
            }
        }
        publish();
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

    public LockerSettings settings() {
        return settings;
    }

    /** Every compartment as the last poll saw it, in number order. */
    public List<CompartmentState> compartments() {
        return snapshot;
    }

    @Override
    public void open() {
        if (closed) {
            throw new IllegalStateException("locker " + id + " was closed");
        }
        if (opened.compareAndSet(false, true)) {
            executor.execute(this::step);
        }
    }

    /**
     * Opens compartment {@code compartment} (1…N). Returns at once; the future completes on the
     * device executor after the board answered (or did not), within about two reply timeouts.
     */
    public CompletableFuture<OpenResult> unlock(int compartment) {
        CompletableFuture<OpenResult> f = new CompletableFuture<>();
        if (compartment < 1 || compartment > slots.size()) {
            f.complete(new OpenResult(OpenResult.Outcome.FAILED, compartment,
                    "no compartment " + compartment + " (1.." + slots.size() + ")"));
            return f;
        }
        if (closed || !opened.get()) {
            f.complete(new OpenResult(OpenResult.Outcome.FAILED, compartment, "the locker is not open"));
            return f;
        }
        try {
            executor.execute(() -> f.complete(doUnlock(slots.get(compartment - 1))));
        } catch (RejectedExecutionException e) {
            f.complete(new OpenResult(OpenResult.Outcome.FAILED, compartment, "the locker is closing"));
        }
        return f;
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

    // ------------------------------------------------------------------------------------------
    // loop
    // ------------------------------------------------------------------------------------------

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
                long now = nanoTime.getAsLong();
                if (now - nextPollAt >= 0) {
                    poll(now);
                } else {
                    long waitMs = Math.max(1, Math.min(settings.tick().toMillis(), (nextPollAt - now) / 1_000_000));
                    int unasked = client.idle(Duration.ofMillis(waitMs));
                    if (unasked > 0) {
                        health.counters().increment("unaskedBytes");
                    }
                }
                checkAlarms(nanoTime.getAsLong());
            }
        } catch (IOException e) {
            lostLink(e.getMessage());
            delayMs = settings.reconnectDelay().toMillis();
        } catch (RuntimeException e) {
            health.error("internalErrors", "internal error: " + e.getClass().getSimpleName());
            log.error("locker {} loop failed", id, e);
            delayMs = settings.tick().toMillis();
        }
        if (!closed) {
            try {
                executor.schedule(this::step, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // close() shut the executor down between the check and the schedule
            }
        }
    }

    private boolean connect() throws IOException {
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
        client = new LockerClient(t, settings.replyTimeout());
        // A port that opens is not yet a bus that answers: the first poll decides.
        PollResult r = pollBoards();
        if (r.answered == 0) {
            health.error("silentOpens", "the port opens but no board answers on " + t.describe());
            disconnect();
            health.setStatus(DeviceStatus.OFFLINE, "no board answers on " + t.describe());
            return false;
        }
        health.opened();
        silentPolls = 0;
        evaluate(r, nanoTime.getAsLong());
        applyAll(r); // after the status: listeners hear "READY", then what changed while the locker was away
        scheduleNextPoll(nanoTime.getAsLong());
        return true;
    }

    private record PollResult(int answered, List<String> problems,
                              List<Map.Entry<BoardConfig, LockerReply.BoardStatus>> statuses) {
    }

    private void poll(long now) throws IOException {
        PollResult r = pollBoards();
        if (r.answered == 0) {
            silentPolls++;
            if (silentPolls >= settings.offlineAfterSilentPolls()) {
                lostLink("no board has answered " + silentPolls + " polls in a row");
                return;
            }
        } else {
            silentPolls = 0;
        }
        evaluate(r, nanoTime.getAsLong());
        applyAll(r);
        scheduleNextPoll(nanoTime.getAsLong());
    }

    private void applyAll(PollResult r) {
        for (Map.Entry<BoardConfig, LockerReply.BoardStatus> e : r.statuses) {
            apply(e.getKey(), e.getValue());
        }
        publish();
    }

    private PollResult pollBoards() throws IOException {
        int answered = 0;
        List<String> problems = new ArrayList<>();
        List<Map.Entry<BoardConfig, LockerReply.BoardStatus>> statuses = new ArrayList<>();
        for (BoardConfig b : settings.boards()) {
            long skippedBefore = client.skippedBytes();
            try {
                LockerReply.BoardStatus status = client.readBoard(b.address(), b.channels(), b.presence());
                answered++;
                health.counters().increment("reads");
                long ms = client.lastReplyTime().toMillis();
                if (client.lastReplyTime().compareTo(settings.slowReply()) > 0) {
                    countError("slowReplies", "board " + b.address() + " answers slowly (" + ms + " ms)");
                }
                long noise = client.skippedBytes() - skippedBefore;
                if (noise > 0) {
                    countError("noisyReplies", noise + " bytes of line noise on the bus before board "
                            + b.address() + "'s reply");
                }
                statuses.add(Map.entry(b, status));
            } catch (LockerTimeoutException e) {
                countError("timeouts", "board " + b.address() + " does not answer");
                problems.add("board " + b.address() + " does not answer");
                degradeAtOnce(problems);
            } catch (LockerProtocolException e) {
                countError("corruptReplies", "board " + b.address() + ": " + e.getMessage());
                problems.add("board " + b.address() + " sends corrupt replies");
                degradeAtOnce(problems);
            }
        }
        return new PollResult(answered, problems, statuses);
    }

    /** Reports a failing board before the other boards of the poll had their turn (each may cost a timeout). */
    private void degradeAtOnce(List<String> problems) {
        if (health.status() == DeviceStatus.READY) {
            health.setStatus(DeviceStatus.DEGRADED, String.join("; ", problems));
        }
    }

    private void evaluate(PollResult r, long now) {
        long window = settings.errorWindow().toNanos();
        while (!recentErrors.isEmpty() && now - recentErrors.peekFirst() > window) {
            recentErrors.removeFirst();
        }
        if (r.answered == 0) {
            health.setStatus(DeviceStatus.DEGRADED, "no board answers");
        } else if (!r.problems.isEmpty()) {
            health.setStatus(DeviceStatus.DEGRADED, String.join("; ", r.problems));
        } else if (recentErrors.size() >= settings.degradedAfterErrors()) {
            health.setStatus(DeviceStatus.DEGRADED, "unreliable bus: " + health.lastError().orElse("errors"));
        } else {
            health.setStatus(DeviceStatus.READY, "every board answers on " + transport.describe());
        }
    }

    private void scheduleNextPoll(long now) {
        boolean anyOpen = slots.stream().anyMatch(s -> s.door == Door.OPEN);
        nextPollAt = now + (anyOpen ? settings.openPoll() : settings.idlePoll()).toNanos();
    }

    // ------------------------------------------------------------------------------------------
    // doors and items
    // ------------------------------------------------------------------------------------------

    private void apply(BoardConfig b, LockerReply.BoardStatus status) {
        long now = nanoTime.getAsLong();
        for (Slot s : slots) {
            if (s.board != b) {
                continue;
            }
            boolean isClosed = status.closed(s.lock, settings.polarity());
            Boolean present = status.itemPresent(s.lock).orElse(null);
            if (s.door == Door.UNKNOWN) {
                s.door = isClosed ? Door.CLOSED : Door.OPEN;
                s.present = present;
                if (!isClosed) {
                    s.presentAtOpen = present;
                    s.openedAtNanos = now;
                    s.openedAt = health.clock().instant();
                    emit(LockerEvent.Kind.DOOR_OPENED, s);
                }
                continue;
            }
            if (s.door == Door.CLOSED && !isClosed) {
                doorOpened(s, now);
            } else if (s.door == Door.OPEN && isClosed) {
                s.door = Door.CLOSED;
                s.openedAt = null;
                s.alarmed = false;
                emit(LockerEvent.Kind.DOOR_CLOSED, s);
                if (present != null && s.presentAtOpen != null && !present.equals(s.presentAtOpen)) {
                    health.counters().increment(present ? "deposits" : "pickups");
                    emit(present ? LockerEvent.Kind.ITEM_PLACED : LockerEvent.Kind.ITEM_REMOVED, s);
                }
            } else if (s.door == Door.CLOSED && present != null && s.present != null && !present.equals(s.present)) {
                // With the door shut nothing can be put in or taken out: a sensor glitch, not a deposit.
                health.counters().increment("presenceChangesWhileClosed");
                log.warn("{}: item sensor of compartment {} changed while its door was closed", id, s.number);
            }
            s.present = present;
        }
    }

    private void doorOpened(Slot s, long now) {
        s.door = Door.OPEN;
        s.presentAtOpen = s.present; // what the sensor saw while the door was still closed
        s.openedAtNanos = now;
        s.openedAt = health.clock().instant();
        s.alarmed = false;
        health.counters().increment("doorOpenings");
        emit(LockerEvent.Kind.DOOR_OPENED, s);
    }

    private OpenResult doUnlock(Slot s) {
        if (client == null) {
            return new OpenResult(OpenResult.Outcome.FAILED, s.number, "the locker is offline");
        }
        try {
            LockerReply.LockState reply;
            try {
                reply = client.open(s.board.address(), s.lock);
            } catch (LockerProtocolException first) {
                // The pulse may have fired and only the reply got lost: pulsing again is harmless.
                health.counters().increment("unlockRetries");
                reply = client.open(s.board.address(), s.lock);
            }
            health.counters().increment("unlocks");
            long now = nanoTime.getAsLong();
            if (reply.closed(settings.polarity())) {
                health.error("stuckDoors", "compartment " + s.number + " did not open (stuck door or jammed lock)");
                emit(LockerEvent.Kind.DOOR_STUCK, s);
                return new OpenResult(OpenResult.Outcome.STUCK, s.number,
                        "the lock was pulsed but the door still reads closed");
            }
            if (s.door != Door.OPEN) {
                doorOpened(s, now);
            }
            publish();
            nextPollAt = Math.min(nextPollAt - now, settings.openPoll().toNanos()) + now;
            return new OpenResult(OpenResult.Outcome.OPENED, s.number, "open");
        } catch (LockerProtocolException e) {
            health.error("unlockFailures", "compartment " + s.number + ": " + e.getMessage());
            return new OpenResult(OpenResult.Outcome.FAILED, s.number, e.getMessage());
        } catch (IOException e) {
            lostLink(e.getMessage());
            return new OpenResult(OpenResult.Outcome.FAILED, s.number, "the locker went offline: " + e.getMessage());
        }
    }

    private void checkAlarms(long now) {
        long limit = settings.doorOpenAlarm().toNanos();
        for (Slot s : slots) {
            if (s.door == Door.OPEN && !s.alarmed && now - s.openedAtNanos >= limit) {
                s.alarmed = true;
                health.counters().increment("doorLeftOpen");
                log.warn("{}: compartment {} has been open longer than {} s", id, s.number,
                        settings.doorOpenAlarm().toSeconds());
                emit(LockerEvent.Kind.DOOR_LEFT_OPEN, s);
            }
        }
    }

    private void emit(LockerEvent.Kind kind, Slot s) {
        log.info("{}: compartment {} (board {} lock {}) {}", id, s.number, s.board.address(), s.lock, kind);
        health.emit(new LockerEvent(id, kind, s.number, s.board.address(), s.lock, health.clock().instant()));
    }

    private void publish() {
        snapshot = slots.stream().map(Slot::state).toList();
    }

    // ------------------------------------------------------------------------------------------
    // link
    // ------------------------------------------------------------------------------------------

    private void countError(String kind, String message) {
        health.error(kind, message);
        recentErrors.addLast(nanoTime.getAsLong());
    }

    private void lostLink(String reason) {
        health.counters().increment("disconnects");
        health.error("linkErrors", reason);
        disconnect();
        silentPolls = 0;
        health.setStatus(DeviceStatus.OFFLINE, reason);
    }

    private void disconnect() {
        if (transport != null) {
            transport.close();
            health.closedPort();
        }
        transport = null;
        client = null;
    }
}

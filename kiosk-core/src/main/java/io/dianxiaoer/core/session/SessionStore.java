package io.dianxiaoer.core.session;

import io.dianxiaoer.core.event.SessionEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The single owner of the kiosk's {@link SessionState}. Any thread may {@link #dispatch} an
 * event; events are applied one at a time in arrival order by {@link SessionReducer}.
 *
 * <p>Listeners are called on the dispatching thread, in order, only when the state really
 * changed. They must return quickly and never block: a view hands the state over to its UI
 * thread, a driver's executor must never wait for a screen.
 */
public final class SessionStore {

    /** Receives each new state with the one it replaced. */
    @FunctionalInterface
    public interface Listener {
        void onChange(SessionState previous, SessionState current);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private SessionState state;

    public SessionStore(SessionState initial) {
        this.state = Objects.requireNonNull(initial, "initial");
    }

    public synchronized SessionState state() {
        return state;
    }

    /** Applies the event and notifies listeners when the state changed; returns the new state. */
    public synchronized SessionState dispatch(SessionEvent event) {
        Objects.requireNonNull(event, "event");
        SessionState previous = state;
        SessionState next = SessionReducer.apply(previous, event);
        if (next != previous) {
            state = next;
            for (Listener l : listeners) {
                l.onChange(previous, next);
            }
        }
        return next;
    }

    /** Adds a listener; it is not called for the current state (read {@link #state()} for that). */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}

package io.dianxiaoer.core.session;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.EndSessionRequested;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.LanguageSelected;
import io.dianxiaoer.core.event.LockerEvent;
import io.dianxiaoer.core.event.SessionEvent;
import io.dianxiaoer.core.event.Tick;
import io.dianxiaoer.core.event.UserActivity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pure rules of a visit: {@code (state, event) → state}. No clock, no I/O, no threads;
 * time enters only as the {@code at} of each event. Returns the same instance when an event
 * changes nothing, so that callers can skip re-rendering.
 */
public final class SessionReducer {

    private SessionReducer() {
    }

    public static SessionState apply(SessionState s, SessionEvent event) {
        Instant at = event.at().isBefore(s.now()) ? s.now() : event.at();
        if (event instanceof IdCardRead read) {
            boolean sameCitizen = s.identity().map(c -> c.idNumber().equals(read.card().idNumber())).orElse(false);
            if (sameCitizen) {
                return activity(s, at);
            }
            return new SessionState(s.sessionNumber() + 1, Page.GREETING,
                    s.language(), Optional.of(read.card()), at, at,
                    s.idlePolicy(), s.devices(), s.lastEndReason());
        }
        if (event instanceof CardRemoved) {
            return s.isServing() ? wipe(s, at, EndReason.CARD_REMOVED) : s;
        }
        if (event instanceof EndSessionRequested) {
            return s.isServing() ? wipe(s, at, EndReason.FINISHED) : s;
        }
        if (event instanceof UserActivity) {
            return activity(s, at);
        }
        if (event instanceof LanguageSelected lang) {
            return new SessionState(s.sessionNumber(), s.page(), lang.language(), s.identity(), at, at,
                    s.idlePolicy(), s.devices(), s.lastEndReason());
        }
        if (event instanceof DeviceStatusChanged changed) {
            if (s.deviceStatus(changed.deviceId()) == changed.status() && s.devices().containsKey(changed.deviceId())) {
                return s;
            }
            Map<String, DeviceStatus> devices = new HashMap<>(s.devices());
            devices.put(changed.deviceId(), changed.status());
            return new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), at,
                    s.lastActivity(), s.idlePolicy(), devices, s.lastEndReason());
        }
        if (event instanceof Tick) {
            if (!s.isServing()) {
                // A language chosen on the attract page by someone who then walked away must not greet the next citizen.
                boolean abandoned = s.language() != Language.ZH
                        && !at.isBefore(s.lastActivity().plus(s.idlePolicy().timeout()));
                return abandoned ? wipe(s, at, s.lastEndReason()) : s;
            }
            SessionState moved = new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), at,
                    s.lastActivity(), s.idlePolicy(), s.devices(), s.lastEndReason());
            return moved.idleRemaining().isZero() ? wipe(moved, at, EndReason.IDLE_TIMEOUT) : moved;
        }
        if (event instanceof CodeScanned || event instanceof LockerEvent) {
            // No flow uses scanned codes or the locker yet: they change nothing (the services that do come later).
            return s;
        }
        throw new IllegalArgumentException("unhandled event type " + event.getClass().getSimpleName());
    }

    private static SessionState activity(SessionState s, Instant at) {
        if (!s.isServing()) {
            return s;
        }
        return new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), at, at,
                s.idlePolicy(), s.devices(), s.lastEndReason());
    }

    /** Everything personal goes; the language returns to Chinese for the next citizen. */
    private static SessionState wipe(SessionState s, Instant at, EndReason reason) {
        return new SessionState(s.sessionNumber(), Page.ATTRACT, Language.ZH, Optional.empty(), at, at,
                s.idlePolicy(), s.devices(), reason);
    }
}

package io.dianxiaoer.core.session;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.DocumentCaptured;
import io.dianxiaoer.core.event.PageRequested;
import io.dianxiaoer.core.event.EndSessionRequested;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.IdCardRejected;
import io.dianxiaoer.core.event.LanguageSelected;
import io.dianxiaoer.core.event.LockerEvent;
import io.dianxiaoer.core.event.SessionEvent;
import io.dianxiaoer.core.event.SmartCardEvent;
import io.dianxiaoer.core.event.Tick;
import io.dianxiaoer.core.event.UserActivity;
import io.dianxiaoer.core.identity.IdentityDocument;
import java.time.Instant;
import java.time.LocalDate;
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
            return cardRead(s, read.card(), at);
        }
        if (event instanceof IdCardRejected rejected) {
            Notice.Kind kind = switch (rejected.reason()) {
                case READ_INTERRUPTED -> Notice.Kind.CARD_READ_INTERRUPTED;
                case UNSUPPORTED_CARD -> Notice.Kind.CARD_UNSUPPORTED;
                case AUTHENTICATION_FAILED -> Notice.Kind.CARD_AUTHENTICATION_FAILED;
                case INVALID_DATA -> Notice.Kind.CARD_INVALID_DATA;
            };
            return with(s, at, s.lastActivity(), Optional.of(new Notice(kind, at, Optional.empty())));
        }
        if (event instanceof CardRemoved) {
            return s.isServing() ? wipe(s, at, EndReason.CARD_REMOVED) : s;
        }
        if (event instanceof EndSessionRequested) {
            return s.isServing() ? wipe(s, at, EndReason.FINISHED) : s;
        }
        if (event instanceof UserActivity) {
            return s.isServing() ? with(s, at, at, s.notice()) : s;
        }
        if (event instanceof LanguageSelected lang) {
            return new SessionState(s.sessionNumber(), s.page(), lang.language(), s.identity(), at, at,
                    s.idlePolicy(), s.devices(), s.lastEndReason(), s.notice(), s.lastDocument());
        }
        if (event instanceof PageRequested request) {
            // Only the pages of a citizen's visit can be asked for; leaving it is EndSessionRequested.
            boolean allowed = s.isServing() && request.page() != Page.ATTRACT;
            return allowed && request.page() != s.page()
                    ? new SessionState(s.sessionNumber(), request.page(), s.language(), s.identity(), at, at,
                            s.idlePolicy(), s.devices(), s.lastEndReason(), s.notice(), s.lastDocument())
                    : allowed ? with(s, at, at, s.notice()) : s;
        }
        if (event instanceof DocumentCaptured captured) {
            return s.isServing()
                    ? new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), at, at,
                            s.idlePolicy(), s.devices(), s.lastEndReason(), s.notice(), Optional.of(captured))
                    : s;
        }
        if (event instanceof DeviceStatusChanged changed) {
            if (s.deviceStatus(changed.deviceId()) == changed.status() && s.devices().containsKey(changed.deviceId())) {
                return s;
            }
            Map<String, DeviceStatus> devices = new HashMap<>(s.devices());
            devices.put(changed.deviceId(), changed.status());
            return new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), at,
                    s.lastActivity(), s.idlePolicy(), devices, s.lastEndReason(), s.notice(), s.lastDocument());
        }
        if (event instanceof SmartCardEvent) {
            // Reader and card changes on PC/SC do not change a visit by themselves; the passport flow decides what they mean.
            return s;
        }
        if (event instanceof Tick) {
            return tick(s, at);
        }
        if (event instanceof CodeScanned || event instanceof LockerEvent) {
            // No flow uses scanned codes or the locker yet: they change nothing (the services that do come later).
            return s;
        }
        throw new IllegalArgumentException("unhandled event type " + event.getClass().getSimpleName());
    }

    private static SessionState cardRead(SessionState s, IdentityDocument card, Instant at) {
        LocalDate today = at.atZone(SessionState.ZONE).toLocalDate();
        if (!card.validity().isValidOn(today)) {
            // Refused: the card is not used, but the citizen is told why, with the date that decides it.
            boolean expired = card.validity().validTo().map(today::isAfter).orElse(false);
            Notice notice = expired
                    ? new Notice(Notice.Kind.CARD_EXPIRED, at, card.validity().validTo())
                    : new Notice(Notice.Kind.CARD_NOT_YET_VALID, at, Optional.of(card.validity().validFrom()));
            return with(s, at, s.lastActivity(), Optional.of(notice));
        }
        boolean sameCitizen = s.identity().map(c -> c.kind() == card.kind()
                && c.documentNumber().equals(card.documentNumber())).orElse(false);
        if (sameCitizen) {
            return with(s, at, at, Optional.empty());
        }
        return new SessionState(s.sessionNumber() + 1, Page.GREETING, s.language(), Optional.of(card), at, at,
                s.idlePolicy(), s.devices(), s.lastEndReason(), Optional.empty(), Optional.empty());
    }

    private static SessionState tick(SessionState s, Instant at) {
        Optional<Notice> notice = s.notice().filter(n -> at.isBefore(n.at().plus(Notice.SHOWN_FOR)));
        if (!s.isServing()) {
            // A language chosen on the attract page by someone who then walked away must not greet the next citizen.
            boolean abandoned = s.language() != Language.ZH
                    && !at.isBefore(s.lastActivity().plus(s.idlePolicy().timeout()));
            if (abandoned) {
                return wipe(s, at, s.lastEndReason());
            }
            return notice.equals(s.notice()) ? s : with(s, at, s.lastActivity(), notice);
        }
        SessionState moved = with(s, at, s.lastActivity(), notice);
        return moved.idleRemaining().isZero() ? wipe(moved, at, EndReason.IDLE_TIMEOUT) : moved;
    }

    private static SessionState with(SessionState s, Instant now, Instant lastActivity, Optional<Notice> notice) {
        return new SessionState(s.sessionNumber(), s.page(), s.language(), s.identity(), now, lastActivity,
                s.idlePolicy(), s.devices(), s.lastEndReason(), notice, s.lastDocument());
    }

    /** Everything personal goes; the language returns to Chinese for the next citizen. */
    private static SessionState wipe(SessionState s, Instant at, EndReason reason) {
        return new SessionState(s.sessionNumber(), Page.ATTRACT, Language.ZH, Optional.empty(), at, at,
                s.idlePolicy(), s.devices(), reason, Optional.empty(), Optional.empty());
    }
}

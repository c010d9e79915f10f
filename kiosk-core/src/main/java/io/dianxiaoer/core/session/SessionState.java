package io.dianxiaoer.core.session;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DocumentCaptured;
import io.dianxiaoer.core.identity.IdentityDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole state of one kiosk at one moment: the current visit and what outlives it (device
 * states, the idle policy). Immutable; produced only by {@link SessionReducer}.
 *
 * @param sessionNumber increments each time a new citizen identifies; 0 before the first
 * @param now           the kiosk clock as of the last event, so that views can render the countdown
 * @param lastActivity  the moment the idle clock last restarted
 * @param lastDocument  the page the citizen last photographed in this visit (personal data)
 * @param notice        a short message for the person at the kiosk ("this card has expired"), if any
 */
public record SessionState(
        long sessionNumber,
        Page page,
        Language language,
        Optional<IdentityDocument> identity,
        Instant now,
        Instant lastActivity,
        IdlePolicy idlePolicy,
        Map<String, DeviceStatus> devices,
        EndReason lastEndReason,
        Optional<Notice> notice,
        Optional<DocumentCaptured> lastDocument) {

    /** Kiosks stand in mainland China: dates on cards are judged in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public SessionState {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lastActivity, "lastActivity");
        Objects.requireNonNull(idlePolicy, "idlePolicy");
        devices = Map.copyOf(devices);
        Objects.requireNonNull(lastEndReason, "lastEndReason");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(lastDocument, "lastDocument");
        if (page != Page.ATTRACT && identity.isEmpty()) {
            throw new IllegalArgumentException("only the attract page may be shown without an identity");
        }
    }

    /** The kiosk as it starts: nobody served, Chinese, no devices known yet. */
    public static SessionState initial(Instant now, IdlePolicy policy) {
        return new SessionState(0, Page.ATTRACT, Language.ZH, Optional.empty(), now, now, policy,
                Map.of(), EndReason.NONE, Optional.empty(), Optional.empty());
    }

    public boolean isServing() {
        return page != Page.ATTRACT;
    }

    /** Time left before the session is wiped; the full timeout on the attract page. */
    public Duration idleRemaining() {
        if (!isServing()) {
            return idlePolicy.timeout();
        }
        Duration left = idlePolicy.timeout().minus(Duration.between(lastActivity, now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether the "are you still there?" countdown should be on screen. */
    public boolean countdownVisible() {
        return isServing() && idleRemaining().compareTo(idlePolicy.countdown()) <= 0;
    }

    /** Whole seconds the countdown shows, rounded up so it never shows 0 while the session lives. */
    public long countdownSeconds() {
        Duration left = idleRemaining();
        return (left.toMillis() + 999) / 1000;
    }

    /** Today, by the kiosk clock, in {@link #ZONE}. */
    public LocalDate today() {
        return now.atZone(ZONE).toLocalDate();
    }

    public DeviceStatus deviceStatus(String deviceId) {
        return devices.getOrDefault(deviceId, DeviceStatus.CLOSED);
    }

    @Override
    public String toString() {
        return "SessionState[#" + sessionNumber + " " + page + " " + language
                + identity.map(c -> " " + c).orElse("") + " devices=" + devices + "]";
    }
}

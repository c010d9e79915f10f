package io.dianxiaoer.core.event;

import java.time.Instant;

/**
 * Everything that can happen in a kiosk visit. Events are immutable records; the session state
 * changes only by applying them in order (see {@code io.dianxiaoer.core.session.SessionReducer}).
 */
public sealed interface SessionEvent permits DeviceEvent, UserEvent, Tick {
    /** When it happened, by the kiosk clock. */
    Instant at();
}

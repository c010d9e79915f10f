package io.dianxiaoer.core.event;

/**
 * The lifecycle of every device: {@code CLOSED → OPENING → READY ⇄ BUSY → CLOSED}, with
 * {@code DEGRADED} (works, but something is off), {@code OFFLINE} (gone; the driver keeps trying
 * to reopen it) and {@code FAULT} (needs a technician).
 */
public enum DeviceStatus {
    CLOSED, OPENING, READY, BUSY, DEGRADED, OFFLINE, FAULT;

    /** Whether the services that need this device can be offered. */
    public boolean isUsable() {
        return this == READY || this == BUSY || this == DEGRADED;
    }
}

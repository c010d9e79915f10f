package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened at one compartment of the document locker.
 *
 * <p>{@code compartment} is the number on the cabinet (1…N, counted across the boards in their
 * configured order); {@code board} and {@code lock} are its address on the RS-485 bus, for
 * technicians. An item counts as placed or removed only when the door has been closed again and the
 * presence sensor changed between the opening and the closing ({@link Kind#ITEM_PLACED},
 * {@link Kind#ITEM_REMOVED} always follow a {@link Kind#DOOR_CLOSED} of the same compartment).
 */
public record LockerEvent(String deviceId, Kind kind, int compartment, int board, int lock, Instant at)
        implements DeviceEvent {

    public enum Kind {
        /** The door is open (after an open command, or found open by a poll). */
        DOOR_OPENED,
        /** The door was closed again. */
        DOOR_CLOSED,
        /** The door was closed and the sensor now sees an item it did not see when the door opened: a deposit. */
        ITEM_PLACED,
        /** The door was closed and the item the sensor saw before the opening is gone: a pickup. */
        ITEM_REMOVED,
        /** The door has stayed open longer than the configured limit (once per opening). */
        DOOR_LEFT_OPEN,
        /** An open command was answered but the hook stayed closed: the door is stuck or the lock jammed. */
        DOOR_STUCK
    }

    public LockerEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (compartment < 1 || board < 0 || board > 255 || lock < 1 || lock > 255) {
            throw new IllegalArgumentException("bad compartment address " + compartment + " (board " + board
                    + ", lock " + lock + ")");
        }
    }
}

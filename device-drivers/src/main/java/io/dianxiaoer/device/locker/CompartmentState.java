package io.dianxiaoer.device.locker;

import java.time.Instant;
import java.util.Optional;

/** One compartment as the last poll saw it. Immutable. */
public record CompartmentState(int number, int board, int lock, Door door, Item item, Optional<Instant> doorOpenSince) {

    public enum Door { OPEN, CLOSED, UNKNOWN }

    public enum Item {
        PRESENT, ABSENT,
        /** The board has no item sensors. */
        NO_SENSOR,
        /** Not polled yet. */
        UNKNOWN
    }
}

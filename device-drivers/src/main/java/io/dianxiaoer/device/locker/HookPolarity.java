package io.dianxiaoer.device.locker;

/**
 * How the board reads a closed door: the hook sensor closes or opens a contact depending on the
 * lock model and its wiring, so the same board reports {@code 11} for a closed door in one cabinet
 * and {@code 00} in another. A setting per cabinet.
 */
public enum HookPolarity {
    /** State {@code 11} and bitmap bit 1 mean closed (the more common wiring). */
    CLOSED_READS_11,
    /** State {@code 00} and bitmap bit 0 mean closed. */
    CLOSED_READS_00;

    /** Whether a single-lock state byte means closed; any other byte than 00 or 11 is a protocol error. */
    public boolean closedState(int state) {
        int s = state & 0xFF;
        if (s != LockerProtocol.STATE_00 && s != LockerProtocol.STATE_11) {
            throw new LockerProtocolException(String.format("lock state %02X is neither 00 nor 11", s));
        }
        return (s == LockerProtocol.STATE_11) == (this == CLOSED_READS_11);
    }

    /** Whether a bitmap bit means closed. */
    public boolean closedBit(boolean bit) {
        return bit == (this == CLOSED_READS_11);
    }

    /** The state byte a board wired this way sends for a door that is {@code closed} (simulators). */
    public int state(boolean closed) {
        return closed == (this == CLOSED_READS_11) ? LockerProtocol.STATE_11 : LockerProtocol.STATE_00;
    }

    /** The bitmap bit a board wired this way sends for a door that is {@code closed} (simulators). */
    public boolean bit(boolean closed) {
        return closed == (this == CLOSED_READS_11);
    }
}

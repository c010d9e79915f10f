package io.dianxiaoer.device.locker;

/** What came of an unlock command, with plain words for staff. */
public record OpenResult(Outcome outcome, int compartment, String detail) {

    public enum Outcome {
        /** The board pulsed the lock and the door reads open. */
        OPENED,
        /** The board answered but the door still reads closed: stuck door or jammed lock. */
        STUCK,
        /** No answer, a corrupt one, or the locker is offline: nothing is known about the door. */
        FAILED
    }

    public boolean opened() {
        return outcome == Outcome.OPENED;
    }
}

package io.dianxiaoer.sim.pcsc;

/** What a virtual card does wrong, to test the reader side (set on its {@link VpcdCardLink}). */
public enum CardFault {
    /** Answers every APDU. */
    NONE,
    /** Takes APDUs but never answers (the reader must time out, not hang). */
    SILENT,
    /** Answers every APDU with random bytes (sometimes shorter than a status word). */
    GARBAGE,
    /** Leaves the reader after {@link VpcdCardLink#PULL_AFTER_APDUS} APDUs of a session: a citizen taking the document away mid-read (once: the fault then resets to NONE). */
    PULLED_MID_READ
}

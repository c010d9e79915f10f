package io.dianxiaoer.sim.idcard;

/** What the simulated reader does wrong, on purpose, until told to stop. */
public enum SamFault {
    /** Answers correctly. */
    NONE,
    /** Reads commands and never answers: a hung reader. */
    SILENT,
    /** Sends random bytes before every reply: line noise. */
    GARBAGE_PREFIX,
    /** Every reply's checksum is wrong. */
    BAD_CHECKSUM,
    /** Sends every reply a few bytes at a time with pauses: a slow or fragmenting link. */
    SPLIT_SLOW,
    /** Drops the connection and refuses new ones: a USB cable pulled out. */
    UNPLUGGED,
    /** Answers every command with the status word set by {@link SamReaderSimulator#forceStatus}. */
    FORCED_STATUS
}

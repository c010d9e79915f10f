package io.dianxiaoer.sim.scanner;

/** What the simulated scanner does wrong, on purpose, until told to stop. */
public enum ScannerFault {
    /** Works. */
    NONE,
    /** Sends nothing: scans are lost, triggers and status queries go unanswered (a hung scanner). */
    SILENT,
    /** Line noise: bursts of random bytes, each ended by a CR, several times a second, besides the codes. */
    GARBAGE,
    /** Sends only the first half of each code, without its terminator (a cable wiggle mid-code). */
    HALF_CODE,
    /** Sends each code one byte at a time with a pause between bytes (a slow or stalling link). */
    SLOW_TRICKLE,
    /** Drops the connection and refuses new ones: the USB cable pulled out. */
    UNPLUGGED
}

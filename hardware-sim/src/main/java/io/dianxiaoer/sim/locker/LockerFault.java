package io.dianxiaoer.sim.locker;

/** What the simulated lock boards do wrong, on purpose, until told to stop. */
public enum LockerFault {
    /** Work. */
    NONE,
    /** Every board reads commands and never answers (bus cable cut, boards without power). */
    SILENT,
    /** Random bytes on the bus before every reply (a noisy, badly terminated RS-485 line). */
    GARBAGE,
    /** Every reply's checksum is wrong. */
    BAD_CHECKSUM,
    /** Every reply comes late (see {@link LockerBusSimulator#setSlowMillis}). */
    SLOW,
    /** Every lock is jammed: unlock pulses do nothing (per-compartment stuck doors are set separately). */
    STUCK_DOORS,
    /** Drops the connection and refuses new ones: the USB-RS485 adapter pulled out. */
    UNPLUGGED
}

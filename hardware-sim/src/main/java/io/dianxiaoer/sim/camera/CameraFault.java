package io.dianxiaoer.sim.camera;

/** What can go wrong with the simulated camera's stream. */
public enum CameraFault {
    /** A healthy stream. */
    NONE,
    /** The connection stays open but no more bytes come (a hung camera or a dead USB hub). */
    STALL,
    /** Every frame but every third is a damaged part: random bytes, or a JPEG cut short. */
    GARBAGE,
    /** Two frames a second instead of the set rate (a starved USB bus, a camera in low light). */
    SLOW,
    /** Open streams are cut and new connections are dropped at once (a cable pulled and put back in a loop). */
    DISCONNECT
}

package io.dianxiaoer.sim.pcsc;

/**
 * A smart card as the vpcd link sees it: an answer to reset and an APDU processor. Implementations
 * are called on the link's thread only, one call at a time.
 */
public interface VirtualCard {

    /** The answer to reset. */
    byte[] atr();

    /** The reader powered the card up, reset it, or powered it off: volatile state (sessions) ends. */
    void reset();

    /** Processes one command APDU and returns the response APDU (data and status word). */
    byte[] process(byte[] commandApdu);
}

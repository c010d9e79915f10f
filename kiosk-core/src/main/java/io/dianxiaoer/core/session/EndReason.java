package io.dianxiaoer.core.session;

/** Why the last session ended, for the staff screen and for counters. */
public enum EndReason {
    NONE, CARD_REMOVED, IDLE_TIMEOUT, FINISHED
}

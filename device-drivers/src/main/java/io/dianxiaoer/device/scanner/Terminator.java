package io.dianxiaoer.device.scanner;

/** What ends a code on the wire (a setting of the scanner, mirrored here). */
public enum Terminator {
    /** CR (0x0D) alone; an LF is content. */
    CR,
    /** LF (0x0A) alone; a CR is content. */
    LF,
    /** The pair CR LF; a lone CR or LF is content. */
    CR_LF,
    /** Either CR or LF ends a code and empty lines are skipped: works with CR, LF and CR LF scanners alike. */
    ANY_LINE_END
}

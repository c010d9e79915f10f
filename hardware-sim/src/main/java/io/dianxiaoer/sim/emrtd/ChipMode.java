package io.dianxiaoer.sim.emrtd;

/** What the virtual chip holds: a genuine document or one of the forgeries passive authentication must catch. */
public enum ChipMode {
    /** Data groups and SOD as issued, signed by the trusted test DSC. */
    GENUINE,
    /** DG1 altered after signing (another surname): its hash no longer matches the SOD. */
    TAMPERED_DG1,
    /** Consistent data, but the SOD is signed by a DSC of a CSCA nobody trusts. */
    UNTRUSTED_SIGNER,
    /** The SOD's signature bytes are damaged: it no longer verifies with its own DSC. */
    BAD_SIGNATURE
}

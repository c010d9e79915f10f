package io.dianxiaoer.sim.camera;

/** The kinds of synthetic paper the simulated document camera can show. */
public enum DocumentKind {
    /** A printed A4 application form (portrait, 1 : √2). */
    FORM,
    /** A licence-like card in the ID-1 format (85.6 × 54 mm, landscape, rounded corners). */
    LICENCE_CARD,
    /** A paper slip with a QR code (an appointment check-in code). */
    QR_SLIP
}

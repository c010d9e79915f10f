package io.dianxiaoer.core.session;

/** The page a session is on. Every view renders the page of the shared session state. */
public enum Page {
    /** Nobody is being served: invite the next citizen to identify. */
    ATTRACT,
    /** A citizen has identified; greet them. */
    GREETING,
    /** The citizen photographs a paper on the document camera (高拍仪). */
    DOCUMENT_CAPTURE
}

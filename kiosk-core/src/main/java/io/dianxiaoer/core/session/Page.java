package io.dianxiaoer.core.session;

/** The page a session is on. Every view renders the page of the shared session state. */
public enum Page {
    /** Nobody is being served: invite the next citizen to identify. */
    ATTRACT,
    /** A citizen has identified; greet them. */
    GREETING
}

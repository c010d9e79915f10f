package io.dianxiaoer.app.view;

import io.dianxiaoer.core.session.SessionState;

/** The controller of one FXML page. Called on the FX thread only. */
public interface PageController {
    /** Shows {@code state}; called for every state change while the page is on screen. */
    void render(SessionState state);

    /** The page left the screen: release what it holds (camera subscriptions, pictures). */
    default void hidden() {
    }
}

package io.dianxiaoer.app.view;

import io.dianxiaoer.app.i18n.Messages;
import io.dianxiaoer.core.session.SessionStore;
import java.time.Clock;

/** What every page controller is constructed with. */
public record PageContext(SessionStore store, Clock clock, Messages messages, PageServices services) {
}

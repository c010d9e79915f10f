package io.dianxiaoer.core.event;

import io.dianxiaoer.core.session.Page;
import java.time.Instant;
import java.util.Objects;

/** The citizen (or the helper for them) asked to go to a page; the reducer decides whether that is allowed. */
public record PageRequested(Page page, Instant at) implements UserEvent {
    public PageRequested {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(at, "at");
    }
}

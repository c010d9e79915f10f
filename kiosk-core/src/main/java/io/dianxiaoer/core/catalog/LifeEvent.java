package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/** A moment in life or business that items belong to (出生, 就业, 开店 …): the browse-by-event view. */
public record LifeEvent(String code, LocalizedText name) {
    public LifeEvent {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}

package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;
import java.util.Optional;

/** An item's need for a material: which one, when (by the answers), and a note for this item. */
public record MaterialRequirement(String material, Condition when, Optional<LocalizedText> note) {
    public MaterialRequirement {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(note, "note");
    }
}

package io.dianxiaoer.core.form;

import java.util.List;
import java.util.Objects;

/**
 * A field as one form asks it: the definition, whether an answer is required, and which service
 * items ask it (a merged form shows the citizen that one answer serves several items).
 */
public record FormField(FieldDefinition definition, boolean required, List<String> askedBy) {

    public FormField {
        Objects.requireNonNull(definition, "definition");
        askedBy = List.copyOf(askedBy);
    }

    public String id() {
        return definition.id();
    }

    /** Supplied by data sharing: shown as such, never asked, never validated. */
    public boolean isSupplied() {
        return definition.isSupplied();
    }
}

package io.dianxiaoer.core.catalog;

import java.util.Objects;

/** An item's use of a form field: required or optional, and when it is asked at all. */
public record FieldRequirement(String field, boolean required, Condition when) {
    public FieldRequirement {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(when, "when");
    }
}

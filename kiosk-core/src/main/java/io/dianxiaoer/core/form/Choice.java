package io.dianxiaoer.core.form;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/** One option of a choice field or a guidance question: the stored value and what the screen shows. */
public record Choice(String value, LocalizedText label) {
    public Choice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}

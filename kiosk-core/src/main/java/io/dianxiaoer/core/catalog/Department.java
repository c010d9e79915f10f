package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/** A department that handles items (承办部门). */
public record Department(String code, LocalizedText name) {
    public Department {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}

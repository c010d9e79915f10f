package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.util.Objects;

/** What the item costs, in yuan, with the basis in words; most items are free (不收费). */
public record Fee(BigDecimal amount, LocalizedText note) {
    public Fee {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(note, "note");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative fee");
        }
    }

    public boolean isFree() {
        return amount.signum() == 0;
    }
}

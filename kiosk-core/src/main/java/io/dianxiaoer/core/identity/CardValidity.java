package io.dianxiaoer.core.identity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The validity period printed on a card. {@code validTo} is empty for a card valid for the
 * holder's lifetime (长期).
 */
public record CardValidity(LocalDate validFrom, Optional<LocalDate> validTo) {

    public CardValidity {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        if (validTo.isPresent() && validTo.get().isBefore(validFrom)) {
            throw new IllegalArgumentException("valid-to date lies before valid-from date");
        }
    }

    public static CardValidity longTerm(LocalDate from) {
        return new CardValidity(from, Optional.empty());
    }

    public static CardValidity until(LocalDate from, LocalDate to) {
        return new CardValidity(from, Optional.of(to));
    }

    public boolean isLongTerm() {
        return validTo.isEmpty();
    }

    /** True when the card is valid on {@code day} (the last day counts as valid). */
    public boolean isValidOn(LocalDate day) {
        return !day.isBefore(validFrom) && validTo.map(to -> !day.isAfter(to)).orElse(true);
    }
}

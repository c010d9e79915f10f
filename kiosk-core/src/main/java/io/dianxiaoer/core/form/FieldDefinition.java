package io.dianxiaoer.core.form;

import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One question of a form, as the catalog defines it once for every item that asks it: fields are
 * identified by {@link #id()}, so two items asking for the applicant's phone ask it once in a
 * merged form.
 *
 * @param section     groups fields on screen (applicant, business, premises, …)
 * @param minLength   for text: fewest characters (0: none)
 * @param maxLength   for text: most characters (0: the type's default)
 * @param min         for numbers and money: smallest value, if bounded
 * @param max         for numbers and money: largest value, if bounded
 * @param options     for CHOICE and MULTI_CHOICE
 * @param prefill     where the value can be filled from (ID card, e-licence)
 * @param locked      a prefilled value that the citizen may not change (the name read from the ID card)
 * @param suppliedBy  set when data sharing supplies this value to the department: the field is
 *                    shown as such and never asked (两个免于提交)
 * @param unit        shown after the input (平方米, 元)
 */
public record FieldDefinition(
        String id,
        LocalizedText label,
        FieldType type,
        String section,
        Optional<LocalizedText> help,
        int minLength,
        int maxLength,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        List<Choice> options,
        DateRule dateRule,
        Optional<PrefillSource> prefill,
        boolean locked,
        Optional<LocalizedText> suppliedBy,
        Optional<LocalizedText> unit) {

    public FieldDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        options = List.copyOf(options);
        Objects.requireNonNull(dateRule, "dateRule");
        Objects.requireNonNull(prefill, "prefill");
        Objects.requireNonNull(suppliedBy, "suppliedBy");
        Objects.requireNonNull(unit, "unit");
        if ((type == FieldType.CHOICE || type == FieldType.MULTI_CHOICE) && options.isEmpty()) {
            throw new IllegalArgumentException("field " + id + ": a choice needs options");
        }
        if (minLength < 0 || maxLength < 0 || (maxLength > 0 && minLength > maxLength)) {
            throw new IllegalArgumentException("field " + id + ": bad length limits");
        }
        if (locked && prefill.isEmpty()) {
            throw new IllegalArgumentException("field " + id + ": only a prefilled field can be locked");
        }
    }

    /** A plain field of the given type with no limits beyond the type's own. */
    public static FieldDefinition simple(String id, LocalizedText label, FieldType type, String section) {
        return new FieldDefinition(id, label, type, section, Optional.empty(), 0, 0, Optional.empty(), Optional.empty(),
                List.of(), DateRule.ANY, Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** Whether data sharing supplies this value, so the citizen is never asked. */
    public boolean isSupplied() {
        return suppliedBy.isPresent();
    }

    public Optional<Choice> option(String value) {
        return options.stream().filter(o -> o.value().equals(value)).findFirst();
    }

    /** The most characters a text of this field may have: the definition's limit or the type's default. */
    public int effectiveMaxLength() {
        if (maxLength > 0) {
            return maxLength;
        }
        return switch (type) {
            case MULTILINE -> 500;
            case ADDRESS -> 120;
            case EMAIL -> 100;
            default -> 60;
        };
    }
}

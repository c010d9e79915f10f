package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.form.Choice;
import io.dianxiaoer.core.text.LocalizedText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain question guidance asks before the form ("Will you sell alcohol?"). Answers decide which
 * items apply and which materials are needed; an answer can also fill a form field, so the form
 * never asks it again.
 *
 * @param askWhen  only asked when this holds (a follow-up question)
 * @param field    the form field the answer fills, if any
 */
public record Question(String id, LocalizedText text, Optional<LocalizedText> help, List<Choice> options,
                       Condition askWhen, Optional<String> field) {

    public static final List<Choice> YES_NO = List.of(
            new Choice("yes", LocalizedText.of("是", "Yes")), new Choice("no", LocalizedText.of("否", "No")));

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(help, "help");
        options = List.copyOf(options);
        if (options.size() < 2) {
            throw new IllegalArgumentException("question " + id + " needs at least two options");
        }
        Objects.requireNonNull(askWhen, "askWhen");
        Objects.requireNonNull(field, "field");
    }

    public boolean hasOption(String value) {
        return options.stream().anyMatch(o -> o.value().equals(value));
    }
}

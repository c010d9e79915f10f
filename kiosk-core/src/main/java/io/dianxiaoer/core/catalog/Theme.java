package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.List;
import java.util.Objects;

/**
 * A life-event theme (主题式服务): one thing the citizen wants done ("open a restaurant") that
 * takes several items, possibly of several departments — 一件事一次办. The theme's questions
 * decide which of its items apply; the guidance engine merges them into one form and one checklist.
 *
 * @param promisedWorkingDays the bundle's own promise (often shorter than the items' sum)
 */
public record Theme(String code, LocalizedText name, LocalizedText description, List<String> questions,
                    List<ThemeItem> items, List<String> lifeEvents, List<String> keywords, int promisedWorkingDays) {

    /** An item of the theme and when it applies. */
    public record ThemeItem(String item, Condition when) {
        public ThemeItem {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(when, "when");
        }
    }

    public Theme {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        questions = List.copyOf(questions);
        items = List.copyOf(items);
        lifeEvents = List.copyOf(lifeEvents);
        keywords = List.copyOf(keywords);
        if (promisedWorkingDays < 0) {
            throw new IllegalArgumentException("theme " + code + ": negative promise");
        }
    }
}

package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.text.LocalizedText;
import java.util.Objects;

/**
 * One search result: an item or a theme, its score (higher is better) and where the first word of
 * the query matched, so the screen can highlight it ({@code matchedText.substring(start, end)}).
 */
public record SearchHit(Kind kind, String code, LocalizedText name, int score, Field matchedIn, String matchedText,
                        int start, int end) {

    public enum Kind { ITEM, THEME }

    /** Which text of the item matched. */
    public enum Field { NAME, KEYWORD, DEPARTMENT, LIFE_EVENT }

    public SearchHit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(matchedIn, "matchedIn");
        Objects.requireNonNull(matchedText, "matchedText");
    }
}

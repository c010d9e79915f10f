package io.dianxiaoer.core.text;

import io.dianxiaoer.core.session.Language;
import java.util.Objects;

/**
 * A text in both interface languages. Catalog data, questions and validation messages are all
 * written in plain words in Chinese and English; the screen picks one by the session's language.
 * Immutable.
 */
public record LocalizedText(String zh, String en) {

    public LocalizedText {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static LocalizedText of(String zh, String en) {
        return new LocalizedText(zh, en);
    }

    public String in(Language language) {
        return language == Language.EN ? en : zh;
    }

    @Override
    public String toString() {
        return zh + " / " + en;
    }
}

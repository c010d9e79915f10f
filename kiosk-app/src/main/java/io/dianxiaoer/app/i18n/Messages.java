package io.dianxiaoer.app.i18n;

import io.dianxiaoer.core.session.Language;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The interface texts in Chinese and English (bundles {@code messages_zh}/{@code messages_en}). Thread-safe. */
public final class Messages {

    private static final String BUNDLE = "io.dianxiaoer.app.i18n.messages";
    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    public Messages() {
        for (Language l : Language.values()) {
            bundles.put(l, ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(l.tag()),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(Language language, String key, Object... args) {
        String pattern;
        try {
            pattern = bundles.get(language).getString(key);
        } catch (MissingResourceException e) {
            return "⟨" + key + "⟩";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(language.tag())).format(args);
    }

    /** Every key of one language, to check that both languages are complete. */
    public java.util.Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }
}

package io.dianxiaoer.core.guidance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Answers given to guidance questions, by question id. Immutable; answers are not personal data. */
public record Answers(Map<String, String> values) {

    public static final Answers NONE = new Answers(Map.of());

    public Answers {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Answers of(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new Answers(m);
    }

    public Answers with(String question, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(question, value);
        return new Answers(m);
    }

    public Optional<String> get(String question) {
        return Optional.ofNullable(values.get(question));
    }

    public boolean has(String question) {
        return values.containsKey(question);
    }
}

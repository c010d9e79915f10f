package io.dianxiaoer.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When something applies, in terms of answers to guidance questions: every named question must
 * have one of the listed answers (AND over questions, OR over values). The empty condition always
 * holds. Written in the catalog as {@code "when": {"alcohol": ["yes"], "premises": ["RENTED"]}}.
 * An unanswered question fails the condition: nothing is assumed for the citizen.
 */
public record Condition(Map<String, Set<String>> requires) {

    public static final Condition ALWAYS = new Condition(Map.of());

    public Condition {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        requires.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Set.copyOf(v)));
        requires = java.util.Collections.unmodifiableMap(copy);
    }

    public static Condition of(String question, String... values) {
        return new Condition(Map.of(question, Set.of(values)));
    }

    public boolean test(Map<String, String> answers) {
        for (Map.Entry<String, Set<String>> e : requires.entrySet()) {
            String a = answers.get(e.getKey());
            if (a == null || !e.getValue().contains(a)) {
                return false;
            }
        }
        return true;
    }

    public boolean isAlways() {
        return requires.isEmpty();
    }

    /** The questions this condition depends on. */
    public Set<String> questions() {
        return requires.keySet();
    }
}

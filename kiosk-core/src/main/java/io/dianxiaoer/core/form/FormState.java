package io.dianxiaoer.core.form;

import io.dianxiaoer.core.form.FieldValue.Origin;
import io.dianxiaoer.core.form.FormAction.Edit;
import io.dianxiaoer.core.form.FormAction.FillFromAnswers;
import io.dianxiaoer.core.form.FormAction.PrefillIdentity;
import io.dianxiaoer.core.form.FormAction.PrefillLicence;
import io.dianxiaoer.core.form.FormAction.ShowAllProblems;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * A form being filled: the schema, the values so far (with their origin) and which fields the
 * citizen has touched. Immutable; {@link #apply} is the pure update function, returning the same
 * instance when an action changes nothing (so listeners hear only real changes, as with the
 * session reducer).
 *
 * <p>Rules: fields that data sharing supplies are never filled or asked. A prefilled value never
 * overwrites what the citizen typed, except in a locked field (the name and number read from the
 * ID card), which only its source may fill and the citizen cannot edit. Problems are computed,
 * not stored: {@link #problems(LocalDate)} judges the values against today's date.
 *
 * <p>Values are personal data: {@code toString} shows counts only.
 */
public record FormState(FormSchema schema, Map<String, FieldValue> values, Set<String> touched, boolean allProblemsShown) {

    public FormState {
        Objects.requireNonNull(schema, "schema");
        values = Map.copyOf(values);
        touched = Set.copyOf(touched);
    }

    public static FormState empty(FormSchema schema) {
        return new FormState(schema, Map.of(), Set.of(), false);
    }

    public Optional<FieldValue> value(String fieldId) {
        return Optional.ofNullable(values.get(fieldId));
    }

    public String text(String fieldId) {
        FieldValue v = values.get(fieldId);
        return v == null ? "" : v.text();
    }

    /** Whether the citizen may change this field now. */
    public boolean isEditable(String fieldId) {
        Optional<FormField> f = schema.field(fieldId);
        if (f.isEmpty() || f.get().isSupplied()) {
            return false;
        }
        FieldValue v = values.get(fieldId);
        return !(f.get().definition().locked() && v != null && v.isPrefilled());
    }

    public FormState apply(FormAction action) {
        if (action instanceof Edit e) {
            return edit(e);
        } else if (action instanceof PrefillIdentity p) {
            return prefill(Prefill.fromIdentity(p.document()), Origin.IDENTITY);
        } else if (action instanceof PrefillLicence p) {
            return prefill(p.licence().values(), Origin.E_LICENCE);
        } else if (action instanceof FillFromAnswers a) {
            return fillFromAnswers(a.values());
        } else if (action instanceof ShowAllProblems) {
            return allProblemsShown ? this : new FormState(schema, values, touched, true);
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    private FormState edit(Edit e) {
        if (!isEditable(e.fieldId())) {
            return this;
        }
        FormField f = schema.field(e.fieldId()).orElseThrow();
        String text = FieldValidator.normalise(f.definition().type(), e.text());
        Map<String, FieldValue> next = new HashMap<>(values);
        if (text.isEmpty()) {
            next.remove(f.id());
        } else {
            next.put(f.id(), new FieldValue(text, Origin.TYPED));
        }
        Set<String> t = new HashSet<>(touched);
        t.add(f.id());
        if (next.equals(values) && t.equals(touched)) {
            return this;
        }
        return new FormState(schema, next, t, allProblemsShown);
    }

    private FormState prefill(Map<String, String> source, Origin origin) {
        Map<String, FieldValue> next = new HashMap<>(values);
        for (FormField f : schema.fields()) {
            FieldDefinition d = f.definition();
            if (f.isSupplied() || d.prefill().isEmpty()) {
                continue;
            }
            String v = source.get(d.prefill().get().key());
            if (v == null || v.isBlank()) {
                continue;
            }
            FieldValue old = values.get(f.id());
            boolean typedByCitizen = old != null && old.origin() == Origin.TYPED;
            if (typedByCitizen && !d.locked()) {
                continue; // the citizen's own answer wins over a document
            }
            next.put(f.id(), new FieldValue(FieldValidator.normalise(d.type(), v), origin));
        }
        return next.equals(values) ? this : new FormState(schema, next, touched, allProblemsShown);
    }

    private FormState fillFromAnswers(Map<String, String> answers) {
        Map<String, FieldValue> next = new HashMap<>(values);
        for (Map.Entry<String, String> a : answers.entrySet()) {
            Optional<FormField> f = schema.field(a.getKey());
            if (f.isEmpty() || f.get().isSupplied() || f.get().definition().locked()) {
                continue;
            }
            FieldValue old = values.get(a.getKey());
            if (old != null && old.origin() == Origin.TYPED) {
                continue;
            }
            next.put(a.getKey(), new FieldValue(a.getValue(), Origin.ANSWER));
        }
        return next.equals(values) ? this : new FormState(schema, next, touched, allProblemsShown);
    }

    /** Every problem of the askable fields, in form order (empty fields count when required). */
    public Map<String, Problem> problems(LocalDate today) {
        Map<String, Problem> out = new LinkedHashMap<>();
        for (FormField f : schema.askable()) {
            FieldValidator.check(f.definition(), f.required(), text(f.id()), today).ifPresent(p -> out.put(f.id(), p));
        }
        return out;
    }

    /** The problems to show now: those of touched fields, or all after {@link ShowAllProblems}. */
    public Map<String, Problem> visibleProblems(LocalDate today) {
        Map<String, Problem> all = problems(today);
        if (allProblemsShown) {
            return all;
        }
        Map<String, Problem> out = new LinkedHashMap<>();
        all.forEach((id, p) -> {
            if (touched.contains(id)) {
                out.put(id, p);
            }
        });
        return out;
    }

    public boolean isComplete(LocalDate today) {
        return problems(today).isEmpty();
    }

    /** The values to submit, in form order: every askable field that has a value. */
    public Map<String, String> submission() {
        Map<String, String> out = new LinkedHashMap<>();
        for (FormField f : schema.askable()) {
            FieldValue v = values.get(f.id());
            if (v != null) {
                out.put(f.id(), v.text());
            }
        }
        return out;
    }

    /** Fields still empty that the citizen has to answer. */
    public List<FormField> missing() {
        return schema.askable().stream().filter(f -> f.required() && !values.containsKey(f.id())).toList();
    }

    @Override
    public String toString() {
        return "FormState[" + values.size() + "/" + schema.fields().size() + " filled, " + touched.size() + " touched]";
    }
}

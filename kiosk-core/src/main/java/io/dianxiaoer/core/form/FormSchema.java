package io.dianxiaoer.core.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one form, in order. {@link #merge} joins the forms of several service items into
 * one (一件事一次办): a field several items ask is asked once, required if any item requires it,
 * at the place it first appears. Immutable.
 */
public record FormSchema(List<FormField> fields) {

    public FormSchema {
        fields = List.copyOf(fields);
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (FormField f : fields) {
            if (!ids.add(f.id())) {
                throw new IllegalArgumentException("field " + f.id() + " appears twice in one form");
            }
        }
    }

    public static FormSchema merge(List<FormSchema> schemas) {
        Map<String, FormField> merged = new LinkedHashMap<>();
        for (FormSchema s : schemas) {
            for (FormField f : s.fields) {
                FormField old = merged.get(f.id());
                if (old == null) {
                    merged.put(f.id(), f);
                } else {
                    LinkedHashSet<String> by = new LinkedHashSet<>(old.askedBy());
                    by.addAll(f.askedBy());
                    merged.put(f.id(), new FormField(old.definition(), old.required() || f.required(), new ArrayList<>(by)));
                }
            }
        }
        return new FormSchema(new ArrayList<>(merged.values()));
    }

    public Optional<FormField> field(String id) {
        for (FormField f : fields) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The fields the citizen sees as questions (everything data sharing does not supply). */
    public List<FormField> askable() {
        return fields.stream().filter(f -> !f.isSupplied()).toList();
    }

    /** The fields data sharing supplies: shown as "provided by …", never asked. */
    public List<FormField> supplied() {
        return fields.stream().filter(FormField::isSupplied).toList();
    }

    /** Section names in the order their first field appears. */
    public List<String> sections() {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        fields.forEach(f -> s.add(f.definition().section()));
        return List.copyOf(s);
    }
}

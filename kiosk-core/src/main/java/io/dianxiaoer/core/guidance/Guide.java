package io.dianxiaoer.core.guidance;

import io.dianxiaoer.core.catalog.Catalog;
import io.dianxiaoer.core.catalog.Condition;
import io.dianxiaoer.core.catalog.DeliveryOption;
import io.dianxiaoer.core.catalog.Department;
import io.dianxiaoer.core.catalog.FieldRequirement;
import io.dianxiaoer.core.catalog.MaterialRequirement;
import io.dianxiaoer.core.catalog.MaterialType;
import io.dianxiaoer.core.catalog.Question;
import io.dianxiaoer.core.catalog.ServiceItem;
import io.dianxiaoer.core.catalog.Theme;
import io.dianxiaoer.core.form.FormField;
import io.dianxiaoer.core.form.FormSchema;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guidance engine (主题式服务智库) for one theme, or for a single item: which plain questions to
 * ask next, and the {@link Plan} the answers lead to. Pure functions of (catalog, scope, answers):
 * no state of its own, thread-safe, so the session reducer can hold the answers and ask again.
 *
 * <p>Order of questions: the theme's own questions first (they decide the items), then each
 * applicable item's questions, each asked once however many items share it; a question whose
 * {@code askWhen} does not hold is skipped.
 */
public final class Guide {

    private record Scoped(ServiceItem item, Condition when) {
    }

    private final Catalog catalog;
    private final Optional<Theme> theme;
    private final List<Scoped> items;
    private final List<String> ownQuestions;

    private Guide(Catalog catalog, Optional<Theme> theme, List<Scoped> items, List<String> ownQuestions) {
        this.catalog = catalog;
        this.theme = theme;
        this.items = items;
        this.ownQuestions = ownQuestions;
    }

    public static Guide forTheme(Catalog catalog, Theme theme) {
        List<Scoped> items = new ArrayList<>();
        for (Theme.ThemeItem ti : theme.items()) {
            items.add(new Scoped(catalog.requireItem(ti.item()), ti.when()));
        }
        return new Guide(catalog, Optional.of(theme), items, theme.questions());
    }

    public static Guide forTheme(Catalog catalog, String themeCode) {
        return forTheme(catalog, catalog.theme(themeCode)
                .orElseThrow(() -> new IllegalArgumentException("no theme " + themeCode)));
    }

    public static Guide forItem(Catalog catalog, ServiceItem item) {
        return new Guide(catalog, Optional.empty(), List.of(new Scoped(item, Condition.ALWAYS)), List.of());
    }

    public Optional<Theme> theme() {
        return theme;
    }

    /** The items that apply with these answers, in the theme's order. */
    public List<ServiceItem> applicableItems(Answers answers) {
        return items.stream().filter(s -> s.when().test(answers.values())).map(Scoped::item).toList();
    }

    /** Every question that applies with these answers, answered or not, in asking order. */
    public List<Question> questions(Answers answers) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(ownQuestions);
        for (ServiceItem it : applicableItems(answers)) {
            ids.addAll(it.questions());
        }
        List<Question> out = new ArrayList<>();
        for (String id : ids) {
            Question q = catalog.question(id);
            if (q.askWhen().test(answers.values())) {
                out.add(q);
            }
        }
        return out;
    }

    /** The next question to ask, or empty when all that apply are answered. */
    public Optional<Question> nextQuestion(Answers answers) {
        return questions(answers).stream().filter(q -> !answers.has(q.id())).findFirst();
    }

    /**
     * Records an answer and drops answers to questions that no longer apply (a changed mind
     * about alcohol removes the follow-up questions about it).
     *
     * @throws IllegalArgumentException for a question that does not apply or an answer that is not an option
     */
    public Answers answer(Answers answers, String questionId, String value) {
        Question q = questions(answers).stream().filter(x -> x.id().equals(questionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("question " + questionId + " is not asked here"));
        if (!q.hasOption(value)) {
            throw new IllegalArgumentException(value + " is not an answer to " + questionId);
        }
        Answers next = answers.with(questionId, value);
        // prune until stable: removing one answer can make further questions inapplicable
        while (true) {
            Set<String> applicable = new LinkedHashSet<>();
            questions(next).forEach(x -> applicable.add(x.id()));
            Map<String, String> kept = new LinkedHashMap<>();
            next.values().forEach((k, v) -> {
                if (applicable.contains(k)) {
                    kept.put(k, v);
                }
            });
            if (kept.size() == next.values().size()) {
                return next;
            }
            next = new Answers(kept);
        }
    }

    /** The plan these answers lead to (check {@link Plan#complete()} before submitting). */
    public Plan plan(Answers answers) {
        Map<String, String> a = answers.values();
        List<ServiceItem> chosen = applicableItems(answers);
        Map<String, String> producedBy = new LinkedHashMap<>();
        for (ServiceItem it : chosen) {
            for (String p : it.produces()) {
                producedBy.putIfAbsent(p, it.code());
            }
        }
        int entries = 0;
        int forms = 0;
        Map<String, List<String>> neededBy = new LinkedHashMap<>();
        Map<String, List<LocalizedText>> notes = new LinkedHashMap<>();
        List<FormSchema> schemas = new ArrayList<>();
        for (ServiceItem it : chosen) {
            for (MaterialRequirement m : it.materials()) {
                if (!m.when().test(a)) {
                    continue;
                }
                entries++;
                if (catalog.material(m.material()).isForm()) {
                    forms++;
                }
                neededBy.computeIfAbsent(m.material(), k -> new ArrayList<>()).add(it.code());
                m.note().ifPresent(n -> notes.computeIfAbsent(m.material(), k -> new ArrayList<>()).add(n));
            }
            List<FormField> fields = new ArrayList<>();
            for (FieldRequirement f : it.fields()) {
                if (f.when().test(a)) {
                    fields.add(new FormField(catalog.field(f.field()), f.required(), List.of(it.code())));
                }
            }
            schemas.add(new FormSchema(fields));
        }
        List<ChecklistEntry> checklist = new ArrayList<>();
        neededBy.forEach((code, by) -> {
            MaterialType mt = catalog.material(code);
            String producer = producedBy.get(code);
            boolean producedHere = producer != null && !by.contains(producer);
            ChecklistEntry.Status status = mt.isForm() ? ChecklistEntry.Status.FILLED_ON_SCREEN
                    : producedHere ? ChecklistEntry.Status.PRODUCED_IN_THIS_BUNDLE
                    : mt.isExempt() ? ChecklistEntry.Status.EXEMPT
                    : ChecklistEntry.Status.TO_SUBMIT;
            checklist.add(new ChecklistEntry(mt, status, by,
                    producedHere ? Optional.of(producer) : Optional.empty(), notes.getOrDefault(code, List.of())));
        });
        FormSchema form = FormSchema.merge(schemas);
        Map<String, String> answerValues = new LinkedHashMap<>();
        for (Question q : questions(answers)) {
            if (q.field().isPresent() && answers.has(q.id()) && form.field(q.field().get()).isPresent()) {
                answerValues.put(q.field().get(), answers.get(q.id()).orElseThrow());
            }
        }
        LinkedHashSet<String> deptCodes = new LinkedHashSet<>();
        chosen.forEach(it -> deptCodes.add(it.department()));
        List<Department> departments = deptCodes.stream().map(catalog::department).toList();
        int promised = theme.map(Theme::promisedWorkingDays).filter(d -> d > 0)
                .orElse(chosen.stream().mapToInt(it -> it.timeLimit().promisedWorkingDays()).max().orElse(0));
        BigDecimal fee = chosen.stream().map(it -> it.fee().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Plan(chosen, departments, checklist, entries, forms, form, answerValues, promised, fee,
                delivery(chosen), nextQuestion(answers).isEmpty());
    }

    /** Delivery every item offers; if they share none, whatever any item offers. */
    private static List<DeliveryOption> delivery(List<ServiceItem> chosen) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        EnumSet<DeliveryOption> common = EnumSet.allOf(DeliveryOption.class);
        EnumSet<DeliveryOption> any = EnumSet.noneOf(DeliveryOption.class);
        for (ServiceItem it : chosen) {
            common.retainAll(it.delivery());
            any.addAll(it.delivery());
        }
        return List.copyOf(common.isEmpty() ? any : common);
    }
}

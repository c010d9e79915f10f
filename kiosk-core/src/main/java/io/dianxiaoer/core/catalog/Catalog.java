package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.form.FieldDefinition;
import io.dianxiaoer.core.form.PrefillSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The service catalog (事项目录): items, the themes that bundle them, and the shared registries
 * they refer to (departments, life events, materials, form fields, guidance questions).
 *
 * <p>It is plain data, built from the JSON document the intake API serves (see
 * {@link CatalogReader} and docs/catalog-format.md); the repo ships a sample
 * ({@link #sample()}). Construction checks every reference and refuses an inconsistent catalog
 * as a whole, listing all problems, so a bad download never half-replaces a good catalog.
 *
 * <p>Immutable and thread-safe. The search index is built on the first {@link #search} (tens of
 * milliseconds for thousands of items) and then shared.
 */
public final class Catalog {

    /** The bundled sample catalog resource, under this class's package. */
    public static final String SAMPLE_RESOURCE = "sample-catalog.json";

    private static final Comparator<ServiceItem> BY_POPULARITY =
            Comparator.comparingInt(ServiceItem::popularity).reversed().thenComparing(ServiceItem::code);

    private final String version;
    private final Map<String, Department> departments;
    private final Map<String, LifeEvent> lifeEvents;
    private final Map<String, MaterialType> materials;
    private final Map<String, FieldDefinition> fields;
    private final Map<String, Question> questions;
    private final Map<String, ServiceItem> items;
    private final Map<String, Theme> themes;
    private volatile CatalogSearch search;

    private Catalog(String version, Map<String, Department> departments, Map<String, LifeEvent> lifeEvents,
                    Map<String, MaterialType> materials, Map<String, FieldDefinition> fields,
                    Map<String, Question> questions, Map<String, ServiceItem> items, Map<String, Theme> themes) {
        this.version = version;
        this.departments = departments;
        this.lifeEvents = lifeEvents;
        this.materials = materials;
        this.fields = fields;
        this.questions = questions;
        this.items = items;
        this.themes = themes;
    }

    /**
     * Builds a catalog, checking that codes are unique and every reference resolves.
     *
     * @throws CatalogException listing every problem found
     */
    public static Catalog of(String version, List<Department> departments, List<LifeEvent> lifeEvents,
                             List<MaterialType> materials, List<FieldDefinition> fields, List<Question> questions,
                             List<ServiceItem> items, List<Theme> themes) {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) {
            problems.add("catalogVersion: missing");
        }
        Catalog c = new Catalog(version,
                index("departments", departments, Department::code, problems),
                index("lifeEvents", lifeEvents, LifeEvent::code, problems),
                index("materials", materials, MaterialType::code, problems),
                index("fields", fields, FieldDefinition::id, problems),
                index("questions", questions, Question::id, problems),
                index("services", items, ServiceItem::code, problems),
                index("themes", themes, Theme::code, problems));
        c.checkReferences(problems);
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return c;
    }

    private static <T> Map<String, T> index(String what, List<T> list, Function<T, String> code, List<String> problems) {
        Map<String, T> m = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            T t = list.get(i);
            String k = code.apply(t);
            if (m.putIfAbsent(k, t) != null) {
                problems.add(what + "[" + i + "]: code " + k + " is used twice");
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private void checkReferences(List<String> problems) {
        for (Question q : questions.values()) {
            String at = "questions " + q.id();
            checkCondition(at + " askWhen", q.askWhen(), null, problems);
            q.field().ifPresent(f -> {
                FieldDefinition d = fields.get(f);
                if (d == null) {
                    problems.add(at + ": unknown field " + f);
                } else if (!d.options().isEmpty()) {
                    q.options().stream().filter(o -> d.option(o.value()).isEmpty()).forEach(o ->
                            problems.add(at + ": answer " + o.value() + " is not an option of field " + f));
                }
            });
        }
        for (FieldDefinition f : fields.values()) {
            f.prefill().map(PrefillSource::licenceKind); // throws early for an unknown licence kind
        }
        for (ServiceItem it : items.values()) {
            String at = "services " + it.code();
            if (!departments.containsKey(it.department())) {
                problems.add(at + ": unknown department " + it.department());
            }
            Set<String> asked = new HashSet<>(it.questions());
            for (String q : it.questions()) {
                if (!questions.containsKey(q)) {
                    problems.add(at + ": unknown question " + q);
                }
            }
            for (MaterialRequirement m : it.materials()) {
                if (!materials.containsKey(m.material())) {
                    problems.add(at + ": unknown material " + m.material());
                }
                checkCondition(at + " material " + m.material(), m.when(), asked, problems);
            }
            for (FieldRequirement f : it.fields()) {
                if (!fields.containsKey(f.field())) {
                    problems.add(at + ": unknown field " + f.field());
                }
                checkCondition(at + " field " + f.field(), f.when(), asked, problems);
            }
            for (String p : it.produces()) {
                if (!materials.containsKey(p)) {
                    problems.add(at + ": produces unknown material " + p);
                }
            }
            for (String e : it.lifeEvents()) {
                if (!lifeEvents.containsKey(e)) {
                    problems.add(at + ": unknown life event " + e);
                }
            }
        }
        for (Theme t : themes.values()) {
            String at = "themes " + t.code();
            Set<String> asked = new HashSet<>(t.questions());
            for (String q : t.questions()) {
                if (!questions.containsKey(q)) {
                    problems.add(at + ": unknown question " + q);
                }
            }
            for (Theme.ThemeItem ti : t.items()) {
                ServiceItem it = items.get(ti.item());
                if (it == null) {
                    problems.add(at + ": unknown item " + ti.item());
                } else {
                    checkCondition(at + " item " + ti.item(), ti.when(), asked, problems);
                }
            }
            for (String e : t.lifeEvents()) {
                if (!lifeEvents.containsKey(e)) {
                    problems.add(at + ": unknown life event " + e);
                }
            }
        }
    }

    /** The condition's questions exist, are asked in scope (when a scope is given) and its values are options. */
    private void checkCondition(String at, Condition c, Set<String> scope, List<String> problems) {
        c.requires().forEach((q, values) -> {
            Question question = questions.get(q);
            if (question == null) {
                problems.add(at + ": condition on unknown question " + q);
                return;
            }
            if (scope != null && !scope.contains(q)) {
                problems.add(at + ": condition on question " + q + " that is not asked here");
            }
            for (String v : values) {
                if (!question.hasOption(v)) {
                    problems.add(at + ": " + v + " is not an answer to " + q);
                }
            }
        });
    }

    /** The sample catalog shipped with the kiosk (used until the first download, and in tests). */
    public static Catalog sample() {
        try (InputStream in = Catalog.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("sample catalog resource is missing");
            }
            return CatalogReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample catalog", e);
        }
    }

    public String version() {
        return version;
    }

    public List<ServiceItem> items() {
        return List.copyOf(items.values());
    }

    public Optional<ServiceItem> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    /** An item that must exist. @throws IllegalArgumentException otherwise */
    public ServiceItem requireItem(String code) {
        return item(code).orElseThrow(() -> new IllegalArgumentException("no item " + code + " in the catalog"));
    }

    public List<Theme> themes() {
        return List.copyOf(themes.values());
    }

    public Optional<Theme> theme(String code) {
        return Optional.ofNullable(themes.get(code));
    }

    public List<Department> departments() {
        return List.copyOf(departments.values());
    }

    public Department department(String code) {
        return departments.get(code);
    }

    public List<LifeEvent> lifeEvents() {
        return List.copyOf(lifeEvents.values());
    }

    public Map<String, MaterialType> materials() {
        return materials;
    }

    public MaterialType material(String code) {
        return materials.get(code);
    }

    public Map<String, FieldDefinition> fields() {
        return fields;
    }

    public FieldDefinition field(String id) {
        return fields.get(id);
    }

    public Map<String, Question> questions() {
        return questions;
    }

    public Question question(String id) {
        return questions.get(id);
    }

    /** Items of a group, most applied-for first. */
    public List<ServiceItem> byGroup(ServiceGroup group) {
        return items.values().stream().filter(i -> i.group() == group).sorted(BY_POPULARITY).toList();
    }

    /** Items a department handles, most applied-for first. */
    public List<ServiceItem> byDepartment(String departmentCode) {
        return items.values().stream().filter(i -> i.department().equals(departmentCode)).sorted(BY_POPULARITY).toList();
    }

    /** Items tagged with a life event, most applied-for first. */
    public List<ServiceItem> byLifeEvent(String lifeEventCode) {
        return items.values().stream().filter(i -> i.lifeEvents().contains(lifeEventCode)).sorted(BY_POPULARITY).toList();
    }

    /** Themes tagged with a life event. */
    public List<Theme> themesByLifeEvent(String lifeEventCode) {
        return themes.values().stream().filter(t -> t.lifeEvents().contains(lifeEventCode)).toList();
    }

    /** Departments that handle at least one item of the group, in catalog order (the browse tree). */
    public List<Department> departmentsOf(ServiceGroup group) {
        Set<String> used = new HashSet<>();
        items.values().stream().filter(i -> i.group() == group).forEach(i -> used.add(i.department()));
        return departments.values().stream().filter(d -> used.contains(d.code())).toList();
    }

    /**
     * Finds items and themes by Chinese name, full pinyin, pinyin initials, or keyword
     * ({@code 居住证}, {@code juzhuzheng}, {@code jzz}, {@code 开店}); several words separated by
     * spaces must all match. Best first.
     */
    public List<SearchHit> search(String query, int limit) {
        return index().search(query, limit);
    }

    /** The search index, built on first use. */
    public CatalogSearch index() {
        CatalogSearch s = search;
        if (s == null) {
            synchronized (this) {
                s = search;
                if (s == null) {
                    s = new CatalogSearch(this, io.dianxiaoer.core.pinyin.PinyinDictionary.standard());
                    search = s;
                }
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "Catalog[" + version + ", " + items.size() + " items, " + themes.size() + " themes]";
    }
}

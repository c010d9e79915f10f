package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.form.Choice;
import io.dianxiaoer.core.form.DateRule;
import io.dianxiaoer.core.form.FieldDefinition;
import io.dianxiaoer.core.form.FieldType;
import io.dianxiaoer.core.form.PrefillSource;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.json.Json;
import io.dianxiaoer.core.json.JsonException;
import io.dianxiaoer.core.json.JsonValue;
import io.dianxiaoer.core.json.JsonValue.JsonObject;
import io.dianxiaoer.core.json.JsonValue.JsonString;
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
import java.util.function.Function;

/**
 * Reads the catalog document (the JSON the intake API serves at {@code /v1/catalog}, and the
 * bundled sample) into a {@link Catalog}. The format is described in docs/catalog-format.md.
 *
 * <p>Why a reader of our own: kiosk-core may have no runtime dependencies, and the catalog must
 * be readable by the core itself (the kiosk downloads it as bytes and keeps the last good copy).
 * The small strict {@link Json} parser plus this mapping is a few hundred lines and gives error
 * messages that name the exact place in the document.
 *
 * <p>Every problem is collected before giving up, so one failed download reports everything that
 * is wrong with it. Stateless and thread-safe.
 */
public final class CatalogReader {

    private CatalogReader() {
    }

    /**
     * @throws CatalogException listing every problem, when the text is not JSON, not of the
     *                          catalog's shape, or refers to things it does not define
     */
    public static Catalog read(String json) {
        JsonObject root;
        try {
            root = Json.parse(json).asObject();
        } catch (JsonException e) {
            throw new CatalogException(List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        String version = guard(problems, () -> root.string("catalogVersion"));
        List<Department> departments = each(root, "departments", problems,
                v -> new Department(code(v.asObject(), "code"), text(v.asObject(), "name")));
        List<LifeEvent> events = each(root, "lifeEvents", problems,
                v -> new LifeEvent(code(v.asObject(), "code"), text(v.asObject(), "name")));
        List<MaterialType> materials = each(root, "materials", problems, CatalogReader::material);
        List<FieldDefinition> fields = each(root, "fields", problems, CatalogReader::field);
        List<Question> questions = each(root, "questions", problems, CatalogReader::question);
        List<ServiceItem> items = each(root, "services", problems, CatalogReader::item);
        List<Theme> themes = each(root, "themes", problems, CatalogReader::theme);
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return Catalog.of(version, departments, events, materials, fields, questions, items, themes);
    }

    private interface Step<T> {
        T run();
    }

    private static <T> T guard(List<String> problems, Step<T> step) {
        try {
            return step.run();
        } catch (JsonException | IllegalArgumentException | NullPointerException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static <T> List<T> each(JsonObject root, String key, List<String> problems, Function<JsonValue, T> mapper) {
        List<T> out = new ArrayList<>();
        Optional<JsonValue> arr = root.opt(key);
        if (arr.isEmpty()) {
            return out;
        }
        List<JsonValue> elements;
        try {
            elements = arr.get().asArray().elements();
        } catch (JsonException e) {
            problems.add(e.getMessage());
            return out;
        }
        for (JsonValue v : elements) {
            try {
                out.add(mapper.apply(v));
            } catch (JsonException e) {
                problems.add(e.getMessage());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(v.path() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String code(JsonObject o, String key) {
        String s = o.string(key);
        if (s.isBlank() || !s.equals(s.strip())) {
            throw new JsonException(o.path() + "." + key + ": a code may not be blank or padded");
        }
        return s;
    }

    static LocalizedText text(JsonValue v) {
        JsonObject o = v.asObject();
        String zh = o.string("zh");
        String en = o.string("en");
        if (zh.isBlank() || en.isBlank()) {
            throw new JsonException(o.path() + ": both zh and en must be written");
        }
        return LocalizedText.of(zh, en);
    }

    private static LocalizedText text(JsonObject o, String key) {
        return text(o.get(key));
    }

    private static Optional<LocalizedText> optText(JsonObject o, String key) {
        return o.opt(key).map(CatalogReader::text);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonValue v) {
        String s = v.asString();
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw new JsonException(v.path() + ": " + s + " is not one of " + names);
        }
    }

    private static Condition condition(JsonObject o, String key) {
        Optional<JsonValue> v = o.opt(key);
        if (v.isEmpty()) {
            return Condition.ALWAYS;
        }
        Map<String, Set<String>> req = new LinkedHashMap<>();
        v.get().asObject().members().forEach((q, values) -> {
            List<String> list = values.asArray().map(JsonValue::asString);
            if (list.isEmpty()) {
                throw new JsonException(values.path() + ": list at least one answer");
            }
            req.put(q, new LinkedHashSet<>(list));
        });
        return new Condition(req);
    }

    private static List<Choice> choices(JsonObject o, String key) {
        return o.list(key, v -> new Choice(code(v.asObject(), "value"), text(v.asObject(), "label")));
    }

    private static MaterialType material(JsonValue v) {
        JsonObject o = v.asObject();
        Optional<Exemption> ex = o.opt("exemption").map(e -> new Exemption(
                enumOf(Exemption.Basis.class, e.asObject().get("basis")), text(e.asObject(), "source")));
        return new MaterialType(code(o, "code"), text(o, "name"), enumOf(MaterialType.Kind.class, o.get("kind")), ex,
                o.opt("minPages").map(JsonValue::asInt).orElse(1), o.bool("dated", false), optText(o, "note"));
    }

    private static FieldDefinition field(JsonValue v) {
        JsonObject o = v.asObject();
        return new FieldDefinition(code(o, "id"), text(o, "label"), enumOf(FieldType.class, o.get("type")),
                o.string("section"), optText(o, "help"),
                o.opt("minLength").map(JsonValue::asInt).orElse(0), o.opt("maxLength").map(JsonValue::asInt).orElse(0),
                o.opt("min").map(JsonValue::asNumber), o.opt("max").map(JsonValue::asNumber), choices(o, "options"),
                o.opt("dateRule").map(d -> enumOf(DateRule.class, d)).orElse(DateRule.ANY),
                o.optString("prefill").map(PrefillSource::new), o.bool("locked", false), optText(o, "suppliedBy"),
                optText(o, "unit"));
    }

    private static Question question(JsonValue v) {
        JsonObject o = v.asObject();
        List<Choice> options = o.opt("options").isPresent() ? choices(o, "options") : Question.YES_NO;
        return new Question(code(o, "id"), text(o, "text"), optText(o, "help"), options, condition(o, "askWhen"),
                o.optString("field"));
    }

    private static ServiceItem item(JsonValue v) {
        JsonObject o = v.asObject();
        Set<ApplicantType> applicants = EnumSet.noneOf(ApplicantType.class);
        o.list("applicants", a -> enumOf(ApplicantType.class, a)).forEach(applicants::add);
        Set<DocumentKind> documents = EnumSet.noneOf(DocumentKind.class);
        if (o.opt("documents").isPresent()) {
            o.list("documents", d -> enumOf(DocumentKind.class, d)).forEach(documents::add);
        } else {
            documents.addAll(EnumSet.allOf(DocumentKind.class));
        }
        List<MaterialRequirement> materials = o.list("materials", m -> {
            if (m instanceof JsonString s) {
                return new MaterialRequirement(s.value(), Condition.ALWAYS, Optional.empty());
            }
            JsonObject mo = m.asObject();
            return new MaterialRequirement(code(mo, "code"), condition(mo, "when"), optText(mo, "note"));
        });
        List<FieldRequirement> fields = o.list("fields", f -> {
            if (f instanceof JsonString s) {
                return new FieldRequirement(s.value(), true, Condition.ALWAYS);
            }
            JsonObject fo = f.asObject();
            return new FieldRequirement(code(fo, "id"), fo.bool("required", true), condition(fo, "when"));
        });
        JsonObject tl = o.get("timeLimit").asObject();
        JsonObject fee = o.get("fee").asObject();
        return new ServiceItem(code(o, "code"), text(o, "name"), enumOf(ServiceGroup.class, o.get("group")),
                o.string("department"), applicants, text(o, "eligibility"), documents, o.strings("questions"),
                materials, fields, o.strings("produces"),
                new TimeLimit(tl.integer("statutory"), tl.integer("promised")),
                new Fee(fee.opt("amount").map(JsonValue::asNumber).orElse(BigDecimal.ZERO), text(fee, "note")),
                o.list("delivery", d -> enumOf(DeliveryOption.class, d)), o.strings("lifeEvents"), o.strings("keywords"),
                o.opt("popularity").map(JsonValue::asInt).orElse(50), text(o, "description"));
    }

    private static Theme theme(JsonValue v) {
        JsonObject o = v.asObject();
        List<Theme.ThemeItem> items = o.list("items", i -> {
            if (i instanceof JsonString s) {
                return new Theme.ThemeItem(s.value(), Condition.ALWAYS);
            }
            JsonObject io = i.asObject();
            return new Theme.ThemeItem(code(io, "code"), condition(io, "when"));
        });
        return new Theme(code(o, "code"), text(o, "name"), text(o, "description"), o.strings("questions"), items,
                o.strings("lifeEvents"), o.strings("keywords"), o.opt("promisedDays").map(JsonValue::asInt).orElse(0));
    }
}

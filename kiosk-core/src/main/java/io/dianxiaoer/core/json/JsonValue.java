package io.dianxiaoer.core.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed JSON value. Every value knows its {@link #path()} in the document, so a reader that
 * maps JSON onto domain records can say exactly where the data is wrong
 * ({@code services[12].fee.amount: expected a number, found a string}). Immutable.
 */
public sealed interface JsonValue {

    /** Where this value sits in its document: {@code $}, {@code $.services[3].code}. */
    String path();

    default String typeName() {
        // Java 17: no pattern matching in switch yet
        if (this instanceof JsonObject) {
            return "an object";
        } else if (this instanceof JsonArray) {
            return "an array";
        } else if (this instanceof JsonString) {
            return "a string";
        } else if (this instanceof JsonNumber) {
            return "a number";
        } else if (this instanceof JsonBool) {
            return "true/false";
        }
        return "null";
    }

    default JsonObject asObject() {
        if (this instanceof JsonObject o) {
            return o;
        }
        throw new JsonException(path() + ": expected an object, found " + typeName());
    }

    default JsonArray asArray() {
        if (this instanceof JsonArray a) {
            return a;
        }
        throw new JsonException(path() + ": expected an array, found " + typeName());
    }

    default String asString() {
        if (this instanceof JsonString s) {
            return s.value();
        }
        throw new JsonException(path() + ": expected a string, found " + typeName());
    }

    default BigDecimal asNumber() {
        if (this instanceof JsonNumber n) {
            return n.value();
        }
        throw new JsonException(path() + ": expected a number, found " + typeName());
    }

    default int asInt() {
        BigDecimal n = asNumber();
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new JsonException(path() + ": expected a whole number, found " + n.toPlainString());
        }
    }

    default boolean asBoolean() {
        if (this instanceof JsonBool b) {
            return b.value();
        }
        throw new JsonException(path() + ": expected true or false, found " + typeName());
    }

    record JsonObject(String path, Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            Objects.requireNonNull(path, "path");
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<JsonValue> opt(String key) {
            JsonValue v = members.get(key);
            return v == null || v instanceof JsonNull ? Optional.empty() : Optional.of(v);
        }

        public JsonValue get(String key) {
            return opt(key).orElseThrow(() -> new JsonException(path + "." + key + ": missing"));
        }

        public String string(String key) {
            return get(key).asString();
        }

        public Optional<String> optString(String key) {
            return opt(key).map(JsonValue::asString);
        }

        public int integer(String key) {
            return get(key).asInt();
        }

        public boolean bool(String key, boolean otherwise) {
            return opt(key).map(JsonValue::asBoolean).orElse(otherwise);
        }

        /** The array under {@code key} mapped element by element; an absent key gives an empty list. */
        public <T> List<T> list(String key, Function<JsonValue, T> mapper) {
            return opt(key).map(v -> v.asArray().map(mapper)).orElse(List.of());
        }

        public List<String> strings(String key) {
            return list(key, JsonValue::asString);
        }
    }

    record JsonArray(String path, List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            Objects.requireNonNull(path, "path");
            elements = List.copyOf(elements);
        }

        public <T> List<T> map(Function<JsonValue, T> mapper) {
            List<T> out = new ArrayList<>(elements.size());
            for (JsonValue e : elements) {
                out.add(mapper.apply(e));
            }
            return List.copyOf(out);
        }
    }

    record JsonString(String path, String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    record JsonNumber(String path, BigDecimal value) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    record JsonBool(String path, boolean value) implements JsonValue {
        public JsonBool {
            Objects.requireNonNull(path, "path");
        }
    }

    record JsonNull(String path) implements JsonValue {
        public JsonNull {
            Objects.requireNonNull(path, "path");
        }
    }
}

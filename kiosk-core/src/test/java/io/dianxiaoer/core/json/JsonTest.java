package io.dianxiaoer.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.json.JsonValue.JsonArray;
import io.dianxiaoer.core.json.JsonValue.JsonBool;
import io.dianxiaoer.core.json.JsonValue.JsonNull;
import io.dianxiaoer.core.json.JsonValue.JsonNumber;
import io.dianxiaoer.core.json.JsonValue.JsonObject;
import io.dianxiaoer.core.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindOfValueWithPaths() {
        JsonObject o = Json.parse("{\"a\": [1, -2.5e3, \"x\\u4e2d\\n\"], \"b\": {\"c\": true, \"d\": null}}").asObject();
        JsonArray a = o.get("a").asArray();
        assertThat(a.elements().get(0).asInt()).isEqualTo(1);
        assertThat(a.elements().get(1).asNumber()).isEqualByComparingTo("-2500");
        assertThat(a.elements().get(2).asString()).isEqualTo("x中\n");
        assertThat(a.elements().get(2).path()).isEqualTo("$.a[2]");
        assertThat(o.get("b").asObject().bool("c", false)).isTrue();
        assertThat(o.get("b").asObject().opt("d")).isEmpty();
    }

    @Test
    void wrongShapesNameTheirPlace() {
        JsonObject o = Json.parse("{\"services\": [{\"code\": 5}]}").asObject();
        JsonObject item = o.get("services").asArray().elements().get(0).asObject();
        assertThatThrownBy(() -> item.string("code")).hasMessage("$.services[0].code: expected a string, found a number");
        assertThatThrownBy(() -> item.string("name")).hasMessage("$.services[0].name: missing");
        assertThatThrownBy(() -> Json.parse("{\"n\": 1.5}").asObject().integer("n")).hasMessageContaining("whole number");
    }

    @Test
    void refusesWhatIsNotStrictJsonWithLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessageContaining("line 1, column 9");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1}\n x")).hasMessageContaining("line 2").hasMessageContaining("after the end");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.parse("[01]")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Json.parse("[1.]")).hasMessageContaining("decimal point");
        assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> Json.parse("// comment\n{}")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("ends where a value");
        assertThatThrownBy(() -> Json.parse("[tru]")).hasMessageContaining("expected true");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageContaining("expected ',' or ']'");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("inside a string");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("deeper than");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(JsonArray.class);
    }

    @Property(tries = 300)
    void writingThenReadingGivesTheSameValue(@ForAll("values") JsonValue v) {
        String text = Json.write(v);
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Property(tries = 500)
    void garbageIsRefusedWithAJsonExceptionNeverAnotherError(@ForAll String garbage) {
        try {
            Json.parse(garbage);
        } catch (JsonException e) {
            assertThat(e.getMessage()).startsWith("JSON line ");
        }
    }

    @Provide
    Arbitrary<JsonValue> values() {
        return value(3);
    }

    private Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (JsonValue) new JsonString("$", s)),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e9"), new BigDecimal("1e9")).ofScale(3)
                        .map(n -> (JsonValue) new JsonNumber("$", n)),
                Arbitraries.of(true, false).map(b -> (JsonValue) new JsonBool("$", b)),
                Arbitraries.just(new JsonNull("$")));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> arr = value(depth - 1).list().ofMaxSize(4).map(l -> (JsonValue) new JsonArray("$", l));
        Arbitrary<JsonValue> obj = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), value(depth - 1)).ofMaxSize(4)
                .map(m -> {
                    Map<String, JsonValue> lm = new LinkedHashMap<>(m);
                    return (JsonValue) new JsonObject("$", lm);
                });
        return Arbitraries.oneOf(leaf, arr, obj);
    }

    @Test
    void quotesControlCharactersOnWrite() {
        assertThat(Json.write(new JsonArray("$", List.of(new JsonString("$", "a\"b\\c\u0001"))))).isEqualTo("[\"a\\\"b\\\\c\\u0001\"]");
    }
}

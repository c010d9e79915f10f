package io.dianxiaoer.core.json;

import io.dianxiaoer.core.json.JsonValue.JsonArray;
import io.dianxiaoer.core.json.JsonValue.JsonBool;
import io.dianxiaoer.core.json.JsonValue.JsonNull;
import io.dianxiaoer.core.json.JsonValue.JsonNumber;
import io.dianxiaoer.core.json.JsonValue.JsonObject;
import io.dianxiaoer.core.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader and writer, so that kiosk-core can read the catalog
 * document the intake serves without any library (the module may have no runtime dependencies).
 *
 * <p>Strict on purpose: the catalog is machine-written, and a document that is not exactly JSON
 * is a bug at the source, better refused with its line and column than half-read. Duplicate keys,
 * trailing commas, comments, leading zeros, raw control characters in strings and anything after
 * the value are errors. Nesting is
 * bounded ({@link #MAX_DEPTH}) so hostile input cannot overflow the stack. Stateless and
 * thread-safe; one parse allocates only its result.
 */
public final class Json {

    public static final int MAX_DEPTH = 64;

    private Json() {
    }

    /** Parses a whole document. @throws JsonException with line and column when it is not JSON */
    public static JsonValue parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        JsonValue v = p.value("$", 0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the end of the document");
        }
        return v;
    }

    /** Compact JSON text of a value (keys in their order). */
    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(JsonValue v, StringBuilder sb) {
        if (v instanceof JsonObject o) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof JsonArray a) {
            sb.append('[');
            for (int i = 0; i < a.elements().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(a.elements().get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof JsonString s) {
            quote(s.value(), sb);
        } else if (v instanceof JsonNumber n) {
            sb.append(n.value().toString());
        } else if (v instanceof JsonBool b) {
            sb.append(b.value());
        } else {
            sb.append("null");
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        JsonException error(String what) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new JsonException("JSON line " + line + ", column " + col + ": " + what);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        JsonValue value(String path, int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (pos >= s.length()) {
                throw error("the document ends where a value was expected");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(path, depth);
                case '[':
                    return array(path, depth);
                case '"':
                    return new JsonString(path, string());
                case 't':
                    literal("true");
                    return new JsonBool(path, true);
                case 'f':
                    literal("false");
                    return new JsonBool(path, false);
                case 'n':
                    literal("null");
                    return new JsonNull(path);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return new JsonNumber(path, number());
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
        }

        JsonObject object(String path, int depth) {
            pos++; // {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return new JsonObject(path, members);
            }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("expected a quoted key");
                }
                int keyAt = pos;
                String key = string();
                if (members.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipSpace();
                expect(':');
                skipSpace();
                members.put(key, value(path + "." + key, depth + 1));
                skipSpace();
                if (pos >= s.length()) {
                    throw error("the document ends inside an object");
                }
                char c = s.charAt(pos++);
                if (c == '}') {
                    return new JsonObject(path, members);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        JsonArray array(String path, int depth) {
            pos++; // [
            List<JsonValue> elements = new ArrayList<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return new JsonArray(path, elements);
            }
            while (true) {
                skipSpace();
                elements.add(value(path + "[" + elements.size() + "]", depth + 1));
                skipSpace();
                if (pos >= s.length()) {
                    throw error("the document ends inside an array");
                }
                char c = s.charAt(pos++);
                if (c == ']') {
                    return new JsonArray(path, elements);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        String string() {
            pos++; // opening quote
            StringBuilder sb = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("the document ends inside a string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                    pos++;
                    return out;
                }
                if (c < 0x20) {
                    throw error("control character in a string (write it as an escape)");
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, pos);
                    pos++;
                    if (pos >= s.length()) {
                        throw error("the document ends inside an escape");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case '/' -> sb.append('/');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("incomplete \\u escape");
                            }
                            int cp = 0;
                            for (int i = 0; i < 4; i++) {
                                int d = Character.digit(s.charAt(pos + i), 16);
                                if (d < 0) {
                                    throw error("bad hex digit in \\u escape");
                                }
                                cp = cp * 16 + d;
                            }
                            pos += 4;
                            sb.append((char) cp);
                        }
                        default -> {
                            pos--;
                            throw error("unknown escape \\" + e);
                        }
                    }
                    start = pos;
                } else {
                    pos++;
                }
            }
        }

        BigDecimal number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            if (pos >= s.length()) {
                throw error("a number needs digits");
            }
            if (s.charAt(pos) == '0') {
                pos++;
                if (pos < s.length() && isDigit(s.charAt(pos))) {
                    throw error("numbers may not have leading zeros");
                }
            } else if (isDigit(s.charAt(pos))) {
                digits();
            } else {
                throw error("a number needs digits");
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                    throw error("a decimal point needs digits after it");
                }
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                    throw error("an exponent needs digits");
                }
                digits();
            }
            String text = s.substring(start, pos);
            if (text.length() > 100) {
                throw error("number too long");
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw error("not a number: " + text);
            }
        }

        private void digits() {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}

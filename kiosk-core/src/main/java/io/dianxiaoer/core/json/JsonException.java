package io.dianxiaoer.core.json;

/**
 * Malformed JSON, or JSON of the wrong shape. The message names the place: a line and column for
 * syntax, a path such as {@code services[3].materials[1]} for shape.
 */
public class JsonException extends RuntimeException {

    public JsonException(String message) {
        super(message);
    }
}

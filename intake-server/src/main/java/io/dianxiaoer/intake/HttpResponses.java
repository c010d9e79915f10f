package io.dianxiaoer.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The JSON mapper and the response shapes shared by every handler, so that each error, wherever
 * it is raised in the pipeline, has the same {@code {"error":{"code":…,"message":…}}} body.
 * Stateless and thread-safe (an {@link ObjectMapper} is safe to share once configured).
 */
final class HttpResponses {

    static final ObjectMapper JSON = new ObjectMapper()
            // A duplicated key is ambiguous ("which queueDepth?"): reject it rather than keep the last one.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "{...} garbage" is malformed, not a valid object followed by noise.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HttpResponses() {
    }

    static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; anything else is a bug.
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(status, body);
    }

    static FullHttpResponse error(ApiException e) {
        FullHttpResponse response = error(e.status(), e.code(), e.getMessage());
        e.headers().forEach(response.headers()::set);
        return response;
    }

    /** 204: RFC 9110 forbids a body and a Content-Length on it. */
    static FullHttpResponse noContent() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
    }
}

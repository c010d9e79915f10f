package io.dianxiaoer.intake;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the intake API's requests and answers them.
 *
 * <p><b>Threading.</b> One instance is shared by every connection ({@link Sharable}); Netty calls
 * it on each connection's event loop. It keeps no per-connection state and never blocks: the
 * work is JSON parsing and a {@link HeartbeatRegistry} lookup. Anything that will block later
 * (database, files) must go to a separate executor, not here.
 *
 * <p>Routing and validation raise {@link ApiException}; this class is the one place that turns
 * it, or an unexpected failure, into the common error body.
 */
@Sharable
final class IntakeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(IntakeHandler.class);

    /** Same rule as the kiosk's receipt numbers: the id is printed into them, so it stays short and plain. */
    private static final Pattern KIOSK_ID = Pattern.compile("[A-Z0-9-]{1,32}");
    private static final Pattern HEARTBEATS = Pattern.compile("/v1/kiosks/([^/]+)/heartbeats");
    private static final Pattern HEARTBEAT = Pattern.compile("/v1/kiosks/([^/]+)/heartbeat");

    private final HeartbeatRegistry heartbeats;
    private final Clock clock;
    private final String version;

    IntakeHandler(HeartbeatRegistry heartbeats, Clock clock, String version) {
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (request.decoderResult().isFailure()) {
            response = HttpResponses.error(decodeFailure(request.decoderResult().cause()));
            // The parser lost its place in the byte stream: the next request on this connection cannot be trusted.
            HttpUtil.setKeepAlive(response, false);
        } else {
            try {
                response = route(request);
            } catch (ApiException e) {
                response = HttpResponses.error(e);
            } catch (RuntimeException e) {
                log.error("{} {} failed", request.method(), request.uri(), e);
                response = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                        "the server failed to handle the request");
            }
        }
        // HttpServerKeepAliveHandler, earlier in the pipeline, closes the connection when the response says so.
        ctx.writeAndFlush(response);
    }

    private static ApiException decodeFailure(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return new ApiException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_too_large",
                    "the request line or headers are too long");
        }
        return ApiException.badRequest("bad_request", "the request is not valid HTTP/1.1");
    }

    private FullHttpResponse route(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/v1/health")) {
            requireMethod(request, GET);
            return health();
        }
        Matcher m = HEARTBEATS.matcher(path);
        if (m.matches()) {
            requireMethod(request, POST);
            return postHeartbeat(kioskId(m.group(1)), request);
        }
        m = HEARTBEAT.matcher(path);
        if (m.matches()) {
            requireMethod(request, GET);
            return getHeartbeat(kioskId(m.group(1)));
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no such resource: " + path);
    }

    private FullHttpResponse health() {
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("status", "UP")
                .put("version", version)
                .put("time", Instant.now(clock).toString());
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    private FullHttpResponse postHeartbeat(String kioskId, FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mime)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be sent as Content-Type: application/json");
        }
        Heartbeat heartbeat = Heartbeat.fromJson(readJson(request));
        heartbeats.record(kioskId, heartbeat, Instant.now(clock));
        return HttpResponses.noContent();
    }

    private FullHttpResponse getHeartbeat(String kioskId) {
        HeartbeatRegistry.Received received = heartbeats.latest(kioskId)
                .orElseThrow(() -> new ApiException(HttpResponseStatus.NOT_FOUND, "not_found",
                        "no heartbeat received from kiosk " + kioskId));
        ObjectNode body = received.heartbeat().writeTo(HttpResponses.JSON.createObjectNode())
                .put("receivedAt", received.receivedAt().toString());
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    private static JsonNode readJson(FullHttpRequest request) {
        // The aggregator has already capped the body at 64 KiB, so parsing it here on the event loop is cheap.
        try (InputStream in = new ByteBufInputStream(request.content())) {
            JsonNode root = HttpResponses.JSON.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the body is empty; a JSON object is expected");
            }
            return root;
        } catch (JacksonException e) {
            // Jackson's own message quotes the offending input back; the position is enough to fix a client.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON" + where);
        } catch (IOException e) {
            // Reading an in-memory buffer does not fail with I/O errors.
            throw new IllegalStateException(e);
        }
    }

    private static void requireMethod(FullHttpRequest request, HttpMethod allowed) {
        if (!request.method().equals(allowed)) {
            throw ApiException.methodNotAllowed(request.method(), allowed);
        }
    }

    private static String kioskId(String raw) {
        if (!KIOSK_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("invalid_kiosk_id",
                    "a kiosk id is 1 to 32 characters of A-Z, 0-9 and '-'");
        }
        return raw;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only transport failures get here (a reset connection, a TLS error later): there is nobody left to answer.
        if (cause instanceof IOException) {
            log.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}

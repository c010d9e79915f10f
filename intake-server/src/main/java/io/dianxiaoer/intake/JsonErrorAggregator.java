package io.dianxiaoer.intake;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * {@link HttpObjectAggregator} whose own refusals (413 body too large, 417 unsupported
 * {@code Expect}) carry the API's JSON error body instead of Netty's empty one.
 *
 * <p>A refused {@code Expect: 100-continue} closes the connection: the client may or may not send
 * the body after a final response, so the next bytes on that connection cannot be trusted to
 * start a new request.
 *
 * <p>Runs on the channel's event loop like any handler; not shareable (it aggregates per connection).
 */
final class JsonErrorAggregator extends HttpObjectAggregator {

    JsonErrorAggregator(int maxContentLength) {
        super(maxContentLength, true);
    }

    /** Each route has its own limit ({@link IntakeHandler#bodyLimit}); the constructor's is the largest of them. */
    private static int limitFor(HttpMessage start, int fallback) {
        return start instanceof HttpRequest request ? Math.min(fallback, IntakeHandler.bodyLimit(request.uri())) : fallback;
    }

    private int lastLimit;

    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        lastLimit = limitFor(start, maxContentLength);
        return super.isContentLengthInvalid(start, lastLimit);
    }

    /**
     * A body announced (Content-Length) or found to be over the limit. Mirrors the rule of Netty
     * 4.1's own implementation: when the rest of the body cannot be skipped reliably (it is already
     * partly read, or reading is paused) or the client does not want to keep the connection, answer
     * and close; otherwise answer and let the aggregator discard the rest of the body.
     */
    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || !ctx.channel().config().isAutoRead()
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        FullHttpResponse response = tooLarge();
        if (close) {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** The answer to {@code Expect: 100-continue}: Netty decides, we give its refusals our body. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        lastLimit = limitFor(start, maxContentLength);
        Object decision = super.newContinueResponse(start, lastLimit, pipeline);
        if (!(decision instanceof HttpResponse)) {
            return decision; // no expectation: nothing to answer yet
        }
        int status = ((HttpResponse) decision).status().code();
        FullHttpResponse ours;
        if (status == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ours = tooLarge();
        } else if (status == HttpResponseStatus.EXPECTATION_FAILED.code()) {
            ours = HttpResponses.error(HttpResponseStatus.EXPECTATION_FAILED, "expectation_failed",
                    "only Expect: 100-continue is supported");
        } else {
            return decision; // 100 Continue
        }
        ReferenceCountUtil.release(decision);
        // The aggregator closes after a refusal (see the class comment); say so, as HTTP/1.1 asks.
        HttpUtil.setKeepAlive(ours, false);
        return ours;
    }

    private FullHttpResponse tooLarge() {
        return HttpResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "the body is larger than " + (lastLimit > 0 ? lastLimit : maxContentLength()) + " bytes");
    }
}

package io.dianxiaoer.sync;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kiosk's HTTP/1.1 client to the intake, on Netty: a small pool of keep-alive connections
 * (at most {@code maxConnections}, which is also the bound on parallel requests), mutual TLS
 * with a pinned CA (only the configured kiosk CA is trusted, hostnames are verified) and the
 * kiosk's client certificate. Plain HTTP is refused unless the intake is on a loopback address.
 *
 * <p><b>Threading and blocking.</b> Thread-safe. {@link #send} <em>blocks</em> the calling thread
 * until the whole response has arrived or the response timeout has passed (then the connection is
 * closed, so a late answer cannot be mistaken for the next one). I/O runs on one Netty event loop
 * ({@code intake-client}); call {@code send} from worker threads, never from that loop.
 *
 * <p><b>Lifecycle.</b> Construct, use, {@link #close()} (closes connections, stops the loop).
 */
public final class IntakeClient implements AutoCloseable {

    /** A request: path relative to the base URI, extra headers, an optional body. */
    public record Request(HttpMethod method, String path, Map<String, String> headers, byte[] body, String contentType) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        static Request get(String path, Map<String, String> headers) {
            return new Request(HttpMethod.GET, path, headers, null, null);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A complete response. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String header(CharSequence name) {
            return headers.get(name);
        }

        /** The {@code error.code} of an error body, or "" when there is none. */
        public String errorCode() {
            try {
                return Outbox.JSON.readTree(body).at("/error/code").asText("");
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public String toString() {
            return "Response[" + status + "]";
        }
    }

    private static final AttributeKey<CompletableFuture<Response>> PENDING = AttributeKey.valueOf("dxe.pending");
    private static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    private final URI base;
    private final String host;
    private final int port;
    private final SslContext ssl;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Semaphore permits;
    private final Deque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param base {@code https://host:port} (or {@code http://127.0.0.1:port} for loopback development)
     * @param tls the kiosk's key material; required for https, must be null for http
     */
    public IntakeClient(URI base, TlsFiles tls, int maxConnections, Duration connectTimeout, Duration responseTimeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.host = base.getHost();
        boolean https = "https".equals(base.getScheme());
        if (!https && !"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("intake URL must be https:// (or http:// on loopback), got " + base);
        }
        this.port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        if (!https && !isLoopback(host)) {
            throw new IllegalArgumentException("plain HTTP is only allowed to a loopback address, not " + host
                    + ": configure the intake's https URL and the TLS files");
        }
        if (https && tls == null) {
            throw new IllegalArgumentException("an https intake needs the CA and the kiosk's client certificate");
        }
        this.ssl = https ? clientSsl(tls) : null;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.permits = new Semaphore(maxConnections, true);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("intake-client", true));
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            SslHandler handler = ssl.newHandler(ch.alloc(), host, port);
                            SSLEngine engine = handler.engine();
                            SSLParameters params = engine.getSSLParameters();
                            params.setEndpointIdentificationAlgorithm("HTTPS");
                            engine.setSSLParameters(params);
                            handler.setHandshakeTimeoutMillis(connectTimeout.toMillis());
                            ch.pipeline().addLast("tls", handler);
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                        ch.pipeline().addLast("response", new ResponseHandler());
                    }
                });
    }

    /** The kiosk's TLS files: the pinned CA (trust store) and its own key and certificate (key store), both PKCS#12. */
    public record TlsFiles(Path trustStore, char[] trustStorePassword, Path keyStore, char[] keyStorePassword) {
        @Override
        public String toString() {
            return "TlsFiles[trust=" + trustStore + ", key=" + keyStore + "]";
        }
    }

    static SslContext clientSsl(TlsFiles tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(tls.trustStore(), tls.trustStorePassword()));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(tls.keyStore(), tls.keyStorePassword()), tls.keyStorePassword());
            // Only the configured CA: the system's public CAs are not trusted for the intake.
            return SslContextBuilder.forClient().trustManager(tmf).keyManager(kmf).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the kiosk's TLS files: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public URI base() {
        return base;
    }

    /** Connections opened so far (a measure of retry pressure while the intake is down). */
    public long connectAttempts() {
        return connects.get();
    }

    public long requestsSent() {
        return requests.get();
    }

    /**
     * Sends {@code request} and waits for the complete response.
     *
     * @throws IOException when the connection cannot be made, breaks, or the response does not arrive in time
     */
    public Response send(Request request) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("intake client is closed");
        }
        long deadline = System.nanoTime() + responseTimeout.toNanos();
        if (!permits.tryAcquire(responseTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("no connection to the intake free within " + responseTimeout.toSeconds() + " s");
        }
        Channel ch = null;
        boolean reusable = false;
        try {
            ch = acquire();
            CompletableFuture<Response> promise = new CompletableFuture<>();
            ch.attr(PENDING).set(promise);
            requests.incrementAndGet();
            ch.writeAndFlush(toNetty(request)).addListener(f -> {
                if (!f.isSuccess()) {
                    promise.completeExceptionally(new IOException("cannot send to the intake: " + f.cause(), f.cause()));
                }
            });
            long left = Math.max(1, deadline - System.nanoTime());
            Response response;
            try {
                response = promise.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no complete answer from the intake within " + responseTimeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
            }
            reusable = ch.isActive() && HttpUtil.isKeepAlive(responseHeadersOnly(response));
            return response;
        } finally {
            if (ch != null) {
                ch.attr(PENDING).set(null);
                if (reusable && !closed) {
                    idle.push(ch);
                } else {
                    ch.close();
                }
            }
            permits.release();
        }
    }

    private static io.netty.handler.codec.http.HttpResponse responseHeadersOnly(Response r) {
        io.netty.handler.codec.http.DefaultHttpResponse h = new io.netty.handler.codec.http.DefaultHttpResponse(
                HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.valueOf(r.status()));
        h.headers().set(r.headers());
        return h;
    }

    private Channel acquire() throws IOException, InterruptedException {
        Channel ch;
        while ((ch = idle.poll()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        connects.incrementAndGet();
        ChannelFuture connect = bootstrap.connect(host, port);
        if (!connect.await(connectTimeout.toMillis() + 1000)) {
            connect.channel().close();
            throw new IOException("cannot connect to the intake at " + host + ":" + port + " within "
                    + connectTimeout.toSeconds() + " s");
        }
        if (!connect.isSuccess()) {
            throw new IOException("cannot connect to the intake at " + host + ":" + port + ": " + connect.cause().getMessage(),
                    connect.cause());
        }
        ch = connect.channel();
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null) {
            var handshake = tls.handshakeFuture();
            if (!handshake.await(connectTimeout.toMillis() + 1000) || !handshake.isSuccess()) {
                ch.close();
                Throwable cause = handshake.cause();
                throw new IOException("TLS handshake with the intake failed: " + (cause == null ? "timeout" : cause.getMessage()),
                        cause);
            }
        }
        return ch;
    }

    private FullHttpRequest toNetty(Request r) {
        String uri = base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/")
                ? r.path() : base.getRawPath().replaceAll("/$", "") + r.path();
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, r.method(), uri,
                r.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        req.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body() == null ? 0 : r.body().length);
        if (r.contentType() != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        r.headers().forEach(req.headers()::set);
        return req;
    }

    /** Completes the pending request of its channel; anything that ends the connection fails it. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            CompletableFuture<Response> p = ctx.channel().attr(PENDING).get();
            if (p == null) {
                // An answer nobody waits for (after a timeout): the connection is out of step, drop it.
                ctx.close();
                return;
            }
            p.complete(new Response(msg.status().code(), msg.headers().copy(), ByteBufUtil.getBytes(msg.content())));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<Response> p = ctx.channel().attr(PENDING).get();
            if (p != null) {
                p.completeExceptionally(new IOException("the intake closed the connection"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<Response> p = ctx.channel().attr(PENDING).get();
            if (p != null) {
                p.completeExceptionally(cause instanceof IOException ? cause : new IOException(cause.toString(), cause));
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        Channel ch;
        while ((ch = idle.poll()) != null) {
            ch.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

package io.dianxiaoer.intake;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference central intake API, over plain HTTP/1.1 on Netty. For now it answers
 * {@code GET /v1/health} and keeps the latest kiosk heartbeat in memory
 * ({@code POST /v1/kiosks/{id}/heartbeats}, {@code GET /v1/kiosks/{id}/heartbeat}). Every error
 * has the body {@code {"error":{"code":"…","message":"…"}}}; request bodies are capped at
 * {@value #MAX_BODY_BYTES} bytes.
 *
 * <p><b>Threading.</b> One acceptor thread and Netty's default pool of event-loop threads; every
 * request is handled on its connection's event loop and handlers never block. {@link #start} and
 * {@link #close} block until the socket is bound or released: call them from an ordinary thread,
 * never from an event loop. The methods of this class are thread-safe.
 *
 * <p><b>Lifecycle.</b> new → {@link #start} (once) → {@link #close} (idempotent). Binds to
 * 127.0.0.1 unless given another address: the server has no authentication or TLS yet, so
 * exposing it is a deliberate choice of the caller.
 */
public final class IntakeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);

    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_PORT = 8080;

    private final IntakeHandler handler;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private boolean closed;

    /** A server reporting this build's version and the system clock. */
    public IntakeServer() {
        this(Clock.systemUTC(), buildVersion());
    }

    /** A server with the given clock (for heartbeat {@code receivedAt} and health {@code time}) and reported version. */
    public IntakeServer(Clock clock, String version) {
        this.handler = new IntakeHandler(new HeartbeatRegistry(), clock, version);
    }

    /** Binds 127.0.0.1 on {@code port}; 0 picks a free port, see {@link #port()}. */
    public IntakeServer start(int port) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Binds {@code address} and starts serving; returns once the socket is bound.
     *
     * @throws IOException if the address cannot be bound (port in use, no such interface)
     * @throws IllegalStateException if already started or closed
     */
    public synchronized IntakeServer start(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        if (closed || serverChannel != null) {
            throw new IllegalStateException(closed ? "intake server is closed" : "intake server is already started");
        }
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("intake-accept"));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("intake-io"));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("http", new HttpServerCodec());
                        // Before the aggregator, so that its 413 answers are counted and closed correctly too.
                        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
                        p.addLast("aggregate", new JsonErrorAggregator(MAX_BODY_BYTES));
                        p.addLast("api", handler);
                    }
                });
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdownGroups();
            Throwable cause = bind.cause();
            throw cause instanceof IOException io ? io : new IOException("cannot bind " + address, cause);
        }
        serverChannel = bind.channel();
        log.info("intake server listening on {}", serverChannel.localAddress());
        return this;
    }

    /** The bound port, useful after {@code start(0)}. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("intake server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes open connections, and waits (a few seconds at most) for the threads to end. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            log.info("intake server on {} closed", serverChannel.localAddress());
        }
        shutdownGroups();
    }

    private void shutdownGroups() {
        // No quiet period: nothing is in flight that a client would miss, and tests restart servers often.
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, workers}) {
            if (group != null) {
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }

    /** The version Maven wrote into the jar, or {@code dev} when running from compiled classes. */
    static String buildVersion() {
        try (InputStream in = IntakeServer.class.getResourceAsStream(
                "/META-INF/maven/io.dianxiaoer/intake-server/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            log.warn("cannot read the build version", e);
        }
        return "dev";
    }

    /** {@code [--port N]}; no arguments means {@value #DEFAULT_PORT}. */
    static int parsePort(String... args) {
        if (args.length == 0) {
            return DEFAULT_PORT;
        }
        if (args.length != 2 || !args[0].equals("--port")) {
            throw new IllegalArgumentException("usage: IntakeServer [--port N]");
        }
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number from 0 to 65535, got \"" + args[1] + "\"");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port needs a number from 0 to 65535, got " + port);
        }
        return port;
    }

    /** Runs the server on 127.0.0.1 until the process is stopped (SIGTERM/Ctrl-C close it cleanly). */
    public static void main(String[] args) throws IOException {
        int port;
        try {
            port = parsePort(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        IntakeServer server = new IntakeServer().start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "intake-shutdown"));
        // stdout, not the log: the module ships no logging backend, and with port 0 this is how the caller learns the port.
        System.out.println("intake server listening on http://127.0.0.1:" + server.port());
        Channel channel;
        synchronized (server) {
            channel = server.serverChannel;
        }
        channel.closeFuture().awaitUninterruptibly();
    }
}

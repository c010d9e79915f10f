package io.dianxiaoer.intake;

import io.dianxiaoer.core.wire.KioskId;
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
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference central intake API (see {@code intake-api.yaml}) on Netty: resumable attachment
 * uploads, idempotent submissions with acceptance numbers (受理号), catalog and kiosk configuration
 * with ETags, heartbeats, ratings and identity verification. Stores into embedded SQLite by
 * default and PostgreSQL when configured ({@link Database}). With TLS it requires kiosks' client
 * certificates (mutual TLS); plain HTTP is refused anywhere but loopback. Every error has the body
 * {@code {"error":{"code":"…","message":"…"}}}.
 *
 * <p><b>Threading.</b> One acceptor thread, Netty's event loops for I/O, and a blocking executor
 * group ({@value #BLOCKING_THREADS} threads) on which the API handler runs, because it waits for
 * the database. {@link #start} and {@link #close} block until the socket is bound or released:
 * call them from an ordinary thread, never from an event loop. The methods are thread-safe.
 *
 * <p><b>Lifecycle.</b> new → {@link #start} (once) → {@link #close} (idempotent). Without a
 * database URL the server uses a SQLite file in a temporary directory that {@link #close} removes.
 */
public final class IntakeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);

    /** The body limit of JSON requests (heartbeats, submissions, ratings). */
    public static final int MAX_BODY_BYTES = IntakeHandler.MAX_JSON_BYTES;
    public static final int DEFAULT_PORT = IntakeConfig.DEFAULT_PORT;
    static final int BLOCKING_THREADS = 8;

    private final IntakeConfig config;
    private final Clock clock;
    private final String version;
    private Database database;
    private IntakeStore store;
    private Path temporaryDirectory;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private EventExecutorGroup blocking;
    private Channel serverChannel;
    private boolean closed;

    /** A server reporting this build's version and the system clock, on a temporary SQLite file. */
    public IntakeServer() {
        this(Clock.systemUTC(), buildVersion());
    }

    /** A server with the given clock and reported version, on a temporary SQLite file. */
    public IntakeServer(Clock clock, String version) {
        this(IntakeConfig.defaults(), clock, version);
    }

    public IntakeServer(IntakeConfig config, Clock clock, String version) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
    }

    public IntakeServer(IntakeConfig config) {
        this(config, Clock.systemUTC(), buildVersion());
    }

    /** Binds the loopback address on {@code port}; 0 picks a free port, see {@link #port()}. */
    public IntakeServer start(int port) throws IOException {
        return start(new InetSocketAddress(config.bindAddress(), port));
    }

    /** Binds the configured address and port. */
    public IntakeServer start() throws IOException {
        return start(new InetSocketAddress(config.bindAddress(), config.port()));
    }

    /**
     * Opens the database (migrating it), binds {@code address} and starts serving; returns once bound.
     *
     * @throws IOException if the address cannot be bound (port in use, no such interface)
     * @throws IllegalStateException if already started or closed, or the database cannot be opened
     */
    public synchronized IntakeServer start(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        if (closed || serverChannel != null) {
            throw new IllegalStateException(closed ? "intake server is closed" : "intake server is already started");
        }
        if (config.tls() == null && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("plain HTTP is only for loopback development; configure TLS");
        }
        SslContext ssl = config.tls() == null ? null : serverSsl(config.tls());
        String url = config.jdbcUrl();
        if (url == null) {
            temporaryDirectory = Files.createTempDirectory("intake-");
            url = "jdbc:sqlite:" + temporaryDirectory.resolve("intake.db");
        } else if (url.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()).replaceAll("\\?.*", "")).toAbsolutePath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        }
        try {
            database = Database.open(url, config.dbUser(), config.dbPassword(), url.startsWith("jdbc:sqlite:") ? 4 : BLOCKING_THREADS);
        } catch (RuntimeException e) {
            shutdown(); // removes the temporary directory, if any
            throw e;
        }
        store = new IntakeStore(database, clock, config.inFlightLease());
        IntakeHandler handler = new IntakeHandler(store, new Documents(config.catalogFile(), config.configFile()),
                new IdentityVerifier(), clock, version, config.maxAttachmentBytes());
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("intake-accept"));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("intake-io"));
        blocking = new DefaultEventExecutorGroup(BLOCKING_THREADS, new DefaultThreadFactory("intake-api"));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        // A client that stops sending mid-request holds no thread, but its connection goes after 5 min.
                        p.addLast("idle", new IdleStateHandler(0, 0, 300) {
                            @Override
                            protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx,
                                    io.netty.handler.timeout.IdleStateEvent evt) {
                                ctx.close();
                            }
                        });
                        p.addLast("http", new HttpServerCodec());
                        // Before the aggregator, so that its 413 answers are counted and closed correctly too.
                        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
                        p.addLast("aggregate", new JsonErrorAggregator(IntakeHandler.MAX_FACE_REQUEST_BYTES));
                        p.addLast(blocking, "api", handler);
                    }
                });
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdown();
            Throwable cause = bind.cause();
            throw cause instanceof IOException io ? io : new IOException("cannot bind " + address, cause);
        }
        serverChannel = bind.channel();
        log.info("intake server listening on {} ({})", serverChannel.localAddress(), ssl == null ? "plain HTTP" : "mutual TLS");
        return this;
    }

    static SslContext serverSsl(IntakeConfig.Tls tls) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(loadPkcs12(tls.keyStore(), tls.keyStorePassword()), tls.keyStorePassword());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(loadPkcs12(tls.trustStore(), tls.trustStorePassword()));
            // OPTIONAL, not REQUIRE: a kiosk without a certificate gets the documented 401 JSON error, not a bare
            // handshake failure. A certificate from another CA still fails the handshake.
            return SslContextBuilder.forServer(kmf).trustManager(tmf).clientAuth(ClientAuth.OPTIONAL)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the TLS key or trust store: " + e.getMessage(), e);
        }
    }

    static KeyStore loadPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    /** The bound port, useful after {@code start(0)}. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("intake server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** A read-only view for tests and the back office: what was accepted, with what bytes. */
    public synchronized Inspector inspector() {
        if (store == null) {
            throw new IllegalStateException("intake server is not started");
        }
        return new Inspector(store);
    }

    /** Read access to what the intake stored. Thread-safe; blocks on the database. */
    public static final class Inspector {
        private final IntakeStore store;

        Inspector(IntakeStore store) {
            this.store = store;
        }

        /** Accepted submissions of a kiosk: acceptance number, local receipt, idempotency key, upload ids. */
        public List<Accepted> submissions(KioskId kiosk) {
            return store.submissions(kiosk).stream()
                    .map(s -> new Accepted(s.acceptanceNumber(), s.localReceipt(), s.idempotencyKey(), s.serviceCode(),
                            s.applicantName(), s.applicantIdNumber(), s.fieldsJson(), s.uploadIds()))
                    .toList();
        }

        public byte[] attachment(KioskId kiosk, String uploadId) {
            return store.uploadContent(kiosk, uploadId);
        }

        /** Rows in a table (for tests that check a refused request stored nothing). */
        public long count(String table) {
            if (!table.matches("[a-z_]+")) {
                throw new IllegalArgumentException("table");
            }
            return store.database().inTransaction(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }

        IntakeStore store() {
            return store;
        }

        /** {@code uploadsResumed}, {@code answersReplayed}, {@code inFlightRefused} since start (for harness reports). */
        public java.util.Map<String, Long> counters() {
            return store.counters();
        }

        /** Holds each submission after its key is claimed, until {@code hook} returns (tests of 409). */
        public void beforeProcessing(java.util.function.Consumer<String> hook) {
            store.beforeProcessing(hook);
        }
    }

    /** A submission the intake accepted. Holds personal data: {@link #toString()} shows numbers only. */
    public record Accepted(String acceptanceNumber, String localReceipt, String idempotencyKey, String serviceCode,
            String applicantName, String applicantIdNumber, String fieldsJson, List<String> uploadIds) {
        @Override
        public String toString() {
            return "Accepted[" + acceptanceNumber + ", receipt=" + localReceipt + "]";
        }
    }

    /** Stops accepting, closes open connections, waits (a few seconds at most) for the threads, closes the database. */
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
        shutdown();
    }

    private void shutdown() {
        // No quiet period: nothing is in flight that a client would miss, and tests restart servers often.
        for (EventExecutorGroup group : new EventExecutorGroup[] {acceptor, workers, blocking}) {
            if (group != null) {
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
        if (database != null) {
            database.close();
        }
        if (temporaryDirectory != null) {
            try (Stream<Path> files = Files.walk(temporaryDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                log.warn("cannot remove {}: {}", temporaryDirectory, e.getMessage());
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

    /** Runs the server until the process is stopped (SIGTERM/Ctrl-C close it cleanly). See {@link IntakeConfig#USAGE}. */
    public static void main(String[] args) throws IOException {
        IntakeConfig config;
        try {
            config = IntakeConfig.fromArgs(args, System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        IntakeServer server = new IntakeServer(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "intake-shutdown"));
        // stdout, not the log: with port 0 this is how the caller learns the port.
        System.out.println("intake server listening on " + (config.tls() == null ? "http" : "https") + "://"
                + config.bindAddress().getHostAddress() + ":" + server.port());
        Channel channel;
        synchronized (server) {
            channel = server.serverChannel;
        }
        channel.closeFuture().awaitUninterruptibly();
    }
}

package io.dianxiaoer.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP proxy on 127.0.0.1 between the agent and the intake. Each new connection
 * gets one behaviour, drawn at random while faults are on:
 * {@link Mode#PASS}, {@link Mode#DROP} (closed at once), {@link Mode#RESET_MID_BODY} (RST after a
 * random number of request bytes), {@link Mode#STALL} (forwards a little, then nothing for 30 s),
 * {@link Mode#HTTP_503} (answers 503 itself), {@link Mode#TRICKLE} (forwards in tiny slices with pauses).
 * While {@linkplain #down(boolean) down}, every connection is reset at once (the intake is gone).
 *
 * <p>Threads: one acceptor and two pump threads per connection (blocking sockets). {@link #close} stops all.
 */
final class FaultyProxy implements AutoCloseable {

    enum Mode { PASS, DROP, RESET_MID_BODY, STALL, HTTP_503, TRICKLE }

    private static final Mode[] WEIGHTED = {
        Mode.PASS, Mode.PASS, Mode.PASS, Mode.PASS, Mode.DROP, Mode.RESET_MID_BODY, Mode.RESET_MID_BODY,
        Mode.STALL, Mode.HTTP_503, Mode.HTTP_503, Mode.TRICKLE, Mode.TRICKLE};

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<Mode, AtomicLong> counts = new EnumMap<>(Mode.class);
    private final AtomicLong refusedWhileDown = new AtomicLong();
    private final java.util.Set<Socket> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faulty-proxy-reaper");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean faults;
    private volatile boolean down;
    private volatile long stallMillis = 30_000;

    FaultyProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        for (Mode m : Mode.values()) {
            counts.put(m, new AtomicLong());
        }
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Turns faults on or off; live connections are cut either way, so the new behaviour applies at once. */
    void faults(boolean on) {
        faults = on;
        cutAll();
    }

    /** The intake goes away (every connection is reset, new ones too) or comes back. */
    void down(boolean on) {
        down = on;
        cutAll();
    }

    private void cutAll() {
        for (Socket s : live) {
            reset(s);
        }
        live.clear();
    }

    void stallMillis(long millis) {
        stallMillis = millis;
    }

    Map<Mode, Long> counts() {
        Map<Mode, Long> m = new EnumMap<>(Mode.class);
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    long refusedWhileDown() {
        return refusedWhileDown.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (down) {
                refusedWhileDown.incrementAndGet();
                reset(client);
                continue;
            }
            Mode mode = faults ? WEIGHTED[ThreadLocalRandom.current().nextInt(WEIGHTED.length)] : Mode.PASS;
            counts.get(mode).incrementAndGet();
            threads.execute(() -> handle(client, mode));
        }
    }

    private void handle(Socket client, Mode mode) {
        try {
            switch (mode) {
                case DROP -> client.close();
                case HTTP_503 -> answer503(client);
                default -> {
                    Socket server = new Socket();
                    server.connect(target, 5_000);
                    live.add(client);
                    live.add(server);
                    if (faults) {
                        // Even a good connection does not live long on a flaky link (and keep-alive must cope).
                        reaper.schedule(() -> {
                            reset(client);
                            reset(server);
                        }, ThreadLocalRandom.current().nextLong(500, 4_000), java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                    long limit = mode == Mode.RESET_MID_BODY ? ThreadLocalRandom.current().nextLong(100, 80_000)
                            : mode == Mode.STALL ? ThreadLocalRandom.current().nextLong(0, 40_000) : Long.MAX_VALUE;
                    threads.execute(() -> pump(server, client, mode == Mode.TRICKLE, Long.MAX_VALUE, Mode.PASS));
                    pump(client, server, mode == Mode.TRICKLE, limit, mode);
                }
            }
        } catch (IOException e) {
            reset(client);
        }
    }

    /** Copies {@code from} → {@code to}; after {@code limit} bytes applies the fault of {@code mode}. */
    private void pump(Socket from, Socket to, boolean trickle, long limit, Mode mode) {
        byte[] buf = new byte[trickle ? 512 : 16 * 1024];
        long copied = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int max = trickle ? ThreadLocalRandom.current().nextInt(32, buf.length) : buf.length;
                int n = in.read(buf, 0, (int) Math.min(max, Math.max(1, limit - copied)));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
                copied += n;
                if (trickle) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(2, 15));
                }
                if (copied >= limit) {
                    if (mode == Mode.STALL) {
                        Thread.sleep(stallMillis);
                    }
                    reset(from);
                    reset(to);
                    return;
                }
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            reset(from);
            reset(to);
        }
    }

    private static void answer503(Socket client) throws IOException {
        // Read the request head (and whatever of the body has arrived) so the client sees an answer, not a reset.
        client.setSoTimeout(2_000);
        InputStream in = client.getInputStream();
        byte[] buf = new byte[4096];
        try {
            in.read(buf);
        } catch (IOException ignored) {
            // answer anyway
        }
        byte[] body = "{\"error\":{\"code\":\"unavailable\",\"message\":\"proxy says the intake is unavailable\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        client.close();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST instead of FIN
            s.close();
        } catch (SocketException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
        reaper.shutdownNow();
        threads.shutdownNow();
    }
}

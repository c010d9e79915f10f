package io.dianxiaoer.sim.scanner;

import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.Terminator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QR / barcode scanner in serial emulation, at the wire level, on loopback TCP (bridge a pty to it
 * with {@link io.dianxiaoer.sim.serial.SocatBridge} for a real serial port).
 *
 * <p>{@link #scan} "reads" a code: the scanner sends prefix + code + suffix + terminator, as the
 * configured {@link Config} says. In trigger mode it holds scans until the trigger command arrives
 * (a trigger keeps it reading for {@link #ARMED_MILLIS} ms). It answers the status query with one
 * line starting with the reply prefix. Faults: {@link ScannerFault}.
 *
 * <p>Threads: one acceptor; per connection one reader (commands from the driver) and, under
 * {@link ScannerFault#GARBAGE}, one noise writer. One connection is served at a time (a new one
 * replaces the old, as when the driver reopens the port). Control methods are thread-safe; writes
 * to the link are serialised.
 */
public final class ScannerSimulator implements AutoCloseable {

    /** How the simulated scanner is set up (mirrors a real scanner's programming). */
    public record Config(Terminator terminator, String prefix, String suffix, boolean triggerMode,
                         String triggerCommand, String probeCommand, String probeReply) {
        /** CR LF, no prefix or suffix, presentation mode (no trigger), answers the simulator probe. */
        public static final Config DEFAULT = new Config(Terminator.CR_LF, "", "", false, ScannerSettings.SYN_T_CR,
                ScannerSettings.SIMULATOR_PROBE.command(), "REVINF DXE-SIM 1.0\u0006.");

        public Config {
            Objects.requireNonNull(terminator, "terminator");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(suffix, "suffix");
            Objects.requireNonNull(triggerCommand, "triggerCommand");
            Objects.requireNonNull(probeCommand, "probeCommand");
            Objects.requireNonNull(probeReply, "probeReply");
        }

        public Config withAffixes(String p, String s) {
            return new Config(terminator, p, s, triggerMode, triggerCommand, probeCommand, probeReply);
        }

        public Config withTerminator(Terminator t) {
            return new Config(t, prefix, suffix, triggerMode, triggerCommand, probeCommand, probeReply);
        }

        public Config withTriggerMode(boolean on) {
            return new Config(terminator, prefix, suffix, on, triggerCommand, probeCommand, probeReply);
        }

        byte[] terminatorBytes() {
            return switch (terminator) {
                case CR, ANY_LINE_END -> new byte[] {0x0D};
                case LF -> new byte[] {0x0A};
                case CR_LF -> new byte[] {0x0D, 0x0A};
            };
        }
    }

    /** How long one trigger keeps the scanner reading. */
    public static final long ARMED_MILLIS = 3000;

    private static final Logger log = LoggerFactory.getLogger(ScannerSimulator.class);
    private static final int MAX_QUEUED = 16;

    private final ServerSocket server;
    private final Thread acceptor;
    private final Config config;
    private final Random random = new Random();
    private final AtomicLong codesSent = new AtomicLong();
    private final AtomicLong probesAnswered = new AtomicLong();
    private final AtomicLong triggersSeen = new AtomicLong();
    private volatile boolean closed;

    // guarded by "this"
    private Socket client;
    private OutputStream out;
    private ScannerFault fault = ScannerFault.NONE;
    private long trickleDelayMillis = 60;
    private long armedUntil;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private String lastScanned;

    public ScannerSimulator(int port, Config config) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptLoop, "sim-scanner-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public Config config() {
        return config;
    }

    /** "Reads" a code (UTF-8). Returns false when it is lost (no driver connected, or a fault that drops it). */
    public boolean scan(String text) {
        return scanBytes(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** "Reads" a code of raw bytes (binary QR content, or a different encoding). */
    public boolean scanBytes(byte[] payload) {
        return scanBytes(payload, "(" + payload.length + " bytes)");
    }

    private boolean scanBytes(byte[] payload, String label) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(config.prefix().getBytes(StandardCharsets.ISO_8859_1));
        frame.writeBytes(payload);
        frame.writeBytes(config.suffix().getBytes(StandardCharsets.ISO_8859_1));
        frame.writeBytes(config.terminatorBytes());
        byte[] bytes = frame.toByteArray();
        synchronized (this) {
            lastScanned = label;
            if (config.triggerMode() && System.currentTimeMillis() > armedUntil) {
                if (held.size() >= MAX_QUEUED) {
                    held.removeFirst();
                }
                held.addLast(bytes);
                return true;
            }
        }
        return send(bytes);
    }

    public synchronized void setFault(ScannerFault f) {
        fault = Objects.requireNonNull(f, "fault");
        if (f == ScannerFault.UNPLUGGED) {
            closeClient();
        }
        if (f == ScannerFault.GARBAGE && client != null) {
            startNoise(client);
        }
    }

    public synchronized ScannerFault fault() {
        return fault;
    }

    /** The pause between bytes under {@link ScannerFault#SLOW_TRICKLE}. */
    public synchronized void setTrickleDelayMillis(long ms) {
        if (ms < 0 || ms > 10_000) {
            throw new IllegalArgumentException("trickle delay must be 0..10000 ms");
        }
        trickleDelayMillis = ms;
    }

    public synchronized long trickleDelayMillis() {
        return trickleDelayMillis;
    }

    public synchronized boolean connected() {
        return client != null;
    }

    public synchronized int heldScans() {
        return held.size();
    }

    /** A label of the last scan, for the control page (the text itself, or a byte count). */
    public synchronized String lastScanned() {
        return lastScanned;
    }

    public long codesSent() {
        return codesSent.get();
    }

    public long probesAnswered() {
        return probesAnswered.get();
    }

    public long triggersSeen() {
        return triggersSeen.get();
    }

    private boolean send(byte[] frame) {
        OutputStream o;
        ScannerFault f;
        long trickle;
        synchronized (this) {
            o = out;
            f = fault;
            trickle = trickleDelayMillis;
        }
        if (o == null || f == ScannerFault.SILENT || f == ScannerFault.UNPLUGGED) {
            return false;
        }
        try {
            synchronized (o) {
                switch (f) {
                    case HALF_CODE -> o.write(frame, 0, Math.max(1, (frame.length - config.terminatorBytes().length) / 2));
                    case SLOW_TRICKLE -> {
                        for (byte b : frame) {
                            o.write(b);
                            o.flush();
                            Thread.sleep(trickle);
                        }
                    }
                    default -> o.write(frame);
                }
                o.flush();
            }
            codesSent.incrementAndGet();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    if (fault == ScannerFault.UNPLUGGED) {
                        s.close();
                        continue;
                    }
                    closeClient();
                    s.setTcpNoDelay(true);
                    client = s;
                    out = s.getOutputStream();
                    if (fault == ScannerFault.GARBAGE) {
                        startNoise(s);
                    }
                }
                Thread t = new Thread(() -> readCommands(s), "sim-scanner-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("simulated scanner accept failed: {}", e.getMessage());
                }
            }
        }
    }

    /** Watches what the driver sends for the trigger and the status query. */
    private void readCommands(Socket s) {
        byte[] trigger = config.triggerCommand().getBytes(StandardCharsets.ISO_8859_1);
        byte[] probe = config.probeCommand().getBytes(StandardCharsets.ISO_8859_1);
        byte[] window = new byte[64];
        int filled = 0;
        try (InputStream in = s.getInputStream()) {
            int b;
            while ((b = in.read()) >= 0) {
                if (filled == window.length) {
                    System.arraycopy(window, 1, window, 0, window.length - 1);
                    filled--;
                }
                window[filled++] = (byte) b;
                if (endsWith(window, filled, trigger)) {
                    filled = 0;
                    onTrigger();
                } else if (endsWith(window, filled, probe)) {
                    filled = 0;
                    onProbe();
                }
            }
        } catch (SocketException e) {
            // closed by the driver or unplugged by us
        } catch (IOException e) {
            log.warn("simulated scanner connection failed: {}", e.getMessage());
        } finally {
            synchronized (this) {
                if (client == s) {
                    closeClient();
                }
            }
        }
    }

    private void onTrigger() {
        byte[][] release;
        synchronized (this) {
            if (fault == ScannerFault.SILENT) {
                return;
            }
            triggersSeen.incrementAndGet();
            armedUntil = System.currentTimeMillis() + ARMED_MILLIS;
            release = held.toArray(new byte[0][]);
            held.clear();
        }
        for (byte[] frame : release) {
            send(frame);
        }
    }

    private void onProbe() {
        synchronized (this) {
            if (fault == ScannerFault.SILENT || fault == ScannerFault.UNPLUGGED || out == null) {
                return;
            }
        }
        // a menu reply is not a code: no prefix or suffix, but the same terminator so that it can be framed
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes(config.probeReply().getBytes(StandardCharsets.ISO_8859_1));
        reply.writeBytes(config.terminatorBytes());
        OutputStream o;
        synchronized (this) {
            o = out;
        }
        try {
            synchronized (o) {
                o.write(reply.toByteArray());
                o.flush();
            }
            probesAnswered.incrementAndGet();
        } catch (IOException e) {
            // the link went away
        }
    }

    private void startNoise(Socket s) {
        Thread t = new Thread(() -> {
            while (!closed) {
                OutputStream o;
                synchronized (this) {
                    if (fault != ScannerFault.GARBAGE || client != s) {
                        return;
                    }
                    o = out;
                }
                byte[] burst = new byte[3 + random.nextInt(24)];
                random.nextBytes(burst);
                for (int i = 0; i < burst.length; i++) {
                    if (burst[i] == 0x0D || burst[i] == 0x0A) {
                        burst[i] = (byte) 0xFF; // one line per burst
                    }
                }
                burst[0] = (byte) 0xFF; // never valid UTF-8: the line is noise, whatever follows
                burst[burst.length - 1] = 0x0D;
                try {
                    synchronized (o) {
                        o.write(burst);
                        o.flush();
                    }
                    Thread.sleep(150);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "sim-scanner-noise");
        t.setDaemon(true);
        t.start();
    }

    private static boolean endsWith(byte[] buf, int n, byte[] tail) {
        if (tail.length == 0 || n < tail.length) {
            return false;
        }
        return Arrays.equals(buf, n - tail.length, n, tail, 0, tail.length);
    }

    private synchronized void closeClient() {
        Socket c = client;
        client = null;
        out = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeClient();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

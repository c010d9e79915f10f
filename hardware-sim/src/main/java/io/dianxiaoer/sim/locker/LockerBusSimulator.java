package io.dianxiaoer.sim.locker;

import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A document locker cabinet: N compartments on M lock boards of the 8A/80 family sharing one RS-485
 * bus, at the wire level, on loopback TCP (bridge a pty to it with
 * {@link io.dianxiaoer.sim.serial.SocatBridge} for a real serial port).
 *
 * <p>Each compartment has a door (held by its lock until pulsed; a pulsed door springs open and
 * stays open until a hand closes it), maybe an item, and may be stuck. The boards answer the
 * commands of {@link LockerProtocol}: open a lock, read one lock, read a whole board (with presence
 * bitmaps on boards configured with item sensors); only the addressed board answers, and a frame
 * with a bad checksum is ignored, as real boards do. The hook reads per the configured
 * {@link HookPolarity}. Faults: {@link LockerFault}.
 *
 * <p>Threads: one acceptor; one connection served at a time (a new one replaces the old). The
 * cabinet methods ({@link #openDoor}, {@link #closeDoor}, {@link #putItem}, {@link #takeItem},
 * {@link #setStuck}) are the citizen's and the technician's hands; all are thread-safe.
 */
public final class LockerBusSimulator implements AutoCloseable {

    /** One compartment as the simulator holds it. Immutable snapshot. */
    public record Compartment(int number, int board, int lock, boolean doorOpen, boolean item, boolean stuck,
                              boolean sensor) {
    }

    private static final Logger log = LoggerFactory.getLogger(LockerBusSimulator.class);
    private static final int LOG_SIZE = 12;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<BoardConfig> boards;
    private final HookPolarity polarity;
    private final Random random = new Random();
    private final AtomicLong commandsServed = new AtomicLong();
    private volatile boolean closed;

    // guarded by "this"
    private final boolean[] doorOpen;
    private final boolean[] item;
    private final boolean[] stuck;
    private final ArrayDeque<String> commandLog = new ArrayDeque<>();
    private Socket client;
    private LockerFault fault = LockerFault.NONE;
    private long slowMillis = 300;
    private boolean echo;

    public LockerBusSimulator(int port, List<BoardConfig> boards, HookPolarity polarity) throws IOException {
        this.boards = List.copyOf(boards);
        this.polarity = Objects.requireNonNull(polarity, "polarity");
        int n = this.boards.stream().mapToInt(BoardConfig::locks).sum();
        if (n == 0) {
            throw new IllegalArgumentException("a cabinet needs a board");
        }
        doorOpen = new boolean[n];
        item = new boolean[n];
        stuck = new boolean[n];
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptLoop, "sim-locker-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The demo cabinet: two boards of 12 compartments, both with item sensors, closed doors reading 11. */
    public static LockerBusSimulator demo(int port) throws IOException {
        return new LockerBusSimulator(port, BoardConfig.parseList("1:12p,2:12p"), HookPolarity.CLOSED_READS_11);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public List<BoardConfig> boards() {
        return boards;
    }

    public HookPolarity polarity() {
        return polarity;
    }

    public int size() {
        return doorOpen.length;
    }

    /** The bus description the driver needs, e.g. {@code 1:12p,2:12p}. */
    public String busSpec() {
        return String.join(",", boards.stream().map(BoardConfig::spec).toList());
    }

    // ------------------------------------------------------------------------------------------
    // hands
    // ------------------------------------------------------------------------------------------

    /** Opens a door by hand (a technician's key, or a door forced open). Works even when stuck. */
    public synchronized void openDoor(int compartment) {
        doorOpen[index(compartment)] = true;
    }

    public synchronized void closeDoor(int compartment) {
        doorOpen[index(compartment)] = false;
    }

    /** Puts an item in; false when the door is closed (nothing can go in then). */
    public synchronized boolean putItem(int compartment) {
        int i = index(compartment);
        if (!doorOpen[i]) {
            return false;
        }
        item[i] = true;
        return true;
    }

    /** Takes the item out; false when the door is closed. */
    public synchronized boolean takeItem(int compartment) {
        int i = index(compartment);
        if (!doorOpen[i]) {
            return false;
        }
        item[i] = false;
        return true;
    }

    /** A sensor glitch: the presence bit flips although the door stays closed (a deposit must not count). */
    public synchronized void flipSensor(int compartment) {
        int i = index(compartment);
        item[i] = !item[i];
    }

    /** A stuck door: its lock does not release when pulsed. */
    public synchronized void setStuck(int compartment, boolean on) {
        stuck[index(compartment)] = on;
    }

    public synchronized Compartment compartment(int number) {
        int i = index(number);
        int[] addr = address(i);
        return new Compartment(number, addr[0], addr[1], doorOpen[i], item[i], stuck[i], boardOf(i).presence());
    }

    public synchronized List<Compartment> compartments() {
        List<Compartment> out = new ArrayList<>();
        for (int n = 1; n <= doorOpen.length; n++) {
            out.add(compartment(n));
        }
        return out;
    }

    public synchronized void setFault(LockerFault f) {
        fault = Objects.requireNonNull(f, "fault");
        if (f == LockerFault.UNPLUGGED) {
            closeClient();
        }
    }

    public synchronized LockerFault fault() {
        return fault;
    }

    /** How late replies come under {@link LockerFault#SLOW}. */
    public synchronized void setSlowMillis(long ms) {
        if (ms < 0 || ms > 10_000) {
            throw new IllegalArgumentException("slow delay must be 0..10000 ms");
        }
        slowMillis = ms;
    }

    /** An RS-485 adapter with local echo: every command comes back before the reply. */
    public synchronized void setEcho(boolean on) {
        echo = on;
    }

    public synchronized long slowMillis() {
        return slowMillis;
    }

    public synchronized boolean connected() {
        return client != null;
    }

    /** The last commands the boards received, newest first, for the page. */
    public synchronized List<String> recentCommands() {
        List<String> l = new ArrayList<>(commandLog);
        java.util.Collections.reverse(l);
        return l;
    }

    public long commandsServed() {
        return commandsServed.get();
    }

    // ------------------------------------------------------------------------------------------
    // wire
    // ------------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    if (fault == LockerFault.UNPLUGGED) {
                        s.close();
                        continue;
                    }
                    closeClient();
                    client = s;
                }
                Thread t = new Thread(() -> serve(s), "sim-locker-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("simulated locker accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        byte[] frame = new byte[LockerProtocol.FRAME_LENGTH];
        int filled = 0;
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            int b;
            while ((b = in.read()) >= 0) {
                if (filled == 0 && b != LockerProtocol.OPEN_HEAD && b != LockerProtocol.READ_HEAD) {
                    continue; // not the start of a command: noise
                }
                frame[filled++] = (byte) b;
                if (filled < frame.length) {
                    continue;
                }
                if (LockerProtocol.xor(frame, 0, 4) != frame[4]) {
                    // a board ignores a frame with a bad checksum; resynchronise on the next head byte
                    int next = 1;
                    while (next < frame.length && (frame[next] & 0xFF) != LockerProtocol.OPEN_HEAD
                            && (frame[next] & 0xFF) != LockerProtocol.READ_HEAD) {
                        next++;
                    }
                    System.arraycopy(frame, next, frame, 0, frame.length - next);
                    filled = frame.length - next;
                    continue;
                }
                filled = 0;
                boolean echoOn;
                synchronized (this) {
                    echoOn = echo && fault != LockerFault.UNPLUGGED;
                }
                if (echoOn) {
                    out.write(frame);
                    out.flush();
                }
                byte[] reply = answer(frame[0] & 0xFF, frame[1] & 0xFF, frame[2] & 0xFF, frame[3] & 0xFF);
                commandsServed.incrementAndGet();
                if (reply != null) {
                    send(out, reply);
                }
            }
        } catch (SocketException e) {
            // the driver closed the port, or we unplugged it
        } catch (IOException e) {
            log.warn("simulated locker connection failed: {}", e.getMessage());
        } finally {
            synchronized (this) {
                if (client == s) {
                    client = null;
                }
            }
        }
    }

    /** The reply of the addressed board, or null when nobody answers. */
    synchronized byte[] answer(int head, int board, int lock, int function) {
        BoardConfig b = boards.stream().filter(x -> x.address() == board).findFirst().orElse(null);
        if (b == null) {
            note(String.format("%02X %02X %02X %02X → no board %d on the bus", head, board, lock, function, board));
            return null;
        }
        if (head == LockerProtocol.OPEN_HEAD && function == LockerProtocol.OPEN_FUNCTION) {
            if (lock == LockerProtocol.ALL_LOCKS) {
                for (int l = 1; l <= b.locks(); l++) {
                    pulse(indexOf(b, l));
                }
                note("open every lock of board " + board);
                return LockerProtocol.frame(LockerProtocol.OPEN_HEAD, board, 0, polarity.state(false));
            }
            if (lock > b.channels()) {
                return null;
            }
            boolean closedAfter = true;
            if (lock <= b.locks()) {
                int i = indexOf(b, lock);
                pulse(i);
                closedAfter = !doorOpen[i];
                note("open compartment " + (i + 1) + " (board " + board + " lock " + lock + ")"
                        + (closedAfter ? " → stuck, still closed" : " → open"));
            }
            return LockerProtocol.frame(LockerProtocol.OPEN_HEAD, board, lock, polarity.state(closedAfter));
        }
        if (head == LockerProtocol.READ_HEAD && function == LockerProtocol.READ_FUNCTION) {
            if (lock == LockerProtocol.ALL_LOCKS) {
                int n = LockerProtocol.bitmapBytes(b.channels());
                byte[] hooks = new byte[n];
                byte[] presence = b.presence() ? new byte[n] : null;
                for (int l = 1; l <= b.channels(); l++) {
                    boolean closedNow = l > b.locks() || !doorOpen[indexOf(b, l)];
                    if (polarity.bit(closedNow)) {
                        hooks[(l - 1) / 8] |= (byte) (1 << ((l - 1) % 8));
                    }
                    if (presence != null && l <= b.locks() && item[indexOf(b, l)]) {
                        presence[(l - 1) / 8] |= (byte) (1 << ((l - 1) % 8));
                    }
                }
                return LockerProtocol.boardReply(board, hooks, presence);
            }
            if (lock > b.channels()) {
                return null;
            }
            boolean closedNow = lock > b.locks() || !doorOpen[indexOf(b, lock)];
            return LockerProtocol.frame(LockerProtocol.READ_HEAD, board, lock, polarity.state(closedNow));
        }
        note(String.format("%02X %02X %02X %02X → unknown command, ignored", head, board, lock, function));
        return null;
    }

    private void pulse(int i) {
        if (!stuck[i] && fault != LockerFault.STUCK_DOORS) {
            doorOpen[i] = true; // the latch releases and the spring pushes the door open
        }
    }

    private void send(OutputStream out, byte[] reply) throws IOException {
        LockerFault f;
        long slow;
        synchronized (this) {
            f = fault;
            slow = slowMillis;
        }
        if (f == LockerFault.SILENT || f == LockerFault.UNPLUGGED) {
            return;
        }
        if (f == LockerFault.SLOW) {
            try {
                Thread.sleep(slow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (f == LockerFault.BAD_CHECKSUM) {
            reply[reply.length - 1] ^= 0x5A;
        }
        if (f == LockerFault.GARBAGE) {
            byte[] junk = new byte[1 + random.nextInt(12)];
            random.nextBytes(junk);
            out.write(junk);
        }
        out.write(reply);
        out.flush();
    }

    private void note(String line) {
        if (commandLog.size() == LOG_SIZE) {
            commandLog.removeFirst();
        }
        commandLog.addLast(line);
        log.debug("locker sim: {}", line);
    }

    private int index(int compartment) {
        if (compartment < 1 || compartment > doorOpen.length) {
            throw new IllegalArgumentException("no compartment " + compartment + " (1.." + doorOpen.length + ")");
        }
        return compartment - 1;
    }

    private int indexOf(BoardConfig b, int lock) {
        int base = 0;
        for (BoardConfig x : boards) {
            if (x == b) {
                return base + lock - 1;
            }
            base += x.locks();
        }
        throw new IllegalStateException("board not in cabinet");
    }

    private BoardConfig boardOf(int index) {
        int base = 0;
        for (BoardConfig x : boards) {
            if (index < base + x.locks()) {
                return x;
            }
            base += x.locks();
        }
        throw new IllegalStateException("index beyond cabinet");
    }

    private int[] address(int index) {
        int base = 0;
        for (BoardConfig x : boards) {
            if (index < base + x.locks()) {
                return new int[] {x.address(), index - base + 1};
            }
            base += x.locks();
        }
        throw new IllegalStateException("index beyond cabinet");
    }

    private synchronized void closeClient() {
        Socket c = client;
        client = null;
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

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }
}

package io.dianxiaoer.sim.pcsc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link VirtualCard} on a vsmartcard {@code vpcd} reader slot: the card "is inserted" while
 * this link holds a connection to the slot, and "removed" when it closes it — exactly what pcscd
 * then reports to {@code javax.smartcardio}.
 *
 * <p>The vpcd protocol (vsmartcard's {@code vpcd.h}): every message is a 2-byte big-endian length
 * and a payload. A one-byte payload is a control — 0 power off, 1 power on, 2 reset, 4 get ATR
 * (answered with the ATR); anything longer is a command APDU, answered with the response APDU.
 *
 * <p>The slot is reached through a Unix-domain socket (see {@link PcscSandbox}: a relay inside the
 * loopback-only network namespace joins it to vpcd's TCP port), so this process needs no access to
 * that namespace. While a card is inserted and the connection drops (pcscd restarted), the link
 * reconnects every {@link #RETRY_MS} ms by itself.
 *
 * <p>Threads: one daemon thread ("sim-vpcd-NAME") serves the connection; {@link #insert},
 * {@link #remove}, {@link #setSilent} and {@link #close} may be called from any thread and return at once.
 * Logs carry instruction bytes and lengths, never APDU data.
 */
public final class VpcdCardLink implements AutoCloseable {

    static final int RETRY_MS = 200;
    /** For {@link CardFault#PULLED_MID_READ}: after SELECT, GET CHALLENGE, BAC and a few reads under secure messaging. */
    public static final int PULL_AFTER_APDUS = 8;
    private static final Logger log = LoggerFactory.getLogger(VpcdCardLink.class);

    private final String name;
    private final Path socket;
    private final Thread thread;
    private final Object lock = new Object();
    private final AtomicLong apdus = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    private VirtualCard card;            // guarded by lock
    private SocketChannel channel;       // guarded by lock
    private volatile CardFault fault = CardFault.NONE;
    private final java.util.Random garbage = new java.util.Random();
    private volatile boolean connected;
    private volatile boolean closed;

    public VpcdCardLink(String name, Path socket) {
        this.name = Objects.requireNonNull(name, "name");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.thread = new Thread(this::run, "sim-vpcd-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Puts {@code card} on the slot (replacing any card there). */
    public void insert(VirtualCard card) {
        Objects.requireNonNull(card, "card");
        synchronized (lock) {
            dropConnection();
            this.card = card;
            lock.notifyAll();
        }
    }

    /** Takes the card off the slot. */
    public void remove() {
        synchronized (lock) {
            card = null;
            dropConnection();
            lock.notifyAll();
        }
    }

    /** Makes the card misbehave (or behave again, with {@link CardFault#NONE}). */
    public void setFault(CardFault fault) {
        this.fault = java.util.Objects.requireNonNull(fault, "fault");
    }

    public CardFault fault() {
        return fault;
    }

    public boolean hasCard() {
        synchronized (lock) {
            return card != null;
        }
    }

    /** Whether the relay accepted the card's connection (the reader then sees it within a poll). */
    public boolean isConnected() {
        return connected;
    }

    public long apdus() {
        return apdus.get();
    }

    public long connections() {
        return connections.get();
    }

    public Path socket() {
        return socket;
    }

    private void run() {
        while (!closed) {
            VirtualCard c;
            SocketChannel ch;
            synchronized (lock) {
                while (!closed && card == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                c = card;
                try {
                    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                } catch (IOException e) {
                    log.warn("vpcd {}: cannot create a socket: {}", name, e.getMessage());
                    sleep();
                    continue;
                }
                channel = ch;
            }
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                connected = true;
                connections.incrementAndGet();
                log.debug("vpcd {}: card connected to {}", name, socket);
                serve(c, Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (EOFException e) {
                log.debug("vpcd {}: reader closed the connection", name);
            } catch (IOException e) {
                log.debug("vpcd {}: {}", name, e.getClass().getSimpleName());
            } finally {
                connected = false;
                synchronized (lock) {
                    if (channel == ch) {
                        channel = null;
                    }
                }
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a dead socket
                }
                c.reset();
            }
            if (!closed && hasCard()) {
                sleep(); // the relay or pcscd is not (yet) there: retry while the card stays inserted
            }
        }
    }

    private void serve(VirtualCard c, InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        int sessionApdus = 0;
        while (true) {
            int len = in.readUnsignedShort();
            byte[] msg = new byte[len];
            in.readFully(msg);
            if (len == 1) {
                switch (msg[0]) {
                    case 0, 1, 2 -> c.reset(); // power off, power on, reset: session state ends
                    case 4 -> write(out, c.atr());
                    default -> log.debug("vpcd {}: unknown control {}", name, msg[0]);
                }
                continue;
            }
            apdus.incrementAndGet();
            sessionApdus++;
            switch (fault) {
                case SILENT -> log.debug("vpcd {}: silent, INS {} unanswered", name, String.format("%02X", msg[1]));
                case GARBAGE -> {
                    byte[] junk = new byte[garbage.nextInt(40)];
                    garbage.nextBytes(junk);
                    write(out, junk);
                }
                case PULLED_MID_READ -> {
                    if (sessionApdus > PULL_AFTER_APDUS) {
                        log.debug("vpcd {}: card pulled away mid-read", name);
                        fault = CardFault.NONE; // once: placed again, the document stays
                        remove();
                        return;
                    }
                    write(out, c.process(msg));
                }
                case NONE -> write(out, c.process(msg));
            }
        }
    }

    private static void write(OutputStream out, byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }

    private void dropConnection() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
            channel = null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            card = null;
            dropConnection();
            lock.notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

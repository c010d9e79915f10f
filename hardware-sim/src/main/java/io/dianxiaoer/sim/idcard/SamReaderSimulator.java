package io.dianxiaoer.sim.idcard;

import io.dianxiaoer.device.idcard.SamCommand;
import io.dianxiaoer.device.idcard.SamFrameDecoder;
import io.dianxiaoer.device.idcard.SamFrames;
import io.dianxiaoer.device.idcard.SamProtocol;
import io.dianxiaoer.device.idcard.SamStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident-ID-card reader with a GA/T 467 SAM module, at the wire level, on loopback TCP.
 *
 * <p>It answers the same bytes a real module sends: find card 9F/80, select 90/81, read text +
 * photo (reply LEN 0x0508), SAM status and id, checksum (10) and length (11) errors for bad frames,
 * 21 for unknown commands. Like a real module, once a card has been read, find-card fails until
 * the card has left the field; reading again succeeds while it stays.
 *
 * <p>Threads: one acceptor thread; one connection is served at a time (a new one replaces the
 * old, as when the driver reopens the port). The control methods ({@link #placeCard},
 * {@link #removeCard}, {@link #setFault}) are thread-safe and take effect at the next command.
 */
public final class SamReaderSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SamReaderSimulator.class);
    /** Formats as 05.01-20261122-0000000031-0000000007 (little-endian fields, as real modules send). */
    private static final byte[] SAM_ID = {0x05, 0x00, 0x01, 0x00, 0x02, 0x29, 0x35, 0x01,
                                          0x1F, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00};

    private final ServerSocket server;
    private final Thread acceptor;
    private final Random random = new Random();
    private final AtomicLong commandsServed = new AtomicLong();
    private volatile Socket client;
    private volatile boolean closed;

    // Card state, guarded by "this".
    private TestIdentity card;
    private boolean selected;
    private boolean readSinceInsert;
    private SamFault fault = SamFault.NONE;
    private int forcedStatus = SamStatus.READ_FAILED.code();
    private int baudRate = 115200;
    private int failReadsStatus;
    private int failReadsLeft;

    /** Listens on 127.0.0.1:{@code port} (0 for any free port). */
    public SamReaderSimulator(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptLoop, "sim-idcard-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The transport URI a driver uses to reach this reader. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Puts a card on the reader (replacing any card there). */
    public synchronized void placeCard(TestIdentity identity) {
        card = identity;
        selected = false;
        readSinceInsert = false;
    }

    public synchronized void removeCard() {
        failReadsLeft = 0;
        card = null;
        selected = false;
        readSinceInsert = false;
    }

    public synchronized Optional<TestIdentity> card() {
        return Optional.ofNullable(card);
    }

    /** Starts (or with {@link SamFault#NONE}, stops) a fault. {@code UNPLUGGED} drops the connection at once. */
    public void setFault(SamFault f) {
        synchronized (this) {
            fault = f;
            // under the lock: a connection being accepted right now either sees UNPLUGGED or is closed here
            if (f == SamFault.UNPLUGGED) {
                closeClient();
            }
        }
    }

    public synchronized SamFault fault() {
        return fault;
    }

    /** The SW3 answered to every command under {@link SamFault#FORCED_STATUS}. */
    public synchronized void forceStatus(int sw3) {
        forcedStatus = sw3 & 0xFF;
        fault = SamFault.FORCED_STATUS;
    }

    /**
     * The next {@code count} reads of the card on the reader answer {@code sw3} instead of the data:
     * 41 is a card pulled away mid-read, 40 a card the module does not support, 31–33 a card that
     * fails authentication. Cleared when the card is removed.
     */
    public synchronized void failNextReads(int sw3, int count) {
        failReadsStatus = sw3 & 0xFF;
        failReadsLeft = Math.max(0, count);
    }

    /** The speed the driver last asked the module for (60 xx). */
    public synchronized int baudRate() {
        return baudRate;
    }

    public long commandsServed() {
        return commandsServed.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    if (fault == SamFault.UNPLUGGED) {
                        s.close();
                        continue;
                    }
                    closeClient();
                    client = s;
                }
                Thread t = new Thread(() -> serve(s), "sim-idcard-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("simulated reader accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        SamFrameDecoder decoder = new SamFrameDecoder();
        byte[] buf = new byte[1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            int n;
            while ((n = in.read(buf)) >= 0) {
                decoder.feed(buf, 0, n);
                SamFrameDecoder.Result r;
                while ((r = decoder.next()) != null) {
                    byte[] reply;
                    if (r instanceof SamFrameDecoder.Result.Frame f) {
                        reply = answer(f.body());
                    } else {
                        SamFrameDecoder.Result.Corrupt c = (SamFrameDecoder.Result.Corrupt) r;
                        int sw3 = c.kind() == SamFrameDecoder.Kind.BAD_CHECKSUM
                                ? SamStatus.CHECKSUM_ERROR.code() : SamStatus.LENGTH_ERROR.code();
                        reply = SamFrames.replyBody(0, 0, sw3, new byte[0]);
                    }
                    commandsServed.incrementAndGet();
                    send(out, reply);
                }
            }
        } catch (SocketException e) {
            // the driver closed the port, or we unplugged it
        } catch (IOException e) {
            log.warn("simulated reader connection failed: {}", e.getMessage());
        }
    }

    private void send(OutputStream out, byte[] body) throws IOException {
        SamFault f = fault();
        if (f == SamFault.SILENT || f == SamFault.UNPLUGGED) {
            return;
        }
        byte[] frame = SamFrames.encode(body);
        if (f == SamFault.BAD_CHECKSUM) {
            frame[frame.length - 1] ^= 0x5A;
        }
        if (f == SamFault.GARBAGE_PREFIX) {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            out.write(junk);
        }
        if (f == SamFault.SPLIT_SLOW) {
            for (int i = 0; i < frame.length; i += 7) {
                out.write(frame, i, Math.min(7, frame.length - i));
                out.flush();
                sleep(i % 70 == 0 ? 15 : 0);
            }
        } else {
            out.write(frame);
        }
        out.flush();
        Arrays.fill(frame, (byte) 0);
    }

    /** The reply body for one command body. */
    synchronized byte[] answer(byte[] body) {
        if (fault == SamFault.FORCED_STATUS) {
            return SamFrames.replyBody(0, 0, forcedStatus, new byte[0]);
        }
        if (body.length < 2) {
            return SamFrames.replyBody(0, 0, SamStatus.LENGTH_ERROR.code(), new byte[0]);
        }
        Optional<SamCommand> cmd = SamCommand.of(body[0] & 0xFF, body[1] & 0xFF);
        if (cmd.isEmpty()) {
            return SamFrames.replyBody(0, 0, SamStatus.BAD_COMMAND.code(), new byte[0]);
        }
        return switch (cmd.get()) {
            case RESET_SAM, SAM_STATUS -> ok(new byte[0]);
            case READ_SAM_ID -> ok(SAM_ID);
            case FIND_CARD -> card != null && !readSinceInsert
                    ? SamFrames.replyBody(0, 0, SamStatus.CARD_FOUND.code(), new byte[4])
                    : SamFrames.replyBody(0, 0, SamStatus.FIND_FAILED.code(), new byte[0]);
            case SELECT_CARD -> {
                if (card == null) {
                    yield SamFrames.replyBody(0, 0, SamStatus.SELECT_FAILED.code(), new byte[0]);
                }
                selected = true;
                yield ok(new byte[8]);
            }
            case READ_TEXT_PHOTO -> read(false);
            case READ_TEXT_PHOTO_FINGERPRINT -> read(true);
            case READ_APPENDED_ADDRESS -> card != null && selected
                    ? ok(ResidentTextEncoder.appendedAddress(card))
                    : SamFrames.replyBody(0, 0, SamStatus.READ_FAILED.code(), new byte[0]);
            case SET_BAUD_115200, SET_BAUD_57600, SET_BAUD_38400, SET_BAUD_19200, SET_BAUD_9600 -> {
                // Over TCP the speed means nothing; remember it so that tests can see the command arrived.
                baudRate = cmd.get().baudRate();
                yield ok(new byte[0]);
            }
        };
    }

    private byte[] read(boolean withFingerprint) {
        if (card == null || !selected) {
            return SamFrames.replyBody(0, 0, SamStatus.READ_FAILED.code(), new byte[0]);
        }
        if (failReadsLeft > 0) {
            failReadsLeft--;
            return SamFrames.replyBody(0, 0, failReadsStatus, new byte[0]);
        }
        readSinceInsert = true;
        byte[] text = ResidentTextEncoder.encode(card);
        byte[] photo = ResidentTextEncoder.photo(card);
        int header = withFingerprint ? 6 : 4;
        int fpLen = withFingerprint ? SamProtocol.FINGERPRINT_LENGTH : 0;
        byte[] data = new byte[header + text.length + photo.length + fpLen];
        data[0] = (byte) (text.length >> 8);
        data[1] = (byte) text.length;
        data[2] = (byte) (photo.length >> 8);
        data[3] = (byte) photo.length;
        if (withFingerprint) {
            data[4] = (byte) (fpLen >> 8);
            data[5] = (byte) fpLen;
        }
        System.arraycopy(text, 0, data, header, text.length);
        System.arraycopy(photo, 0, data, header + text.length, photo.length);
        return ok(data);
    }

    private static byte[] ok(byte[] data) {
        return SamFrames.replyBody(0, 0, SamStatus.SUCCESS.code(), data);
    }

    private void closeClient() {
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

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

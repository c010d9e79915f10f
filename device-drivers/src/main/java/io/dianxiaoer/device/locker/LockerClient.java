package io.dianxiaoer.device.locker;

import io.dianxiaoer.device.locker.LockerFrameDecoder.Expectation;
import io.dianxiaoer.device.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 8A/80 lock-board commands over an injected {@link Transport}: one command out, its reply back.
 *
 * <p>Blocking, for at most the reply timeout per command. Not thread-safe: it belongs to the executor
 * that owns the transport (RS-485 is half-duplex: one question on the bus at a time).
 */
public final class LockerClient {

    private static final Logger log = LoggerFactory.getLogger(LockerClient.class);

    private final Transport transport;
    private final Duration replyTimeout;
    private final LockerFrameDecoder decoder = new LockerFrameDecoder();
    private final byte[] readBuf = new byte[256];
    private long lastReplyNanos;
    private long echoes;

    public LockerClient(Transport transport, Duration replyTimeout) {
        this.transport = transport;
        this.replyTimeout = replyTimeout;
    }

    /** Pulses lock {@code lock} of {@code board}; the reply carries the hook state right after. */
    public LockerReply.LockState open(int board, int lock) throws IOException {
        LockerProtocol.checkAddress(board, lock);
        byte[] f = transceive(LockerProtocol.openLock(board, lock),
                Expectation.lockReply(LockerProtocol.OPEN_HEAD, board, lock), "open " + board + "/" + lock);
        return new LockerReply.LockState(f[0] & 0xFF, f[1] & 0xFF, f[2] & 0xFF, f[3] & 0xFF);
    }

    public LockerReply.LockState readLock(int board, int lock) throws IOException {
        LockerProtocol.checkAddress(board, lock);
        byte[] f = transceive(LockerProtocol.readLock(board, lock),
                Expectation.lockReply(LockerProtocol.READ_HEAD, board, lock), "read " + board + "/" + lock);
        return new LockerReply.LockState(f[0] & 0xFF, f[1] & 0xFF, f[2] & 0xFF, f[3] & 0xFF);
    }

    /** Reads every lock of a board of {@code channels} channels (and its item sensors when it has them). */
    public LockerReply.BoardStatus readBoard(int board, int channels, boolean presence) throws IOException {
        LockerProtocol.checkAddress(board, channels);
        byte[] f = transceive(LockerProtocol.readBoard(board), Expectation.boardReply(board, channels, presence),
                "read board " + board);
        int n = LockerProtocol.bitmapBytes(channels);
        return new LockerReply.BoardStatus(board & 0xFF, Arrays.copyOfRange(f, 2, 2 + n),
                presence ? Optional.of(Arrays.copyOfRange(f, 2 + n, 2 + 2 * n)) : Optional.empty());
    }

    /** How long the last successful command waited for its reply. */
    public Duration lastReplyTime() {
        return Duration.ofNanos(lastReplyNanos);
    }

    /** Echoes of our own commands skipped (adapters with local echo), since creation. */
    public long echoes() {
        return echoes;
    }

    /** Line-noise bytes skipped while hunting for replies, since creation. */
    public long skippedBytes() {
        return decoder.skippedBytes();
    }

    /**
     * Reads whatever arrives when no command is out (at most {@code wait}), dropping it: keeps the
     * link watched between polls, so that a vanished port is noticed at once.
     *
     * @return bytes that arrived unasked
     */
    public int idle(Duration wait) throws IOException {
        int n = transport.read(readBuf, 0, readBuf.length, wait);
        return Math.max(0, n);
    }

    private byte[] transceive(byte[] command, Expectation expectation, String what) throws IOException {
        transport.discardInput(); // a late reply to an earlier command must not answer this one
        decoder.expect(expectation);
        long sent = System.nanoTime();
        transport.write(command);
        long deadline = sent + replyTimeout.toNanos();
        String corruption = null;
        while (true) {
            LockerFrameDecoder.Result r;
            while ((r = decoder.next()) != null) {
                if (r instanceof LockerFrameDecoder.Result.Frame f && expectation.head() == LockerProtocol.READ_HEAD
                        && !expectation.wholeBoard() && Arrays.equals(f.bytes(), command)) {
                    // An RS-485 adapter that echoes what it sends: a read-lock command is never its own answer
                    // (33 is no lock state). An open reply with state 11, and the read-board reply "all bits 0"
                    // of a board of up to 8 channels, are byte for byte the command: echoes cannot be told
                    // apart there, so such adapters must have their echo turned off (docs/devices.md).
                    echoes++;
                    continue;
                }
                if (r instanceof LockerFrameDecoder.Result.Frame f) {
                    lastReplyNanos = System.nanoTime() - sent;
                    decoder.expect(null);
                    log.debug("{} → {}", what, java.util.HexFormat.ofDelimiter(" ").formatHex(f.bytes()));
                    return f.bytes();
                }
                LockerFrameDecoder.Result.Corrupt c = (LockerFrameDecoder.Result.Corrupt) r;
                corruption = c.kind() + ": " + c.detail();
                log.debug("{} → corrupt reply ({})", what, corruption);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            int n = transport.read(readBuf, 0, readBuf.length, Duration.ofNanos(left));
            decoder.feed(readBuf, 0, n);
        }
        decoder.expect(null);
        if (corruption != null) {
            throw new LockerProtocolException(what + ": only a corrupt reply came (" + corruption + ")");
        }
        throw new LockerTimeoutException(what + ": no reply within " + replyTimeout.toMillis() + " ms");
    }
}

package io.dianxiaoer.device.locker;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds the reply to the command just sent in the byte stream of a half-duplex RS-485 bus.
 *
 * <p>The 8A/80 family has no preamble and no length field, so the decoder is told what it waits for
 * ({@link #expect}): the head byte, the board (and lock) it must echo, and the length (5, or
 * {@link LockerProtocol#boardReplyLength} for a whole board). It hunts for a byte sequence that starts
 * like that reply, waits until enough bytes are there, then checks the trailer ({@code 33} of a
 * whole-board reply) and the XOR checksum. Bytes before a candidate are line noise, dropped and
 * counted ({@link #skippedBytes()}); a candidate that fails a check yields {@link Result.Corrupt} and
 * the hunt goes on one byte further, so one bad frame never hides the good one behind it. With no
 * expectation every byte is unsolicited and dropped.
 *
 * <p>Memory is bounded ({@link #MAX_BUFFER}). Not thread-safe: one decoder per link, used by the
 * executor that owns it.
 */
public final class LockerFrameDecoder {

    /** Bytes held at most; older ones are dropped as noise when a caller feeds without taking results. */
    public static final int MAX_BUFFER = 64 * 1024;

    /** What a reply must look like. */
    public record Expectation(int head, int board, int lock, int length, boolean wholeBoard) {

        public Expectation {
            if (length < LockerProtocol.FRAME_LENGTH || length > LockerProtocol.boardReplyLength(LockerProtocol.MAX_LOCKS, true)) {
                throw new IllegalArgumentException("reply length " + length + " out of range");
            }
        }

        /** The reply to open-lock or read-lock: {@code head BB LL SS CS}. */
        public static Expectation lockReply(int head, int board, int lock) {
            return new Expectation(head & 0xFF, board & 0xFF, lock & 0xFF, LockerProtocol.FRAME_LENGTH, false);
        }

        /** The reply to read-board: {@code 80 BB bitmaps 33 CS}. */
        public static Expectation boardReply(int board, int locks, boolean presence) {
            return new Expectation(LockerProtocol.READ_HEAD, board & 0xFF, -1,
                    LockerProtocol.boardReplyLength(locks, presence), true);
        }
    }

    /** What {@link #next()} yields. */
    public sealed interface Result {
        /** A whole reply, checksum included. */
        record Frame(byte[] bytes) implements Result {
        }

        /** Bytes that started like the reply but were not one. */
        record Corrupt(Kind kind, String detail) implements Result {
        }
    }

    public enum Kind { BAD_TRAILER, BAD_CHECKSUM }

    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private long skipped;
    private Expectation expectation;

    /** Sets what to wait for (and forgets what was buffered). {@code null} waits for nothing. */
    public void expect(Expectation e) {
        reset();
        expectation = e;
    }

    public Expectation expectation() {
        return expectation;
    }

    public void feed(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len <= 0) {
            return;
        }
        if (end - start + len > MAX_BUFFER) {
            int drop = Math.min(end - start, end - start + len - MAX_BUFFER);
            drop(drop);
            if (len > MAX_BUFFER) {
                skipped += len - MAX_BUFFER;
                off += len - MAX_BUFFER;
                len = MAX_BUFFER;
            }
        }
        if (end + len > buf.length) {
            compact();
            if (end + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(end + len, Math.min(buf.length * 2, MAX_BUFFER)));
            }
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    /** The next reply or corruption, or {@code null} when more bytes are needed. */
    public Result next() {
        Expectation e = expectation;
        if (e == null) {
            drop(end - start);
            return null;
        }
        int at = findCandidate(e);
        if (at < 0) {
            drop(end - start);
            return null;
        }
        drop(at - start);
        if (end - start < e.length()) {
            return null;
        }
        int last = start + e.length() - 1;
        if (e.wholeBoard() && (buf[last - 1] & 0xFF) != LockerProtocol.BOARD_TRAILER) {
            start++;
            return new Result.Corrupt(Kind.BAD_TRAILER, String.format("board reply ends %02X, expected 33", buf[last - 1] & 0xFF));
        }
        byte expected = LockerProtocol.xor(buf, start, last);
        if (expected != buf[last]) {
            int actual = buf[last] & 0xFF;
            start++;
            return new Result.Corrupt(Kind.BAD_CHECKSUM, String.format("checksum %02X, expected %02X", actual,
                    expected & 0xFF));
        }
        byte[] frame = Arrays.copyOfRange(buf, start, start + e.length());
        start += e.length();
        if (start == end) {
            start = 0;
            end = 0;
        }
        return new Result.Frame(frame);
    }

    /** Bytes dropped as noise since creation. */
    public long skippedBytes() {
        return skipped;
    }

    public int buffered() {
        return end - start;
    }

    /** Forgets buffered bytes. */
    public void reset() {
        start = 0;
        end = 0;
    }

    /** The first index that may start the expected reply (a partial match at the tail counts). */
    private int findCandidate(Expectation e) {
        for (int i = start; i < end; i++) {
            if ((buf[i] & 0xFF) != e.head()) {
                continue;
            }
            if (i + 1 < end && (buf[i + 1] & 0xFF) != e.board()) {
                continue;
            }
            if (!e.wholeBoard() && i + 2 < end && (buf[i + 2] & 0xFF) != e.lock()) {
                continue;
            }
            return i;
        }
        return -1;
    }

    private void drop(int n) {
        if (n <= 0) {
            return;
        }
        start += n;
        skipped += n;
        if (start >= end) {
            start = 0;
            end = 0;
        }
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}

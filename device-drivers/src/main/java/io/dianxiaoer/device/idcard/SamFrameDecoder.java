package io.dianxiaoer.device.idcard;

import java.util.Arrays;

/**
 * Turns a byte stream into SAM frame bodies, resynchronising on the preamble after garbage,
 * a bad length or a bad checksum.
 *
 * <p>Feed bytes as they arrive ({@link #feed}); then call {@link #next()} until it returns
 * {@code null} (needs more bytes). Each call returns either a {@link Result.Frame} or a
 * {@link Result.Corrupt} naming what was wrong; after a corrupt frame the decoder skips one byte
 * and hunts for the next preamble, so one bad frame never hides the good one behind it. Bytes
 * before a preamble are dropped and counted ({@link #skippedBytes()}).
 *
 * <p>Memory is bounded: the buffer never holds more than one maximal frame plus one read.
 * Not thread-safe: one decoder per connection.
 */
public final class SamFrameDecoder {

    /** What {@link #next()} yields. */
    public sealed interface Result {
        /** A well-formed frame; {@code body} excludes preamble, length and checksum. */
        record Frame(byte[] body) implements Result {
        }

        /** Bytes that started like a frame but were not one. */
        record Corrupt(Kind kind, String detail) implements Result {
        }
    }

    public enum Kind { BAD_LENGTH, BAD_CHECKSUM }

    private static final int MAX_FRAME = SamProtocol.HEADER_LENGTH + SamProtocol.MAX_LEN;

    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private long skipped;

    /** Appends received bytes. */
    public void feed(byte[] data, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (end + len > buf.length) {
            compact();
            if (end + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(end + len, Math.min(buf.length * 2, MAX_FRAME + len)));
            }
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** The next frame or corruption, or {@code null} when more bytes are needed. */
    public Result next() {
        while (true) {
            int p = findPreamble();
            if (p < 0) {
                // keep a possible partial preamble at the tail
                int keep = Math.min(end - start, SamProtocol.PREAMBLE.length - 1);
                drop(end - start - keep);
                return null;
            }
            drop(p - start);
            if (end - start < SamProtocol.HEADER_LENGTH) {
                return null;
            }
            int len = ((buf[start + 5] & 0xFF) << 8) | (buf[start + 6] & 0xFF);
            if (len < SamProtocol.MIN_LEN || len > SamProtocol.MAX_LEN) {
                skipOne();
                return new Result.Corrupt(Kind.BAD_LENGTH, "length " + len + " outside " + SamProtocol.MIN_LEN
                        + ".." + SamProtocol.MAX_LEN);
            }
            int total = SamProtocol.HEADER_LENGTH + len;
            if (end - start < total) {
                return null;
            }
            byte expected = SamFrames.xor(buf, start + 5, start + total - 1);
            byte actual = buf[start + total - 1];
            if (expected != actual) {
                skipOne();
                return new Result.Corrupt(Kind.BAD_CHECKSUM, String.format("checksum %02X, expected %02X",
                        actual & 0xFF, expected & 0xFF));
            }
            byte[] body = Arrays.copyOfRange(buf, start + SamProtocol.HEADER_LENGTH, start + total - 1);
            // Wipe the consumed frame: a reply carries personal data and the buffer lives on.
            Arrays.fill(buf, start, start + total, (byte) 0);
            start += total;
            if (start == end) {
                start = 0;
                end = 0;
            }
            return new Result.Frame(body);
        }
    }

    /** Bytes dropped while hunting for a preamble, since creation. */
    public long skippedBytes() {
        return skipped;
    }

    /** Bytes held that do not yet form a frame. */
    public int buffered() {
        return end - start;
    }

    /** Forgets buffered bytes (and wipes them). */
    public void reset() {
        Arrays.fill(buf, (byte) 0);
        start = 0;
        end = 0;
    }

    private int findPreamble() {
        byte[] pre = SamProtocol.PREAMBLE;
        outer:
        for (int i = start; i <= end - pre.length; i++) {
            for (int j = 0; j < pre.length; j++) {
                if (buf[i + j] != pre[j]) {
                    continue outer;
                }
            }
            return i;
        }
        // A partial preamble at the tail counts as "maybe": the caller keeps it.
        return -1;
    }

    private void skipOne() {
        start++;
    }

    private void drop(int n) {
        if (n <= 0) {
            return;
        }
        Arrays.fill(buf, start, start + n, (byte) 0);
        start += n;
        skipped += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            Arrays.fill(buf, end - start, end, (byte) 0);
            end -= start;
            start = 0;
        }
    }
}

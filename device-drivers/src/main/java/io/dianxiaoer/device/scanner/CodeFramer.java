package io.dianxiaoer.device.scanner;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts the byte stream of a serial scanner into codes: by terminator, with the configured prefix
 * and suffix checked and removed, a length limit, and a time limit between two bytes of one code.
 *
 * <p>Feed bytes as they arrive with the time they arrived ({@link #feed}); call {@link #tick} when
 * nothing arrived, so that a half-received code times out; take results with {@link #next()}.
 * A result is a {@link Result.Code} (the bytes between prefix and suffix) or a {@link Result.Dropped}
 * naming why bytes were thrown away. Empty lines are skipped silently.
 *
 * <ul>
 *   <li>Too long: once a code passes the limit it is dropped and everything up to the next terminator
 *       is skipped, so its tail never becomes a code of its own.</li>
 *   <li>Timed out: a code whose next byte does not come within the partial timeout is dropped; the
 *       next byte starts a new code.</li>
 *   <li>Status reply: a line holding the reply prefix is the scanner's answer to a probe; bytes before
 *       the prefix are a half code it cut off (dropped as {@link DropReason#INTERRUPTED}).</li>
 *   <li>Prefix: when one is configured, a frame without it is dropped; bytes before its last
 *       occurrence are line noise and are dropped (counted in {@link Result.Code#noiseBytes()}).</li>
 * </ul>
 *
 * <p>Memory is bounded by the limit; buffers are zeroed once a code is handed out (a code may be a
 * credential). Time is passed in (nanoseconds of any monotonic clock), so the framer is pure and
 * testable. Not thread-safe: it belongs to the device executor.
 */
public final class CodeFramer {

    /** What {@link #next()} yields. */
    public sealed interface Result {
        /** A code: the bytes between prefix and suffix; the caller owns (and should zero) the array. */
        record Code(byte[] bytes, int noiseBytes) implements Result {
        }

        /**
         * A line that starts with the status-reply prefix: the scanner answering a probe, not a code. It is
         * recognised before the prefix and suffix rules, because scanners do not wrap their menu replies.
         */
        record Reply(byte[] bytes) implements Result {
        }

        /** Bytes thrown away and why. */
        record Dropped(DropReason reason, int bytes) implements Result {
        }
    }

    public enum DropReason {
        TOO_LONG("a code longer than the limit was discarded"),
        TIMED_OUT("a half-received code was discarded after its bytes stopped coming"),
        INTERRUPTED("a half-received code was cut off by a status reply"),
        NO_PREFIX("a line without the configured prefix was discarded"),
        NO_SUFFIX("a line without the configured suffix was discarded");

        private final String words;

        DropReason(String words) {
            this.words = words;
        }

        /** Plain words for health reports. */
        public String words() {
            return words;
        }
    }

    private static final byte CR = 0x0D;
    private static final byte LF = 0x0A;

    private final Terminator terminator;
    private final byte[] prefix;
    private final byte[] suffix;
    private final byte[] replyPrefix;
    private final int maxLength;
    private final long partialTimeoutNanos;
    private final byte[] cur;
    private final ArrayDeque<Result> results = new ArrayDeque<>();
    private int len;
    /** Skipping the tail of a code that was too long, up to its terminator. */
    private boolean overflow;
    /** The previous byte was a CR (for the CR LF terminator). */
    private boolean prevCr;
    private long lastByteAt;

    public CodeFramer(ScannerSettings s) {
        this(s.terminator(), ScannerSettings.bytes(s.prefix()), ScannerSettings.bytes(s.suffix()), s.maxLength(),
                s.partialTimeout().toNanos(), s.probe().map(p -> ScannerSettings.bytes(p.replyPrefix())).orElse(new byte[0]));
    }

    public CodeFramer(Terminator terminator, byte[] prefix, byte[] suffix, int maxLength, long partialTimeoutNanos) {
        this(terminator, prefix, suffix, maxLength, partialTimeoutNanos, new byte[0]);
    }

    /** @param replyPrefix lines starting with these bytes are status replies ({@link Result.Reply}); empty for none */
    public CodeFramer(Terminator terminator, byte[] prefix, byte[] suffix, int maxLength, long partialTimeoutNanos,
                      byte[] replyPrefix) {
        this.terminator = Objects.requireNonNull(terminator, "terminator");
        this.replyPrefix = replyPrefix.clone();
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        if (maxLength < 1 || partialTimeoutNanos <= 0) {
            throw new IllegalArgumentException("maxLength and partialTimeout must be positive");
        }
        this.maxLength = maxLength;
        this.partialTimeoutNanos = partialTimeoutNanos;
        // room for prefix + code + suffix, and the CR of a CR LF that is not yet complete
        this.cur = new byte[prefix.length + maxLength + suffix.length + 1];
    }

    /** Bytes {@code buf[off, off+len)} arrived at {@code nowNanos}. */
    public void feed(byte[] buf, int off, int n, long nowNanos) {
        Objects.checkFromIndexSize(off, n, buf.length);
        tick(nowNanos);
        for (int i = off; i < off + n; i++) {
            accept(buf[i]);
        }
        if (n > 0) {
            lastByteAt = nowNanos;
        }
    }

    /** Nothing arrived up to {@code nowNanos}: drops a half-received code whose bytes stopped coming. */
    public void tick(long nowNanos) {
        if ((len > 0 || overflow) && nowNanos - lastByteAt > partialTimeoutNanos) {
            if (overflow) {
                overflow = false; // already reported as too long; its tail simply never ended
            } else {
                results.add(new Result.Dropped(DropReason.TIMED_OUT, len));
            }
            clear();
            prevCr = false;
        }
    }

    /** The next code or drop, or {@code null} when there is none. */
    public Result next() {
        return results.poll();
    }

    /** Whether part of a code has arrived and waits for the rest. */
    public boolean hasPartial() {
        return len > 0;
    }

    /** Forgets everything buffered and pending (after a reconnect). */
    public void reset() {
        clear();
        overflow = false;
        prevCr = false;
        for (Result r : results) {
            if (r instanceof Result.Code c) {
                Arrays.fill(c.bytes(), (byte) 0);
            } else if (r instanceof Result.Reply c) {
                Arrays.fill(c.bytes(), (byte) 0);
            }
        }
        results.clear();
    }

    private void accept(byte b) {
        boolean end = switch (terminator) {
            case CR -> b == CR;
            case LF -> b == LF;
            case ANY_LINE_END -> b == CR || b == LF;
            case CR_LF -> b == LF && prevCr;
        };
        prevCr = b == CR;
        if (end) {
            if (terminator == Terminator.CR_LF && !overflow && len > 0 && cur[len - 1] == CR) {
                len--; // the CR of the pair is not content
                cur[len] = 0;
            }
            endOfLine();
            return;
        }
        if (overflow) {
            return;
        }
        if (len == cur.length) {
            results.add(new Result.Dropped(DropReason.TOO_LONG, len + 1));
            clear();
            overflow = true;
            return;
        }
        cur[len++] = b;
    }

    private void endOfLine() {
        if (overflow) {
            overflow = false;
            clear();
            return;
        }
        if (len == 0) {
            return; // an empty line, or the LF of a CR LF under ANY_LINE_END
        }
        if (replyPrefix.length > 0) {
            int at = lastIndexOf(cur, len, replyPrefix);
            if (at >= 0) {
                // A status reply; bytes before it are a code whose end never came (the reply cut it off).
                if (at > 0) {
                    results.add(new Result.Dropped(DropReason.INTERRUPTED, at));
                }
                results.add(new Result.Reply(Arrays.copyOfRange(cur, at, len)));
                clear();
                return;
            }
        }
        int start = 0;
        int stop = len;
        int noise = 0;
        if (prefix.length > 0) {
            int at = lastIndexOf(cur, len, prefix);
            if (at < 0) {
                results.add(new Result.Dropped(DropReason.NO_PREFIX, len));
                clear();
                return;
            }
            noise = at;
            start = at + prefix.length;
        }
        if (suffix.length > 0) {
            if (stop - start < suffix.length || !regionEquals(cur, stop - suffix.length, suffix)) {
                results.add(new Result.Dropped(DropReason.NO_SUFFIX, len));
                clear();
                return;
            }
            stop -= suffix.length;
        }
        if (stop - start > maxLength) {
            results.add(new Result.Dropped(DropReason.TOO_LONG, len));
        } else if (stop > start) {
            results.add(new Result.Code(Arrays.copyOfRange(cur, start, stop), noise));
        }
        clear();
    }

    private void clear() {
        Arrays.fill(cur, 0, len, (byte) 0);
        len = 0;
    }

    private static int lastIndexOf(byte[] buf, int n, byte[] needle) {
        outer:
        for (int i = n - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean regionEquals(byte[] buf, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (buf[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}

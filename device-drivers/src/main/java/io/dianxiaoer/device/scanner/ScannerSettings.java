package io.dianxiaoer.device.scanner;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the serial scanner is set up, and the driver's timing.
 *
 * <p>Byte strings (prefix, suffix, commands) are given as Java strings of characters U+0000–U+00FF,
 * one character per byte (ISO-8859-1), so that control bytes can be written: {@code "\u0016T\r"}.
 *
 * @param terminator        what ends a code
 * @param prefix            bytes the scanner puts before every code ("" for none). When set, a frame must contain
 *                          it; bytes before its last occurrence are line noise and dropped
 * @param suffix            bytes the scanner puts after every code, before the terminator ("" for none). When set,
 *                          a frame must end with it
 * @param trigger           for scanners in command-trigger mode: the trigger command and how often to repeat it
 * @param probe             a status query the scanner answers, sent while idle to tell a silent scanner from an
 *                          idle one (without it, silence cannot be told apart from nobody scanning)
 * @param partialTimeout    a code whose next byte does not come within this time is discarded (counted)
 * @param maxLength         bytes of one code, prefix and suffix excluded; a longer one is discarded (counted)
 * @param charset           how the scanner encodes text (UTF-8 on most; GB18030 on some older ones)
 * @param readTimeout       how long one read waits: bounds how quickly close() and timeouts are noticed
 * @param reconnectDelay    wait between attempts to reopen a missing port
 * @param errorWindow       errors are counted over this window …
 * @param degradedAfterErrors … and this many in the window make the scanner DEGRADED, until a window passes without
 */
public record ScannerSettings(Terminator terminator, String prefix, String suffix, Optional<Trigger> trigger,
                              Optional<Probe> probe, Duration partialTimeout, int maxLength, Charset charset,
                              Duration readTimeout, Duration reconnectDelay, Duration errorWindow,
                              int degradedAfterErrors) {

    /** A trigger command, sent when the port opens, on {@link SerialCodeScanner#trigger()} and every {@code every}. */
    public record Trigger(String command, Duration every) {
        public Trigger {
            requireBytes(command, "trigger command");
            if (command.isEmpty() || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("trigger needs a command and a positive interval");
            }
        }
    }

    /**
     * A status query: {@code command} is sent every {@code every} while idle; a line starting with
     * {@code replyPrefix} within {@code timeout} is the answer (it is not a code).
     */
    public record Probe(String command, String replyPrefix, Duration every, Duration timeout) {
        public Probe {
            requireBytes(command, "probe command");
            requireBytes(replyPrefix, "probe reply prefix");
            if (command.isEmpty() || replyPrefix.isEmpty() || every.isNegative() || every.isZero()
                    || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("probe needs a command, a reply prefix and positive times");
            }
        }
    }

    /** The status query of the simulator (modelled on a vendor's serial menu command; see docs/devices.md). */
    public static final Probe SIMULATOR_PROBE =
            new Probe("\u0016M\rREVINF.", "REVINF", Duration.ofMillis(1000), Duration.ofMillis(500));

    /** Trigger command of scanners that take the common "SYN T CR" serial trigger. */
    public static final String SYN_T_CR = "\u0016T\r";

    public static final ScannerSettings DEFAULT = new ScannerSettings(Terminator.ANY_LINE_END, "", "",
            Optional.empty(), Optional.empty(), Duration.ofMillis(500), 1024, StandardCharsets.UTF_8,
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), 3);

    public ScannerSettings {
        Objects.requireNonNull(terminator, "terminator");
        requireBytes(prefix, "prefix");
        requireBytes(suffix, "suffix");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(charset, "charset");
        if (prefix.indexOf('\r') >= 0 || prefix.indexOf('\n') >= 0 || suffix.indexOf('\r') >= 0 || suffix.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("prefix and suffix may not hold CR or LF (they end a code)");
        }
        if (maxLength < 1 || maxLength > 65536) {
            throw new IllegalArgumentException("maxLength must be 1..65536");
        }
        for (Duration d : new Duration[] {partialTimeout, readTimeout, reconnectDelay, errorWindow}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("times must be positive");
            }
        }
        if (degradedAfterErrors < 1) {
            throw new IllegalArgumentException("degradedAfterErrors must be at least 1");
        }
    }

    public ScannerSettings withTerminator(Terminator t) {
        return new ScannerSettings(t, prefix, suffix, trigger, probe, partialTimeout, maxLength, charset, readTimeout,
                reconnectDelay, errorWindow, degradedAfterErrors);
    }

    public ScannerSettings withAffixes(String newPrefix, String newSuffix) {
        return new ScannerSettings(terminator, newPrefix, newSuffix, trigger, probe, partialTimeout, maxLength, charset,
                readTimeout, reconnectDelay, errorWindow, degradedAfterErrors);
    }

    public ScannerSettings withTrigger(Trigger t) {
        return new ScannerSettings(terminator, prefix, suffix, Optional.of(t), probe, partialTimeout, maxLength, charset,
                readTimeout, reconnectDelay, errorWindow, degradedAfterErrors);
    }

    public ScannerSettings withProbe(Probe p) {
        return new ScannerSettings(terminator, prefix, suffix, trigger, Optional.of(p), partialTimeout, maxLength,
                charset, readTimeout, reconnectDelay, errorWindow, degradedAfterErrors);
    }

    public ScannerSettings withTiming(Duration newPartialTimeout, Duration newReconnectDelay, Duration newErrorWindow) {
        return new ScannerSettings(terminator, prefix, suffix, trigger, probe, newPartialTimeout, maxLength, charset,
                readTimeout, newReconnectDelay, newErrorWindow, degradedAfterErrors);
    }

    public ScannerSettings withMaxLength(int max) {
        return new ScannerSettings(terminator, prefix, suffix, trigger, probe, partialTimeout, max, charset,
                readTimeout, reconnectDelay, errorWindow, degradedAfterErrors);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void requireBytes(String s, String what) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " must be bytes (characters U+0000-U+00FF)");
            }
        }
    }
}

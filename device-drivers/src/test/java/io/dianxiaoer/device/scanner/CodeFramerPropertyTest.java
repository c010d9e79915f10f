package io.dianxiaoer.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dianxiaoer.device.scanner.CodeFramer.Result;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property tests of {@link CodeFramer}: 100,000 tries in all of random byte streams (with every
 * terminator style, prefixes and suffixes, tiny limits, random chunking and random gaps in time),
 * and of real codes hidden in line noise.
 *
 * <p>For every try: no exception escapes and each try ends in bounded time; no code is longer than
 * the limit or holds a terminator; the results do not depend on how the stream is chunked (when no
 * gap is long enough to time out); the results equal those of a naive reference framer; every code
 * framed cleanly between terminators in noise comes out intact.
 */
class CodeFramerPropertyTest {

    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = 500 * MS;
    private static final ExecutorService BOUNDED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "framer-property");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopExecutor() {
        BOUNDED.shutdownNow();
    }

    // 40,000 + 30,000 + 30,000 = 100,000 tries

    @Property(tries = 40_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void randomStreamsInRandomChunksMatchTheReference(@ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 600) int length,
                                                      @ForAll @IntRange(min = 1, max = 300) int maxChunk,
                                                      @ForAll @IntRange(min = 0, max = 3) int terminatorIndex,
                                                      @ForAll @IntRange(min = 1, max = 64) int maxLength,
                                                      @ForAll @IntRange(min = 0, max = 2) int affixes) {
        Random rnd = new Random(seed);
        Terminator t = Terminator.values()[terminatorIndex];
        byte[] prefix = affixes == 0 ? new byte[0] : new byte[] {0x02};
        byte[] suffix = affixes == 2 ? new byte[] {0x03, 0x04} : new byte[0];
        byte[] stream = randomStream(rnd, length);
        bounded(() -> {
            List<String> whole = run(new CodeFramer(t, prefix, suffix, maxLength, TIMEOUT), stream, rnd, stream.length, 0);
            List<String> chunked = run(new CodeFramer(t, prefix, suffix, maxLength, TIMEOUT), stream, rnd, maxChunk, 0);
            assertThat(chunked).isEqualTo(whole);
            assertThat(whole).isEqualTo(reference(stream, t, prefix, suffix, maxLength));
            checkCodes(whole, t, maxLength);
        });
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void randomStreamsWithGapsInTimeNeverThrowNorHang(@ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 600) int length,
                                                      @ForAll @IntRange(min = 1, max = 100) int maxChunk,
                                                      @ForAll @IntRange(min = 0, max = 3) int terminatorIndex,
                                                      @ForAll @IntRange(min = 1, max = 64) int maxLength) {
        Random rnd = new Random(seed);
        Terminator t = Terminator.values()[terminatorIndex];
        byte[] stream = randomStream(rnd, length);
        bounded(() -> {
            CodeFramer f = new CodeFramer(t, new byte[0], new byte[0], maxLength, TIMEOUT);
            List<String> out = run(f, stream, rnd, maxChunk, 900);
            checkCodes(out, t, maxLength);
            f.tick(Long.MAX_VALUE / 2);
            assertThat(f.hasPartial()).isFalse();
        });
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void codesBetweenTerminatorsSurviveLineNoise(@ForAll long seed,
                                                 @ForAll @IntRange(min = 1, max = 5) int codes,
                                                 @ForAll @IntRange(min = 1, max = 200) int maxChunk) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < codes; i++) {
            byte[] noise = randomStream(rnd, rnd.nextInt(40));
            s.writeBytes(noise);
            s.write('\r');
            s.write('\n');
            String code = randomCode(rnd);
            expected.add(code);
            s.writeBytes(code.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.write('\r');
            s.write('\n');
        }
        byte[] stream = s.toByteArray();
        bounded(() -> {
            List<String> out = run(new CodeFramer(Terminator.ANY_LINE_END, new byte[0], new byte[0], 256, TIMEOUT),
                    stream, rnd, maxChunk, 0);
            assertThat(out).containsSubsequence(expected);
        });
    }

    // ------------------------------------------------------------------------------------------

    private static byte[] randomStream(Random rnd, int length) {
        byte[] b = new byte[length];
        rnd.nextBytes(b);
        // line ends, prefix and suffix bytes are rare in random data: sprinkle them in
        for (int i = 0; i < length; i++) {
            int k = rnd.nextInt(12);
            if (k == 0) {
                b[i] = 0x0D;
            } else if (k == 1) {
                b[i] = 0x0A;
            } else if (k == 2) {
                b[i] = (byte) (0x02 + rnd.nextInt(3));
            }
        }
        return b;
    }

    private static String randomCode(Random rnd) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ:/.-";
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + rnd.nextInt(80); i > 0; i--) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Feeds {@code stream} in chunks; with {@code maxGapMs} > 0 the clock jumps up to that far between chunks. */
    private static List<String> run(CodeFramer f, byte[] stream, Random rnd, int maxChunk, int maxGapMs) {
        List<String> out = new ArrayList<>();
        long now = 0;
        int results = 0;
        for (int i = 0; i < stream.length; ) {
            int n = Math.min(stream.length - i, 1 + rnd.nextInt(maxChunk));
            f.feed(stream, i, n, now);
            i += n;
            if (maxGapMs > 0) {
                now += rnd.nextInt(maxGapMs) * MS;
                f.tick(now);
            }
            Result r;
            while ((r = f.next()) != null) {
                results++;
                out.add(r instanceof Result.Code c ? new String(c.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        : "!" + ((Result.Dropped) r).reason());
            }
        }
        // progress: never more results than bytes fed (+1 for a timeout at the end)
        assertThat(results).isLessThanOrEqualTo(stream.length + 1);
        return out;
    }

    private static void checkCodes(List<String> out, Terminator t, int maxLength) {
        for (String s : out) {
            if (s.startsWith("!")) {
                continue;
            }
            assertThat(s.length()).isBetween(1, maxLength);
            switch (t) {
                case CR -> assertThat(s).doesNotContain("\r");
                case LF -> assertThat(s).doesNotContain("\n");
                case CR_LF -> assertThat(s).doesNotContain("\r\n");
                case ANY_LINE_END -> assertThat(s).doesNotContain("\r").doesNotContain("\n");
            }
        }
    }

    /** A naive framer over the whole buffer: split on terminators, then apply the same rules. */
    private static List<String> reference(byte[] stream, Terminator t, byte[] prefix, byte[] suffix, int maxLength) {
        String s = new String(stream, java.nio.charset.StandardCharsets.ISO_8859_1);
        String p = new String(prefix, java.nio.charset.StandardCharsets.ISO_8859_1);
        String x = new String(suffix, java.nio.charset.StandardCharsets.ISO_8859_1);
        int capacity = prefix.length + maxLength + suffix.length + 1;
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        List<String> out = new ArrayList<>();
        boolean overflow = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean end = switch (t) {
                case CR -> c == '\r';
                case LF -> c == '\n';
                case ANY_LINE_END -> c == '\r' || c == '\n';
                case CR_LF -> c == '\n' && i > 0 && s.charAt(i - 1) == '\r';
            };
            if (end) {
                if (!overflow) {
                    String line = cur.toString();
                    if (t == Terminator.CR_LF && line.endsWith("\r")) {
                        line = line.substring(0, line.length() - 1);
                    }
                    lines.add(line);
                    String r = frame(line, p, x, maxLength);
                    if (r != null) {
                        out.add(r);
                    }
                }
                overflow = false;
                cur.setLength(0);
                continue;
            }
            if (overflow) {
                continue;
            }
            if (cur.length() == capacity) {
                out.add("!TOO_LONG");
                overflow = true;
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        return out;
    }

    private static String frame(String line, String p, String x, int maxLength) {
        if (line.isEmpty()) {
            return null;
        }
        int start = 0;
        int stop = line.length();
        if (!p.isEmpty()) {
            int at = line.lastIndexOf(p);
            if (at < 0) {
                return "!NO_PREFIX";
            }
            start = at + p.length();
        }
        if (!x.isEmpty()) {
            if (stop - start < x.length() || !line.startsWith(x, stop - x.length())) {
                return "!NO_SUFFIX";
            }
            stop -= x.length();
        }
        if (stop - start > maxLength) {
            return "!TOO_LONG";
        }
        return stop > start ? line.substring(start, stop) : null;
    }

    private static void bounded(Runnable check) {
        Future<?> f = BOUNDED.submit(check);
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the framer did not finish within 10 s: it hangs");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("an exception escaped the framer", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

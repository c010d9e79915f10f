package io.dianxiaoer.device.idcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dianxiaoer.device.idcard.SamFrameDecoder.Kind;
import io.dianxiaoer.device.idcard.SamFrameDecoder.Result;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Property tests of {@link SamFrameDecoder}: 100,000 tries in all of random bytes, truncated frames,
 * frames with flipped bytes and mixed streams, each fed in random chunks.
 *
 * <p>For every try: no exception escapes; the decoder makes progress (each result consumes input,
 * so there are never more results than bytes fed) and each try is bounded in time; the results
 * do not depend on the chunking and equal those of a naive whole-buffer reference decoder; every
 * frame yielded re-encodes to bytes found at its place in the input, with a checksum that the test
 * verifies itself; a corrupted frame is yielded only when its corruption left the checksum valid.
 *
 * <p>jqwik draws the structure (seed, sizes, chunk bound); the bytes come from a {@link Random}
 * seeded by jqwik, which keeps each try cheap and reproducible.
 */
class SamFrameDecoderPropertyTest {

    private static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69};
    private static final int MAX_FRAME = SamProtocol.HEADER_LENGTH + SamProtocol.MAX_LEN;
    /** Each try runs here with a generous bound, so that a decoder that spins fails instead of hanging the build. */
    private static final ExecutorService BOUNDED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decoder-property");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopExecutor() {
        BOUNDED.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------
    // properties (30,000 + 20,000 + 30,000 + 20,000 = 100,000 tries)
    // ------------------------------------------------------------------------------------------

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void randomBytes(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int length,
                     @ForAll @IntRange(min = 1, max = 700) int maxChunk) {
        Random rnd = new Random(seed);
        byte[] stream = new byte[length];
        rnd.nextBytes(stream);
        // random data almost never holds a preamble: sprinkle some (and some of its prefixes) in
        for (int k = rnd.nextInt(4); k > 0 && length > 8; k--) {
            int at = rnd.nextInt(length - 7);
            System.arraycopy(PREAMBLE, 0, stream, at, 1 + rnd.nextInt(PREAMBLE.length));
        }
        bounded(() -> checkStream(stream, rnd, maxChunk));
    }

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void truncatedValidFrames(@ForAll long seed, @ForAll @IntRange(min = 1, max = 700) int maxChunk) {
        Random rnd = new Random(seed);
        byte[] frame = SamFrames.encode(randomBody(rnd));
        int cut = rnd.nextInt(frame.length); // 0 .. length-1: never whole
        byte[] truncated = Arrays.copyOf(frame, cut);
        bounded(() -> {
            SamFrameDecoder d = new SamFrameDecoder();
            List<Result> out = feedInChunks(d, truncated, rnd, maxChunk);
            assertThat(out).as("a truncated frame yields nothing yet").isEmpty();
            assertThat(d.skippedBytes()).isZero();
            assertThat(d.buffered()).isEqualTo(cut);
            // the rest arrives: the frame is whole, exactly once
            List<Result> rest = feedInChunks(d, Arrays.copyOfRange(frame, cut, frame.length), rnd, maxChunk);
            assertThat(rest).hasSize(1);
            assertThat(((Result.Frame) rest.get(0)).body()).isEqualTo(body(frame));
            assertThat(d.buffered()).isZero();
        });
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void framesWithFlippedBytes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int flips,
                                @ForAll @IntRange(min = 1, max = 700) int maxChunk) {
        Random rnd = new Random(seed);
        byte[] original = SamFrames.encode(randomBody(rnd));
        byte[] flipped = original.clone();
        for (int i = 0; i < flips; i++) {
            // mostly the header and checksum, where flips matter most, else anywhere
            int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(8, flipped.length))
                    : rnd.nextInt(flipped.length);
            if (rnd.nextInt(5) == 0) {
                at = flipped.length - 1;
            }
            flipped[at] ^= (byte) (1 + rnd.nextInt(255));
        }
        byte[] good = SamFrames.encode(randomBody(rnd));
        // the flipped frame, a good one, then enough filler to flush any over-long claimed length
        byte[] stream = concat(flipped, good, new byte[MAX_FRAME + 1]);

        bounded(() -> {
            List<Result> out = checkStream(stream, rnd, maxChunk);

            boolean changed = !Arrays.equals(flipped, original);
            boolean headerIntact = Arrays.equals(Arrays.copyOf(flipped, 7), Arrays.copyOf(original, 7));
            boolean checksumStillValid = checksumValidAt(flipped, 0, original.length);
            Result first = out.isEmpty() ? null : out.get(0);
            if (changed && headerIntact && !checksumStillValid) {
                assertThat(first).as("a corrupted frame is reported, never yielded")
                        .isEqualTo(new Result.Corrupt(Kind.BAD_CHECKSUM, detail(flipped, original.length)));
            }
            if (changed && headerIntact && checksumStillValid) {
                // the corruption kept the checksum valid (two flips cancelled out): a frame, byte for byte
                assertThat(first).isInstanceOf(Result.Frame.class);
                assertThat(((Result.Frame) first).body()).isEqualTo(body(flipped));
            }
            if (first instanceof Result.Frame f && startsAt(stream, 0, SamFrames.encode(f.body()))) {
                assertThat(checksumValidAt(stream, 0, SamFrames.encode(f.body()).length)).isTrue();
            }
            // the good frame behind it is found, unless the corrupt one validly swallowed it
            List<byte[]> bodies = frames(out);
            boolean goodFound = bodies.stream().anyMatch(b -> Arrays.equals(b, body(good)));
            boolean swallowed = !out.isEmpty() && out.get(0) instanceof Result.Frame f0
                    && f0.body().length + 8 > flipped.length;
            assertThat(goodFound || swallowed || containsPreambleIn(flipped, 1))
                    .as("resynchronised on the good frame").isTrue();
        });
    }

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void mixedStreams(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int segments,
                      @ForAll @IntRange(min = 1, max = 700) int maxChunk) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        List<byte[]> validFrames = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> { // line noise
                    byte[] junk = new byte[rnd.nextInt(60)];
                    rnd.nextBytes(junk);
                    s.writeBytes(junk);
                }
                case 1 -> { // a valid frame
                    byte[] f = SamFrames.encode(randomBody(rnd));
                    validFrames.add(f);
                    s.writeBytes(f);
                }
                case 2 -> { // a preamble with a random length and a little data
                    s.writeBytes(PREAMBLE);
                    byte[] tail = new byte[2 + rnd.nextInt(20)];
                    rnd.nextBytes(tail);
                    s.writeBytes(tail);
                }
                case 3 -> s.writeBytes(Arrays.copyOf(PREAMBLE, 1 + rnd.nextInt(4))); // a partial preamble
                case 4 -> { // a frame with a flipped byte
                    byte[] f = SamFrames.encode(randomBody(rnd));
                    f[rnd.nextInt(f.length)] ^= (byte) (1 + rnd.nextInt(255));
                    s.writeBytes(f);
                }
                default -> { // the start of a frame that never finishes
                    byte[] f = SamFrames.encode(randomBody(rnd));
                    s.writeBytes(Arrays.copyOf(f, rnd.nextInt(f.length)));
                }
            }
        }
        byte[] stream = s.toByteArray();
        bounded(() -> checkStream(stream, rnd, maxChunk));
    }

    // ------------------------------------------------------------------------------------------
    // the checks every property shares
    // ------------------------------------------------------------------------------------------

    /** Feeds the stream in random chunks and checks the invariants; returns the results. */
    private static List<Result> checkStream(byte[] stream, Random rnd, int maxChunk) {
        SamFrameDecoder d = new SamFrameDecoder();
        List<Result> chunked = feedInChunks(d, stream, rnd, maxChunk);

        // independent of chunking, and what a naive whole-buffer decoder finds
        SamFrameDecoder whole = new SamFrameDecoder();
        whole.feed(stream);
        List<Result> all = drain(whole, stream.length);
        List<Located> reference = reference(stream);
        assertThat(describe(chunked)).isEqualTo(describe(all));
        assertThat(describe(chunked)).isEqualTo(describe(reference.stream().map(Located::result).toList()));

        // every frame re-encodes to the bytes at its place, and that place has a valid checksum
        int from = 0;
        for (Located l : reference) {
            if (l.result() instanceof Result.Frame f) {
                byte[] encoded = SamFrames.encode(f.body());
                assertThat(l.at()).isGreaterThanOrEqualTo(from);
                assertThat(startsAt(stream, l.at(), encoded)).as("frame at %d is in the input", l.at()).isTrue();
                assertThat(checksumValidAt(stream, l.at(), encoded.length)).isTrue();
                from = l.at() + encoded.length;
            }
        }
        // bounded memory: at most one maximal frame plus one read
        assertThat(d.buffered()).isLessThanOrEqualTo(MAX_FRAME + maxChunk);
        assertThat(d.skippedBytes()).isBetween(0L, (long) stream.length);
        return chunked;
    }

    private static List<Result> feedInChunks(SamFrameDecoder d, byte[] stream, Random rnd, int maxChunk) {
        List<Result> out = new ArrayList<>();
        int i = 0;
        long fed = 0;
        while (i < stream.length) {
            int n = Math.min(stream.length - i, 1 + rnd.nextInt(maxChunk));
            // feed from an offset inside a larger array, as a transport read buffer does
            byte[] readBuf = new byte[n + 3];
            System.arraycopy(stream, i, readBuf, 2, n);
            d.feed(readBuf, 2, n);
            i += n;
            fed += n;
            out.addAll(drain(d, fed));
            assertThat(d.buffered()).isLessThanOrEqualTo(MAX_FRAME + maxChunk);
        }
        return out;
    }

    /** Calls next() until null; fails if the decoder yields more results than bytes it was fed (no progress). */
    private static List<Result> drain(SamFrameDecoder d, long bytesFed) {
        List<Result> out = new ArrayList<>();
        Result r;
        while ((r = d.next()) != null) {
            out.add(r);
            if (out.size() > bytesFed + 1) {
                fail("decoder yields results without consuming input (%d results from %d bytes)", out.size(), bytesFed);
            }
        }
        return out;
    }

    private static void bounded(Runnable check) {
        Future<?> f = BOUNDED.submit(check);
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("a decoder try did not finish in 30 s: it loops");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // the reference: the protocol rules applied to the whole buffer at once, by index
    // ------------------------------------------------------------------------------------------

    private record Located(int at, Result result) {
    }

    private static List<Located> reference(byte[] s) {
        List<Located> out = new ArrayList<>();
        int p = 0;
        while (true) {
            int q = indexOf(s, PREAMBLE, p);
            if (q < 0 || q + SamProtocol.HEADER_LENGTH > s.length) {
                return out;
            }
            int len = ((s[q + 5] & 0xFF) << 8) | (s[q + 6] & 0xFF);
            if (len < SamProtocol.MIN_LEN || len > SamProtocol.MAX_LEN) {
                out.add(new Located(q, new Result.Corrupt(Kind.BAD_LENGTH, "")));
                p = q + 1;
                continue;
            }
            int total = SamProtocol.HEADER_LENGTH + len;
            if (q + total > s.length) {
                return out;
            }
            if (checksumValidAt(s, q, total)) {
                out.add(new Located(q, new Result.Frame(Arrays.copyOfRange(s, q + 7, q + total - 1))));
                p = q + total;
            } else {
                out.add(new Located(q, new Result.Corrupt(Kind.BAD_CHECKSUM, "")));
                p = q + 1;
            }
        }
    }

    /** The test's own checksum rule: XOR of everything after the preamble, before the last byte. */
    private static boolean checksumValidAt(byte[] s, int at, int total) {
        if (at + total > s.length || total < 8) {
            return false;
        }
        int x = 0;
        for (int i = at + 5; i < at + total - 1; i++) {
            x ^= s[i] & 0xFF;
        }
        return x == (s[at + total - 1] & 0xFF);
    }

    private static String detail(byte[] frame, int total) {
        int x = 0;
        for (int i = 5; i < total - 1; i++) {
            x ^= frame[i] & 0xFF;
        }
        return String.format("checksum %02X, expected %02X", frame[total - 1] & 0xFF, x);
    }

    private static List<String> describe(List<Result> rs) {
        return rs.stream().map(r -> r instanceof Result.Frame f
                ? "frame " + java.util.HexFormat.of().formatHex(f.body())
                : "corrupt " + ((Result.Corrupt) r).kind()).toList();
    }

    private static List<byte[]> frames(List<Result> rs) {
        return rs.stream().filter(r -> r instanceof Result.Frame).map(r -> ((Result.Frame) r).body()).toList();
    }

    /** A body of 2 .. MAX_LEN-1 bytes, mostly short, sometimes as long as a read reply or longer. */
    private static byte[] randomBody(Random rnd) {
        int n = switch (rnd.nextInt(10)) {
            case 0 -> SamProtocol.MAX_LEN - 1 - rnd.nextInt(1300);
            case 1, 2, 3 -> 2 + rnd.nextInt(1400);
            default -> 2 + rnd.nextInt(24);
        };
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, SamProtocol.HEADER_LENGTH, frame.length - 1);
    }

    private static boolean startsAt(byte[] s, int at, byte[] what) {
        return at + what.length <= s.length && Arrays.equals(s, at, at + what.length, what, 0, what.length);
    }

    private static boolean containsPreambleIn(byte[] s, int from) {
        return indexOf(s, PREAMBLE, from) >= 0;
    }

    private static int indexOf(byte[] s, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= s.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (s[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        return Hex.concat(parts);
    }
}

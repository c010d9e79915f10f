package io.dianxiaoer.device.locker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dianxiaoer.device.locker.LockerFrameDecoder.Expectation;
import io.dianxiaoer.device.locker.LockerFrameDecoder.Result;
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
 * Property tests of {@link LockerFrameDecoder}: 100,000 tries in all of random bytes, valid replies
 * with corrupted bytes, truncated replies, and mixed bus traffic (replies of other boards, line
 * noise, the echo of our command), each fed in random chunks under a random expectation.
 *
 * <p>For every try: no exception escapes and each try ends in bounded time; the decoder makes
 * progress (never more results than bytes); results do not depend on the chunking and equal those of
 * a naive whole-buffer reference; every frame yielded has the expected head, board (and lock), length,
 * trailer and a checksum the test verifies itself; an uncorrupted reply is always found.
 */
class LockerFrameDecoderPropertyTest {

    private static final ExecutorService BOUNDED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "locker-decoder-property");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopExecutor() {
        BOUNDED.shutdownNow();
    }

    // 30,000 + 30,000 + 20,000 + 20,000 = 100,000 tries

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void randomBytes(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int length,
                     @ForAll @IntRange(min = 1, max = 200) int maxChunk) {
        Random rnd = new Random(seed);
        Expectation e = randomExpectation(rnd);
        byte[] stream = new byte[length];
        rnd.nextBytes(stream);
        // heads and the board byte are rare in random data: sprinkle them in
        for (int i = 0; i < length; i++) {
            int k = rnd.nextInt(10);
            if (k == 0) {
                stream[i] = (byte) e.head();
            } else if (k == 1) {
                stream[i] = (byte) e.board();
            } else if (k == 2) {
                stream[i] = (byte) LockerProtocol.BOARD_TRAILER;
            }
        }
        bounded(() -> check(e, stream, rnd, maxChunk));
    }

    @Property(tries = 30_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void corruptedReplies(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int flips,
                          @ForAll @IntRange(min = 1, max = 50) int maxChunk) {
        Random rnd = new Random(seed);
        Expectation e = randomExpectation(rnd);
        byte[] reply = validReply(e, rnd);
        byte[] corrupted = reply.clone();
        for (int k = 0; k < flips; k++) {
            corrupted[rnd.nextInt(corrupted.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        byte[] stream = concat(noise(rnd, 8), corrupted, noise(rnd, 8));
        bounded(() -> {
            List<String> out = check(e, stream, rnd, maxChunk);
            if (Arrays.equals(reply, corrupted)) {
                assertThat(out).contains(hex(reply));
            }
        });
    }

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void truncatedReplies(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int maxChunk) {
        Random rnd = new Random(seed);
        Expectation e = randomExpectation(rnd);
        byte[] reply = validReply(e, rnd);
        byte[] cut = Arrays.copyOf(reply, rnd.nextInt(reply.length));
        bounded(() -> {
            List<String> out = check(e, cut, rnd, maxChunk);
            assertThat(out).noneMatch(s -> !s.startsWith("!"));
        });
    }

    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN, shrinking = ShrinkingMode.BOUNDED)
    void busTraffic(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int parts,
                    @ForAll @IntRange(min = 1, max = 100) int maxChunk) {
        Random rnd = new Random(seed);
        Expectation e = randomExpectation(rnd);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        byte[] reply = validReply(e, rnd);
        for (int k = 0; k < parts; k++) {
            switch (rnd.nextInt(4)) {
                case 0 -> s.writeBytes(noise(rnd, 12));
                case 1 -> s.writeBytes(LockerProtocol.boardReply((e.board() + 1) & 0xFF, new byte[1 + rnd.nextInt(3)], null));
                case 2 -> s.writeBytes(LockerProtocol.openLock(e.board(), 1 + rnd.nextInt(64)));
                default -> {
                    byte[] bad = validReply(e, rnd);
                    bad[bad.length - 1] ^= 0x40;
                    s.writeBytes(bad);
                }
            }
        }
        s.writeBytes(reply);
        byte[] stream = s.toByteArray();
        bounded(() -> {
            List<String> out = check(e, stream, rnd, maxChunk);
            // the reply at the end is found, unless an earlier candidate overlapping it was taken for a frame
            assertThat(out.stream().filter(x -> !x.startsWith("!")).count()).isPositive();
        });
    }

    // ------------------------------------------------------------------------------------------

    private static Expectation randomExpectation(Random rnd) {
        int board = rnd.nextInt(256);
        if (rnd.nextBoolean()) {
            return Expectation.boardReply(board, 1 + rnd.nextInt(LockerProtocol.MAX_LOCKS), rnd.nextBoolean());
        }
        return Expectation.lockReply(rnd.nextBoolean() ? LockerProtocol.OPEN_HEAD : LockerProtocol.READ_HEAD, board,
                1 + rnd.nextInt(LockerProtocol.MAX_LOCKS));
    }

    private static byte[] validReply(Expectation e, Random rnd) {
        if (e.wholeBoard()) {
            int n = (e.length() - 4);
            byte[] maps = new byte[n];
            rnd.nextBytes(maps);
            byte[] f = new byte[e.length()];
            f[0] = (byte) e.head();
            f[1] = (byte) e.board();
            System.arraycopy(maps, 0, f, 2, n);
            f[f.length - 2] = (byte) LockerProtocol.BOARD_TRAILER;
            f[f.length - 1] = LockerProtocol.xor(f, 0, f.length - 1);
            return f;
        }
        return LockerProtocol.frame(e.head(), e.board(), e.lock(), rnd.nextBoolean() ? 0x11 : 0x00);
    }

    private static byte[] noise(Random rnd, int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            s.writeBytes(p);
        }
        return s.toByteArray();
    }

    /** Decodes whole and in random chunks; both must match the reference; every frame must verify. */
    private static List<String> check(Expectation e, byte[] stream, Random rnd, int maxChunk) {
        List<String> whole = decode(e, stream, rnd, stream.length);
        List<String> chunked = decode(e, stream, rnd, maxChunk);
        assertThat(chunked).isEqualTo(whole);
        assertThat(whole).isEqualTo(reference(e, stream));
        for (String s : whole) {
            if (!s.startsWith("!")) {
                byte[] f = java.util.HexFormat.of().parseHex(s);
                assertThat(f).hasSize(e.length());
                assertThat(f[0] & 0xFF).isEqualTo(e.head());
                assertThat(f[1] & 0xFF).isEqualTo(e.board());
                if (e.wholeBoard()) {
                    assertThat(f[f.length - 2] & 0xFF).isEqualTo(LockerProtocol.BOARD_TRAILER);
                } else {
                    assertThat(f[2] & 0xFF).isEqualTo(e.lock());
                }
                byte x = 0;
                for (int i = 0; i < f.length - 1; i++) {
                    x ^= f[i];
                }
                assertThat(f[f.length - 1]).isEqualTo(x);
            }
        }
        return whole;
    }

    private static List<String> decode(Expectation e, byte[] stream, Random rnd, int maxChunk) {
        LockerFrameDecoder d = new LockerFrameDecoder();
        d.expect(e);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stream.length || i == 0; ) {
            int n = Math.min(stream.length - i, 1 + rnd.nextInt(Math.max(1, maxChunk)));
            d.feed(stream, i, n);
            i += n;
            Result r;
            while ((r = d.next()) != null) {
                out.add(r instanceof Result.Frame f ? hex(f.bytes()) : "!" + ((Result.Corrupt) r).kind());
            }
            if (stream.length == 0) {
                break;
            }
        }
        assertThat(out.size()).isLessThanOrEqualTo(stream.length);
        assertThat(d.buffered()).isLessThan(e.length());
        return out;
    }

    /** Naive: scan left to right; a full candidate is a frame (jump past it) or a corruption (step one). */
    private static List<String> reference(Expectation e, byte[] s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length) {
            boolean head = (s[i] & 0xFF) == e.head()
                    && (i + 1 >= s.length || (s[i + 1] & 0xFF) == e.board())
                    && (e.wholeBoard() || i + 2 >= s.length || (s[i + 2] & 0xFF) == e.lock());
            if (!head) {
                i++;
                continue;
            }
            if (i + e.length() > s.length) {
                break;
            }
            int last = i + e.length() - 1;
            if (e.wholeBoard() && (s[last - 1] & 0xFF) != LockerProtocol.BOARD_TRAILER) {
                out.add("!BAD_TRAILER");
                i++;
                continue;
            }
            if (LockerProtocol.xor(s, i, last) != s[last]) {
                out.add("!BAD_CHECKSUM");
                i++;
                continue;
            }
            out.add(hex(Arrays.copyOfRange(s, i, last + 1)));
            i = last + 1;
        }
        return out;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static void bounded(Runnable check) {
        Future<?> f = BOUNDED.submit(check);
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("the decoder did not finish within 10 s: it hangs");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("an exception escaped the decoder", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

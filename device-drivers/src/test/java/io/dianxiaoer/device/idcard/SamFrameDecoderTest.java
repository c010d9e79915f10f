package io.dianxiaoer.device.idcard;

import static io.dianxiaoer.device.idcard.Hex.bytes;
import static io.dianxiaoer.device.idcard.Hex.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.device.idcard.SamFrameDecoder.Kind;
import io.dianxiaoer.device.idcard.SamFrameDecoder.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken input, garbage, split and merged reads. */
class SamFrameDecoderTest {

    private static final byte[] FIND_OK = bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97");
    private static final byte[] SELECT_OK = concat(bytes("AA AA AA 96 69 00 0C 00 00 90"), new byte[8], bytes("9C"));

    private final SamFrameDecoder decoder = new SamFrameDecoder();

    @Test
    void wrongChecksumIsCorruptAndTheNextGoodFrameStillDecodes() {
        byte[] bad = FIND_OK.clone();
        bad[bad.length - 1] ^= 0x01;
        decoder.feed(concat(bad, SELECT_OK));

        Result first = decoder.next();
        assertThat(first).isInstanceOfSatisfying(Result.Corrupt.class, c -> {
            assertThat(c.kind()).isEqualTo(Kind.BAD_CHECKSUM);
            assertThat(c.detail()).contains("96").contains("97");
        });
        assertThat(bodies(drain())).containsExactly(body(SELECT_OK));
    }

    @Test
    void aFlippedBodyByteIsABadChecksum() {
        byte[] bad = SELECT_OK.clone();
        bad[12] ^= 0x40;
        decoder.feed(bad);
        assertThat(decoder.next()).isEqualTo(new Result.Corrupt(Kind.BAD_CHECKSUM, "checksum 9C, expected DC"));
        assertThat(decoder.next()).isNull();
    }

    @ParameterizedTest(name = "LEN {0}")
    @ValueSource(ints = {0, 1, 2, SamProtocol.MAX_LEN + 1, 0xFFFF})
    void lengthOutsideTheLimitsIsBadLengthThenResync(int len) {
        byte[] bad = concat(bytes("AA AA AA 96 69"), new byte[] {(byte) (len >> 8), (byte) len}, new byte[] {1, 2, 3});
        decoder.feed(concat(bad, FIND_OK));

        Result first = decoder.next();
        assertThat(first).isInstanceOfSatisfying(Result.Corrupt.class, c -> {
            assertThat(c.kind()).isEqualTo(Kind.BAD_LENGTH);
            assertThat(c.detail()).contains(Integer.toString(len));
        });
        assertThat(bodies(drain())).containsExactly(body(FIND_OK));
    }

    @Test
    void lengthAtTheLimitsIsAccepted() {
        byte[] smallest = SamFrames.encode(new byte[SamProtocol.MIN_LEN - 1]);
        byte[] largest = SamFrames.encode(new byte[SamProtocol.MAX_LEN - 1]);
        decoder.feed(concat(smallest, largest));
        assertThat(drain()).hasSize(2).allMatch(r -> r instanceof Result.Frame);
    }

    @Test
    void aTruncatedFrameNeedsMoreBytesAndThrowsNothing() {
        for (int cut = 0; cut < SELECT_OK.length; cut++) {
            SamFrameDecoder d = new SamFrameDecoder();
            d.feed(SELECT_OK, 0, cut);
            assertThat(d.next()).as("first %d bytes", cut).isNull();
            assertThat(d.next()).isNull();
            // the rest arrives later: the frame is whole
            d.feed(SELECT_OK, cut, SELECT_OK.length - cut);
            assertThat(d.next()).as("after the rest of %d", cut).isInstanceOf(Result.Frame.class);
            assertThat(d.skippedBytes()).isZero();
        }
    }

    @Test
    void garbageBeforeThePreambleIsSkippedAndCounted() {
        byte[] junk = bytes("00 11 AA 22 AA AA 96 AA AA AA 96 FF 69 AA");
        decoder.feed(concat(junk, FIND_OK));
        assertThat(bodies(drain())).containsExactly(body(FIND_OK));
        assertThat(decoder.skippedBytes()).isEqualTo(junk.length);
        assertThat(decoder.buffered()).isZero();
    }

    @Test
    void aPartialPreambleRightBeforeTheRealOneIsSkipped() {
        // "AA AA 96" looks like the end of a preamble; then the real frame follows
        byte[] junk = bytes("AA AA 96");
        decoder.feed(concat(junk, FIND_OK));
        assertThat(bodies(drain())).containsExactly(body(FIND_OK));
        assertThat(decoder.skippedBytes()).isEqualTo(3);

        SamFrameDecoder d2 = new SamFrameDecoder();
        byte[] junk2 = bytes("AA AA AA AA 96 69 AA AA");   // an extra AA, then a stray preamble start
        d2.feed(junk2);
        // the stray "AA AA AA AA 96 69" contains a preamble at offset 1: its LEN bytes are AA AA → too long
        List<Result> rs = new ArrayList<>();
        Result r;
        while ((r = d2.next()) != null) {
            rs.add(r);
        }
        d2.feed(FIND_OK);
        while ((r = d2.next()) != null) {
            rs.add(r);
        }
        assertThat(rs).filteredOn(x -> x instanceof Result.Frame).hasSize(1);
        assertThat(bodies(rs)).containsExactly(body(FIND_OK));
    }

    @Test
    void garbageWithoutAPreambleIsDroppedButATailThatMightStartOneIsKept() {
        decoder.feed(bytes("01 02 03 04 05 06 07 08 AA AA"));
        assertThat(decoder.next()).isNull();
        assertThat(decoder.buffered()).isLessThan(SamProtocol.HEADER_LENGTH - 2);
        decoder.feed(bytes("AA 96 69 00 08 00 00 9F 00 00 00 00 97"));
        assertThat(bodies(drain())).containsExactly(body(FIND_OK));
        assertThat(decoder.skippedBytes()).isEqualTo(8);
    }

    @Test
    void aReplyFedOneByteAtATimeIsTheSameFrame() {
        byte[] read = readReply();
        List<Result> out = new ArrayList<>();
        for (byte b : read) {
            decoder.feed(new byte[] {b});
            Result r;
            while ((r = decoder.next()) != null) {
                out.add(r);
            }
        }
        assertThat(bodies(out)).containsExactly(body(read));
    }

    @Test
    void randomChunkingsGiveTheSameFrames() {
        byte[] stream = concat(bytes("13 37"), FIND_OK, SELECT_OK, readReply(), FIND_OK);
        List<byte[]> expected = List.of(body(FIND_OK), body(SELECT_OK), body(readReply()), body(FIND_OK));
        Random rnd = new Random(20240611);
        for (int run = 0; run < 500; run++) {
            SamFrameDecoder d = new SamFrameDecoder();
            List<Result> out = new ArrayList<>();
            int i = 0;
            while (i < stream.length) {
                int n = Math.min(stream.length - i, 1 + rnd.nextInt(run % 2 == 0 ? 8 : 2048));
                d.feed(stream, i, n);
                i += n;
                Result r;
                while ((r = d.next()) != null) {
                    out.add(r);
                }
            }
            assertThat(bodies(out)).as("run %d", run).containsExactlyElementsOf(expected);
            assertThat(d.skippedBytes()).isEqualTo(2);
            assertThat(d.buffered()).isZero();
        }
    }

    @Test
    void twoFramesInOneFeedAreBothYielded() {
        decoder.feed(concat(FIND_OK, SELECT_OK));
        assertThat(bodies(drain())).containsExactly(body(FIND_OK), body(SELECT_OK));
    }

    @Test
    void resetForgetsBufferedBytes() {
        decoder.feed(SELECT_OK, 0, 10);
        assertThat(decoder.buffered()).isEqualTo(10);
        decoder.reset();
        assertThat(decoder.buffered()).isZero();
        decoder.feed(FIND_OK);
        assertThat(bodies(drain())).containsExactly(body(FIND_OK));
    }

    @Test
    void memoryStaysBoundedUnderEndlessGarbage() {
        Random rnd = new Random(7);
        byte[] junk = new byte[4096];
        for (int i = 0; i < 2000; i++) {
            rnd.nextBytes(junk);
            decoder.feed(junk);
            while (decoder.next() != null) {
                // drain corrupt results
            }
            assertThat(decoder.buffered()).isLessThanOrEqualTo(SamProtocol.HEADER_LENGTH + SamProtocol.MAX_LEN);
        }
        decoder.feed(FIND_OK);
        // a random claimed length may still be pending in front of the good frame: push it through
        decoder.feed(new byte[SamProtocol.MAX_LEN + SamProtocol.HEADER_LENGTH]);
        decoder.feed(FIND_OK);
        assertThat(bodies(drain())).isNotEmpty().allSatisfy(b -> assertThat(b).isEqualTo(body(FIND_OK)));
    }

    @Test
    void consumedFramesAreWipedFromTheBuffer() throws Exception {
        byte[] read = readReply();
        decoder.feed(read);
        assertThat(decoder.next()).isInstanceOf(Result.Frame.class);
        var f = SamFrameDecoder.class.getDeclaredField("buf");
        f.setAccessible(true);
        byte[] buf = (byte[]) f.get(decoder);
        assertThat(buf).containsOnly((byte) 0);
    }

    /** A text + photo reply whose data is not all zeros. */
    static byte[] readReply() {
        byte[] data = new byte[4 + 256 + 1024];
        new Random(1).nextBytes(data);
        data[0] = 1;
        data[1] = 0;
        data[2] = 4;
        data[3] = 0;
        return SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, data));
    }

    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, SamProtocol.HEADER_LENGTH, frame.length - 1);
    }

    private List<Result> drain() {
        List<Result> out = new ArrayList<>();
        Result r;
        while ((r = decoder.next()) != null) {
            out.add(r);
        }
        return out;
    }

    /** The bodies of the frames, corrupt results left out. */
    private static List<byte[]> bodies(List<Result> results) {
        return results.stream().filter(r -> r instanceof Result.Frame).map(r -> ((Result.Frame) r).body()).toList();
    }
}

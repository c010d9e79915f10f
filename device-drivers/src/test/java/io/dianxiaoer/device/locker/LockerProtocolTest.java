package io.dianxiaoer.device.locker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.device.locker.LockerFrameDecoder.Expectation;
import io.dianxiaoer.device.locker.LockerFrameDecoder.Result;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The byte examples of protocols.md and of public descriptions of the 8A/80 board family. */
class LockerProtocolTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    @Test
    void commandsMatchThePublishedExamples() {
        assertThat(HEX.formatHex(LockerProtocol.openLock(1, 1))).isEqualTo("8A 01 01 11 9B");
        assertThat(HEX.formatHex(LockerProtocol.readBoard(1))).isEqualTo("80 01 00 33 B2");
        assertThat(HEX.formatHex(LockerProtocol.readLock(1, 1))).isEqualTo("80 01 01 33 B3");
        assertThat(HEX.formatHex(LockerProtocol.openLock(1, 6))).isEqualTo("8A 01 06 11 9C");
        assertThat(HEX.formatHex(LockerProtocol.openLock(1, 7))).isEqualTo("8A 01 07 11 9D");
        assertThat(HEX.formatHex(LockerProtocol.frame(0x8A, 1, 0, 0x11))).isEqualTo("8A 01 00 11 9A");
    }

    @Test
    void boardRepliesCarryBitmapsAndTheTrailer() {
        // a 24-channel board with every door open under CLOSED_READS_11 (seen on real boards: 80 01 00 00 00 33 B2)
        assertThat(HEX.formatHex(LockerProtocol.boardReply(1, new byte[3], null))).isEqualTo("80 01 00 00 00 33 B2");
        byte[] withPresence = LockerProtocol.boardReply(2, new byte[] {0x05, 0x00}, new byte[] {0x04, 0x00});
        assertThat(HEX.formatHex(withPresence)).isEqualTo("80 02 05 00 04 00 33 B0");
        assertThat(LockerProtocol.boardReplyLength(12, true)).isEqualTo(8);
        assertThat(LockerProtocol.boardReplyLength(24, false)).isEqualTo(7);
        assertThat(LockerProtocol.boardReplyLength(8, false)).isEqualTo(5);
    }

    @Test
    void bitsAndPolarity() {
        LockerReply.BoardStatus s = new LockerReply.BoardStatus(2, new byte[] {0x05, 0x00}, Optional.of(new byte[] {0x04, 0x01}));
        assertThat(s.closed(1, HookPolarity.CLOSED_READS_11)).isTrue();
        assertThat(s.closed(2, HookPolarity.CLOSED_READS_11)).isFalse();
        assertThat(s.closed(3, HookPolarity.CLOSED_READS_11)).isTrue();
        assertThat(s.closed(1, HookPolarity.CLOSED_READS_00)).isFalse();
        assertThat(s.itemPresent(3)).contains(true);
        assertThat(s.itemPresent(9)).contains(true);
        assertThat(s.itemPresent(1)).contains(false);
        assertThat(new LockerReply.BoardStatus(1, new byte[1], Optional.empty()).itemPresent(1)).isEmpty();

        assertThat(HookPolarity.CLOSED_READS_11.closedState(0x11)).isTrue();
        assertThat(HookPolarity.CLOSED_READS_11.closedState(0x00)).isFalse();
        assertThat(HookPolarity.CLOSED_READS_00.closedState(0x00)).isTrue();
        assertThatThrownBy(() -> HookPolarity.CLOSED_READS_11.closedState(0x33))
                .isInstanceOf(LockerProtocolException.class).hasMessageContaining("neither 00 nor 11");
        for (HookPolarity p : HookPolarity.values()) {
            assertThat(p.closedState(p.state(true))).isTrue();
            assertThat(p.closedState(p.state(false))).isFalse();
            assertThat(p.closedBit(p.bit(true))).isTrue();
        }
    }

    @Test
    void theDecoderFindsTheReplyBehindNoiseAndRejectsCorruptOnes() {
        LockerFrameDecoder d = new LockerFrameDecoder();
        d.expect(Expectation.lockReply(0x8A, 1, 1));
        byte[] stream = hex("FF 8A 00 8A 01 01 00 77 8A 01 01 11 9B");
        d.feed(stream, 0, stream.length);
        Result r1 = d.next();
        assertThat(r1).isInstanceOf(Result.Corrupt.class); // 8A 01 01 00 77: bad checksum
        Result r2 = d.next();
        assertThat(r2).isInstanceOf(Result.Frame.class);
        assertThat(HEX.formatHex(((Result.Frame) r2).bytes())).isEqualTo("8A 01 01 11 9B");
        assertThat(d.next()).isNull();
        assertThat(d.skippedBytes()).isPositive();

        d.expect(Expectation.boardReply(1, 24, false));
        byte[] bad = hex("80 01 00 00 00 34 B5");
        d.feed(bad, 0, bad.length);
        assertThat(d.next()).isInstanceOfSatisfying(Result.Corrupt.class,
                c -> assertThat(c.kind()).isEqualTo(LockerFrameDecoder.Kind.BAD_TRAILER));
    }

    @Test
    void aReplySplitAcrossReadsIsJoinedAndOtherBoardsAreIgnored() {
        LockerFrameDecoder d = new LockerFrameDecoder();
        d.expect(Expectation.boardReply(2, 12, true));
        byte[] other = LockerProtocol.boardReply(1, new byte[2], new byte[2]);
        byte[] mine = LockerProtocol.boardReply(2, new byte[] {1, 2}, new byte[] {3, 4});
        d.feed(other, 0, other.length);
        assertThat(d.next()).isNull();
        d.feed(mine, 0, 3);
        assertThat(d.next()).isNull();
        d.feed(mine, 3, mine.length - 3);
        assertThat(d.next()).isInstanceOfSatisfying(Result.Frame.class, f -> assertThat(f.bytes()).isEqualTo(mine));
    }

    @Test
    void busDescriptions() {
        assertThat(BoardConfig.parseList("1:12p, 2:8/24")).containsExactly(new BoardConfig(1, 12, 12, true),
                new BoardConfig(2, 8, 24, false));
        assertThat(BoardConfig.parseList("1:12p,2:8/24").stream().map(BoardConfig::spec).toList())
                .isEqualTo(List.of("1:12p", "2:8/24"));
        assertThatThrownBy(() -> BoardConfig.parseList("1:12,1:8")).hasMessageContaining("same address");
        assertThatThrownBy(() -> BoardConfig.parseList("x")).hasMessageContaining("ADDRESS:LOCKS");
        assertThatThrownBy(() -> BoardConfig.parseList("1:30/24")).hasMessageContaining("wires");
        assertThatThrownBy(() -> BoardConfig.parseList("1:99")).hasMessageContaining("channels");
    }
}

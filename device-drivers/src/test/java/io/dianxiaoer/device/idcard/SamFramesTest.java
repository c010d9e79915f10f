package io.dianxiaoer.device.idcard;

import static io.dianxiaoer.device.idcard.Hex.bytes;
import static io.dianxiaoer.device.idcard.Hex.spaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The byte examples of shared/design/protocols.md, one by one. */
class SamFramesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "READ_SAM_ID,                 AA AA AA 96 69 00 03 12 FF EE",
        "FIND_CARD,                   AA AA AA 96 69 00 03 20 01 22",
        "SELECT_CARD,                 AA AA AA 96 69 00 03 20 02 21",
        "READ_TEXT_PHOTO,             AA AA AA 96 69 00 03 30 01 32",
        "READ_TEXT_PHOTO_FINGERPRINT, AA AA AA 96 69 00 03 30 10 23",
        "READ_APPENDED_ADDRESS,       AA AA AA 96 69 00 03 30 03 30",
    })
    void commandFramesAreTheDocumentedBytes(SamCommand command, String expected) {
        assertThat(spaced(SamFrames.encode(command))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} decodes back to its own command")
    @CsvSource({"RESET_SAM", "SAM_STATUS", "READ_SAM_ID", "FIND_CARD", "SELECT_CARD", "READ_TEXT_PHOTO",
        "READ_APPENDED_ADDRESS", "READ_TEXT_PHOTO_FINGERPRINT"})
    void everyCommandRoundTripsThroughTheDecoder(SamCommand command) {
        SamFrameDecoder d = new SamFrameDecoder();
        d.feed(SamFrames.encode(command));
        SamFrameDecoder.Result r = d.next();
        assertThat(r).isInstanceOf(SamFrameDecoder.Result.Frame.class);
        byte[] body = ((SamFrameDecoder.Result.Frame) r).body();
        assertThat(SamCommand.of(body[0] & 0xFF, body[1] & 0xFF)).contains(command);
        assertThat(d.next()).isNull();
    }

    @Test
    void findCardOkReplyDecodesToCardFound() {
        SamReply reply = decodeOne(bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"));
        assertThat(reply.sw1()).isZero();
        assertThat(reply.sw2()).isZero();
        assertThat(reply.sw3()).isEqualTo(0x9F);
        assertThat(reply.status()).contains(SamStatus.CARD_FOUND);
        assertThat(reply.dataLength()).isEqualTo(4);
    }

    @Test
    void selectCardOkReplyDecodesToSuccess() {
        byte[] frame = Hex.concat(bytes("AA AA AA 96 69 00 0C 00 00 90"), new byte[8], bytes("9C"));
        SamReply reply = decodeOne(frame);
        assertThat(reply.sw3()).isEqualTo(0x90);
        assertThat(reply.status()).contains(SamStatus.SUCCESS);
        assertThat(reply.dataLength()).isEqualTo(8);
    }

    @Test
    void documentedRepliesAreWhatEncodeProduces() {
        assertThat(spaced(SamFrames.encode(SamFrames.replyBody(0, 0, 0x9F, new byte[4]))))
                .isEqualTo("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97");
        assertThat(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, new byte[8])))
                .isEqualTo(Hex.concat(bytes("AA AA AA 96 69 00 0C 00 00 90"), new byte[8], bytes("9C")));
    }

    @Test
    void readTextPhotoReplyHasLen0508And1295BytesInAll() {
        byte[] data = new byte[4 + SamProtocol.TEXT_LENGTH + SamProtocol.PHOTO_LENGTH];
        data[0] = 0x01; // text length 256
        data[2] = 0x04; // photo length 1024
        byte[] frame = SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, data));
        assertThat(frame).hasSize(1295);
        assertThat(frame[5] & 0xFF).isEqualTo(0x05);
        assertThat(frame[6] & 0xFF).isEqualTo(0x08);
        SamReply reply = decodeOne(frame);
        assertThat(reply.dataLength()).isEqualTo(data.length);
        assertThat(reply.data()).isEqualTo(data);
    }

    @Test
    void readWithFingerprintReplyHasLen090A() {
        byte[] data = new byte[6 + SamProtocol.TEXT_LENGTH + SamProtocol.PHOTO_LENGTH + SamProtocol.FINGERPRINT_LENGTH];
        byte[] frame = SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, data));
        assertThat(((frame[5] & 0xFF) << 8) | (frame[6] & 0xFF)).isEqualTo(0x090A);
        assertThat(frame).hasSize(SamProtocol.HEADER_LENGTH + 0x090A);
        assertThat(0x090A).isLessThanOrEqualTo(SamProtocol.MAX_LEN);
        assertThat(decodeOne(frame).dataLength()).isEqualTo(data.length);
    }

    @Test
    void checksumIsXorOfLengthAndBody() {
        byte[] frame = SamFrames.encode(new byte[] {0x12, (byte) 0xFF});
        byte x = 0;
        for (int i = 5; i < frame.length - 1; i++) {
            x ^= frame[i];
        }
        assertThat(frame[frame.length - 1]).isEqualTo(x);
        assertThat(Arrays.copyOf(frame, 5)).isEqualTo(bytes("AA AA AA 96 69"));
    }

    @Test
    void aBodyTooLongForTheLengthFieldIsRefused() {
        assertThatThrownBy(() -> SamFrames.encode(new byte[SamProtocol.MAX_LEN]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
        assertThat(SamFrames.encode(new byte[SamProtocol.MAX_LEN - 1])).hasSize(SamProtocol.HEADER_LENGTH + SamProtocol.MAX_LEN);
    }

    @Test
    void replyParseRefusesABodyWithoutStatusWords() {
        assertThatThrownBy(() -> SamReply.parse(new byte[2])).isInstanceOf(SamProtocolException.class)
                .hasMessageContaining("no status words");
    }

    @Test
    void statusWordsOfTheTableAreKnown() {
        int[][] table = {{0x90, 0}, {0x9F, 0}, {0x80, 0}, {0x81, 0}, {0x41, 0}, {0x40, 0}, {0x10, 0}, {0x11, 0},
            {0x21, 0}, {0x31, 0}, {0x32, 0}, {0x33, 0}, {0x60, 1}, {0x66, 1}};
        for (int[] row : table) {
            SamStatus s = SamStatus.of(row[0]).orElseThrow();
            assertThat(s.code()).isEqualTo(row[0]);
            assertThat(s.isReaderFault()).isEqualTo(row[1] == 1);
            assertThat(s.chinese()).isNotBlank();
            assertThat(s.english()).isNotBlank();
        }
        assertThat(SamStatus.of(0x77)).isEmpty();
    }

    private static SamReply decodeOne(byte[] frame) {
        SamFrameDecoder d = new SamFrameDecoder();
        d.feed(frame);
        SamFrameDecoder.Result r = d.next();
        assertThat(r).isInstanceOf(SamFrameDecoder.Result.Frame.class);
        assertThat(d.next()).isNull();
        assertThat(d.skippedBytes()).isZero();
        return SamReply.parse(((SamFrameDecoder.Result.Frame) r).body());
    }
}

package io.dianxiaoer.device.idcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What may reach a log: toString and exception messages carry no data bytes. */
class NoDataInTextTest {

    private static final String SECRET = "张伟310115198503120119";

    @Test
    void samReplyToStringHasStatusWordsAndLengthOnly() {
        byte[] data = SECRET.getBytes(StandardCharsets.UTF_16LE);
        SamReply reply = new SamReply(0x00, 0x00, 0x90, data);
        String s = reply.toString();
        assertThat(s).isEqualTo("SamReply[SW 00 00 90, " + data.length + " data bytes]");
        assertNoTraceOf(s, data);
    }

    @Test
    void samReplyCopiesItsData() {
        byte[] data = {1, 2, 3};
        SamReply reply = new SamReply(0, 0, 0x90, data);
        data[0] = 9;
        assertThat(reply.data()).containsExactly(1, 2, 3);
        reply.data()[1] = 9;
        assertThat(reply.data()).containsExactly(1, 2, 3);
        assertThat(SamReply.parse(new byte[] {0, 0, (byte) 0x9F, 7}).data()).containsExactly(7);
    }

    @Test
    void rawCardDataToStringHasLengthsOnlyAndWipeClearsIt() {
        byte[] text = new byte[256];
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(secret, 0, text, 0, secret.length);
        byte[] photo = new byte[1024];
        photo[0] = 'W';
        photo[1] = 'L';
        RawCardData raw = new RawCardData(text, photo);
        String s = raw.toString();
        assertThat(s).isEqualTo("RawCardData[256 text bytes, 1024 photo bytes, 0 fingerprint bytes]");
        assertNoTraceOf(s, secret);
        raw.wipe();
        assertThat(raw.text()).containsOnly((byte) 0);
        assertThat(raw.photo()).containsOnly((byte) 0);
    }

    @Test
    void statusExceptionsNameCommandAndStatusWordOnly() {
        SamStatusException e = new SamStatusException(SamCommand.READ_TEXT_PHOTO, 0x41);
        assertThat(e.getMessage()).isEqualTo("READ_TEXT_PHOTO answered reading failed, place the card again (41)");
        assertThat(e.status()).contains(SamStatus.READ_FAILED);
        assertThat(e.sw3()).isEqualTo(0x41);
        SamStatusException unknown = new SamStatusException(SamCommand.FIND_CARD, 0x77);
        assertThat(unknown.getMessage()).isEqualTo("FIND_CARD answered unknown status 77");
        assertThat(unknown.status()).isEmpty();
    }

    private static void assertNoTraceOf(String s, byte[] data) {
        assertThat(s).doesNotContain(SECRET).doesNotContain("张伟").doesNotContain("3101");
        assertThat(s.toLowerCase()).doesNotContain(HexFormat.of().formatHex(data, 0, 4));
        assertThat(s.toUpperCase()).doesNotContain(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data, 0, 4));
    }
}

package io.dianxiaoer.sim.emrtd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The virtual chip's BAC and secure messaging against the worked example of ICAO Doc 9303 part 11,
 * appendix D (independent of the reader library), and its refusals.
 */
class EmrtdChipTest {

    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String MRZ_INFO = "L898902C<369080619406236";
    static final byte[] COM = HEX.parseHex("60145F0104303130375F36063034303030305C026175");

    /** Hands out the example's RND.IC, then K.IC. */
    static final class Scripted extends Random {
        final Deque<byte[]> next = new ArrayDeque<>();

        Scripted(String... hex) {
            for (String h : hex) {
                next.add(HEX.parseHex(h));
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] b = next.poll();
            assertThat(b).hasSize(bytes.length);
            System.arraycopy(b, 0, bytes, 0, bytes.length);
        }
    }

    static EmrtdChip exampleChip() {
        return new EmrtdChip(MRZ_INFO, Map.of(ChipFiles.EF_COM, COM),
                new Scripted("4608F91988702212", "0B4F80323EB3191CB04970CB4052790B"));
    }

    static String send(EmrtdChip chip, String apdu) {
        return HEX.formatHex(chip.process(HEX.parseHex(apdu.replace(" ", ""))));
    }

    @Test
    void keyDerivationMatchesAppendixD() {
        byte[] seed = BacCrypto.keySeed(MRZ_INFO);
        assertThat(HEX.formatHex(seed)).isEqualTo("239AB9CB282DAF66231DC5A4DF6BFBAE");
        assertThat(HEX.formatHex(BacCrypto.deriveKey(seed, BacCrypto.ENC))).isEqualTo("AB94FDECF2674FDFB9B391F85D7F76F2");
        assertThat(HEX.formatHex(BacCrypto.deriveKey(seed, BacCrypto.MAC))).isEqualTo("7962D9ECE03D1ACD4C76089DCE131543");
        assertThat(ChipFiles.mrzInformation(new TestPassport("x", "P", "UTO", "A", "B", "L898902C", "UTO", "690806", 'F',
                "940623", "", null, null))).isEqualTo(MRZ_INFO);
    }

    @Test
    void bacAndTheFirstSecureMessagingExchangeMatchAppendixD() {
        EmrtdChip chip = exampleChip();
        assertThat(send(chip, "00A4040C07A0000002471001")).isEqualTo("9000");
        assertThat(send(chip, "0084000008")).isEqualTo("4608F919887022129000");
        String eIfd = "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2";
        String mIfd = "5F1448EEA8AD90A7";
        assertThat(send(chip, "0082000028" + eIfd + mIfd + "28"))
                .isEqualTo("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" + "2F2D235D074D7449" + "9000");
        assertThat(chip.inSecureMessaging()).isTrue();
        // SELECT EF.COM under secure messaging, and the chip's protected answer
        assertThat(send(chip, "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"))
                .isEqualTo("990290008E08FA855A5D4C50A8ED9000");
    }

    @Test
    void otherMrzDataFailsBac() {
        EmrtdChip chip = new EmrtdChip("L898902C<369080729406236", Map.of(ChipFiles.EF_COM, COM),
                new Scripted("4608F91988702212", "0B4F80323EB3191CB04970CB4052790B"));
        send(chip, "00A4040C07A0000002471001");
        send(chip, "0084000008");
        String eIfd = "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2";
        assertThat(send(chip, "0082000028" + eIfd + "5F1448EEA8AD90A7" + "28")).isEqualTo("6300");
        assertThat(chip.inSecureMessaging()).isFalse();
        // a second attempt on the same challenge is refused: one try per challenge
        assertThat(send(chip, "0082000028" + eIfd + "5F1448EEA8AD90A7" + "28")).isEqualTo("6985");
    }

    @Test
    void filesStayClosedWithoutBac() {
        EmrtdChip chip = exampleChip();
        assertThat(send(chip, "00A4020C02011E")).isEqualTo("6A82"); // no application selected
        send(chip, "00A4040C07A0000002471001");
        assertThat(send(chip, "00A4020C02011E")).isEqualTo("6982");
        assertThat(send(chip, "00B0000004")).isEqualTo("6982");
        assertThat(send(chip, "0CB0000004")).isEqualTo("6987"); // secure messaging without a session
        assertThat(send(chip, "00A4040C07A0000002471002")).isEqualTo("6A82"); // another application
    }

    @Test
    void aWrongMacEndsTheSession() {
        EmrtdChip chip = exampleChip();
        send(chip, "00A4040C07A0000002471001");
        send(chip, "0084000008");
        send(chip, "0082000028" + "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2" + "5F1448EEA8AD90A7" + "28");
        assertThat(send(chip, "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F900")).isEqualTo("6988");
        assertThat(chip.inSecureMessaging()).isFalse();
        assertThat(send(chip, "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")).isEqualTo("6987");
    }

    @Test
    void garbageIsRefusedNotThrown() {
        EmrtdChip chip = exampleChip();
        assertThat(send(chip, "00")).isEqualTo("6700");
        assertThat(send(chip, "00A4040C09A000")).isEqualTo("6700");
        assertThat(send(chip, "80CA9F7F00")).isEqualTo("6E00");
        assertThat(send(chip, "00FF000000")).isEqualTo("6D00");
        Random r = new Random(42);
        for (int i = 0; i < 5000; i++) {
            if (i % 500 == 0) { // now and then a fresh session, so that garbage also meets secure messaging
                chip = exampleChip();
                send(chip, "00A4040C07A0000002471001");
                send(chip, "0084000008");
                send(chip, "0082000028" + "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
                        + "5F1448EEA8AD90A7" + "28");
            }
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            if (i % 2 == 0 && b.length > 4) {
                b[0] = 0x0C;
                b[4] = (byte) (b.length - 5);
            }
            byte[] out = chip.process(b);
            assertThat(out.length).isGreaterThanOrEqualTo(2);
        }
    }
}

package io.dianxiaoer.device.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.smartcardio.CardException;
import org.junit.jupiter.api.Test;

/** How PC/SC failures are told apart (the JDK reports them as exception messages holding the result name). */
class PcscServiceTest {

    static CardException jdk(String code) {
        // what sun.security.smartcardio throws: CardException("list() failed", PCSCException(code))
        return new CardException("list() failed", new Exception(code));
    }

    @Test
    void findsTheResultCodeInTheCauses() {
        assertThat(PcscService.resultCode(jdk("SCARD_E_NO_SERVICE"))).isEqualTo("SCARD_E_NO_SERVICE");
        assertThat(PcscService.resultCode(new CardException("connect() failed: SCARD_W_REMOVED_CARD happened")))
                .isEqualTo("SCARD_W_REMOVED_CARD");
        assertThat(PcscService.resultCode(new CardException("nothing"))).isEmpty();
    }

    @Test
    void serviceLossIsNotACardProblem() {
        assertThat(PcscService.isServiceLoss(jdk("SCARD_E_NO_SERVICE"))).isTrue();
        assertThat(PcscService.isServiceLoss(jdk("SCARD_E_SERVICE_STOPPED"))).isTrue();
        assertThat(PcscService.isServiceLoss(jdk("SCARD_W_REMOVED_CARD"))).isFalse();
        assertThat(PcscService.classify(jdk("SCARD_E_NO_SERVICE"), "listing").kind())
                .isEqualTo(PcscException.Kind.SERVICE_UNAVAILABLE);
        assertThat(PcscService.classify(jdk("SCARD_E_NO_SMARTCARD"), "connecting").kind())
                .isEqualTo(PcscException.Kind.NO_CARD);
        assertThat(PcscService.classify(jdk("SCARD_E_PROTO_MISMATCH"), "connecting").kind())
                .isEqualTo(PcscException.Kind.CARD_ERROR);
        assertThat(PcscService.classify(new IllegalArgumentException("Response APDU must be at least 2 bytes"), "APDU")
                .getMessage()).contains("empty or cut off");
        assertThat(PcscService.classify(new UnsatisfiedLinkError("no libpcsclite"), "init").kind())
                .isEqualTo(PcscException.Kind.LIBRARY_MISSING);
    }

    @Test
    void theContextResetFindsTheJdkFields() {
        // runs with --add-opens (surefire argLine); without it the Unsafe path is taken: either way no exception escapes
        long before = PcscService.resets();
        PcscService.resetAfterServiceLoss();
        assertThat(PcscService.resets()).isEqualTo(before + 1);
    }
}

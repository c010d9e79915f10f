package io.dianxiaoer.core.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Iso7064Test {

    @Test
    void publishedVectors() {
        // ISO/IEC 7064 worked examples, and a Croatian OIB (MOD 11,10) known to be valid
        assertThat(Iso7064.mod11_10("0794")).isEqualTo('5');
        assertThat(Iso7064.mod11_10("6943515153")).isEqualTo('0');
        assertThat(Iso7064.mod37_36("A12425GABC1234002")).isEqualTo('M');
    }

    @Test
    void everySingleCharacterChangeIsDetected() {
        String data = "SSM1H1767225600ABCDEFGH23456789";
        char check = Iso7064.mod37_36(data);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int i = 0; i < data.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != data.charAt(i)) {
                    String changed = data.substring(0, i) + c + data.substring(i + 1);
                    assertThat(Iso7064.mod37_36(changed)).as("changed at %d to %s", i, c).isNotEqualTo(check);
                }
            }
        }
    }

    @Test
    void charactersOutsideTheAlphabetAreRefused() {
        assertThatThrownBy(() -> Iso7064.mod37_36("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Iso7064.mod11_10("1A")).isInstanceOf(IllegalArgumentException.class);
    }
}

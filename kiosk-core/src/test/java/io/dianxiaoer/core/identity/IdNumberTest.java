package io.dianxiaoer.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    // The GB 11643 example number, widely published with its check digit X.
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardExampleEndingInX() {
        IdNumber n = IdNumber.parse(STANDARD_EXAMPLE);
        assertThat(n.value()).isEqualTo(STANDARD_EXAMPLE);
        assertThat(n.birthDate()).contains(LocalDate.of(1949, 12, 31));
        assertThat(n.genderFromSequence()).isEqualTo(Gender.FEMALE);
        assertThat(n.regionCode()).isEqualTo("110105");
    }

    @Test
    void acceptsLowerCaseXAndSurroundingSpace() {
        assertThat(IdNumber.parse(" 11010519491231002x ").value()).isEqualTo(STANDARD_EXAMPLE);
    }

    @Test
    void computesCheckDigitsByMod11_2() {
        assertThat(IdNumber.checkDigit("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkDigit("44052418800101001")).isEqualTo('4');
    }

    @Test
    void rejectsWrongCheckDigitWrongLengthAndLetters() {
        assertThatThrownBy(() -> IdNumber.parse("110105194912310021")).hasMessageContaining("check digit");
        assertThatThrownBy(() -> IdNumber.parse("1101051949123100")).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> IdNumber.parse("11010519491231A02X")).hasMessageContaining("not a digit");
        assertThatThrownBy(() -> IdNumber.parse("11010519491231002Y")).hasMessageContaining("digit or X");
    }

    @Test
    void masksAllButTheFirstAndLastFour() {
        IdNumber n = IdNumber.parse(STANDARD_EXAMPLE);
        assertThat(n.masked()).isEqualTo("1101**********002X");
        assertThat(n.toString()).isEqualTo(n.masked()).doesNotContain("19491231");
    }

    @Property(tries = 2000)
    void everyNumberWithItsComputedCheckDigitParses(@ForAll @NumericChars @StringLength(17) String first17) {
        String full = first17 + IdNumber.checkDigit(first17);
        assertThat(IdNumber.parse(full).value()).isEqualTo(full);
    }

    @Property(tries = 2000)
    void changingOneDigitBreaksTheCheck(@ForAll @NumericChars @StringLength(17) String first17,
                                        @ForAll("positions") int pos) {
        String full = first17 + IdNumber.checkDigit(first17);
        char c = full.charAt(pos);
        char changed = (char) ('0' + ((c - '0' + 1) % 10));
        String broken = full.substring(0, pos) + changed + full.substring(pos + 1);
        assertThat(IdNumber.tryParse(broken)).isEmpty();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> positions() {
        return net.jqwik.api.Arbitraries.integers().between(0, 16);
    }
}

package io.dianxiaoer.core.identity.mrtd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.identity.mrtd.InvalidMrzException.Field;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Check digits and MRZ parsing against the specimens of ICAO Doc 9303 (parts 3, 4, 5 and 11). */
class MrzAccessKeyTest {

    // ICAO 9303 part 4, TD3 specimen (Anna Maria Eriksson of Utopia).
    static final String TD3 = """
            P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<
            L898902C36UTO7408122F1204159ZE184226B<<<<<10""";
    // ICAO 9303 part 5, TD1 specimen.
    static final String TD1 = """
            I<UTOD231458907<<<<<<<<<<<<<<<
            7408122F1204159UTO<<<<<<<<<<<6
            ERIKSSON<<ANNA<MARIA<<<<<<<<<<""";

    @Test
    void checkDigitsOfTheIcaoSpecimens() {
        assertThat(MrzCheckDigit.of("L898902C<")).isEqualTo('3');
        assertThat(MrzCheckDigit.of("740812")).isEqualTo('2');
        assertThat(MrzCheckDigit.of("120415")).isEqualTo('9');
        assertThat(MrzCheckDigit.of("ZE184226B<<<<<")).isEqualTo('1');
        assertThat(MrzCheckDigit.of("D23145890")).isEqualTo('7');
        // the composite check digit of the TD3 specimen's second line
        assertThat(MrzCheckDigit.of("L898902C3")).isEqualTo('6');
        assertThat(MrzCheckDigit.of("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1")).isEqualTo('0');
        // part 11 appendix D (BAC worked example)
        assertThat(MrzCheckDigit.of("690806")).isEqualTo('1');
        assertThat(MrzCheckDigit.of("940623")).isEqualTo('6');
    }

    @Test
    void fillerCountsAsZeroAndLettersFromTen() {
        assertThat(MrzCheckDigit.of("<<<<")).isEqualTo('0');
        assertThat(MrzCheckDigit.of("A")).isEqualTo('0'); // 10 * 7 = 70
        assertThat(MrzCheckDigit.of("B")).isEqualTo('7'); // 11 * 7 = 77
        assertThat(MrzCheckDigit.matches("ab", '0')).isFalse();
        assertThatThrownBy(() -> MrzCheckDigit.of("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keySeedTextOfTheBacWorkedExample() {
        MrzAccessKey k = MrzAccessKey.of("L898902C", "690806", "940623");
        assertThat(k.keySeedText()).isEqualTo("L898902C<369080619406236");
        assertThat(k.paddedDocumentNumber()).isEqualTo("L898902C<");
    }

    @Test
    void typedFieldsAreNormalised() {
        MrzAccessKey k = MrzAccessKey.of(" l898 902c<< ", "690806", "940623");
        assertThat(k.documentNumber()).isEqualTo("L898902C");
        assertThat(k).isEqualTo(MrzAccessKey.of("L898902C", "690806", "940623"));
    }

    @Test
    void parsesTd3AndTd1Zones() {
        MrzAccessKey td3 = MrzAccessKey.fromMrz(TD3);
        assertThat(td3.documentNumber()).isEqualTo("L898902C3");
        assertThat(td3.birthDate()).isEqualTo("740812");
        assertThat(td3.expiryDate()).isEqualTo("120415");
        MrzAccessKey td1 = MrzAccessKey.fromMrz(TD1);
        assertThat(td1.documentNumber()).isEqualTo("D23145890");
        assertThat(td1.keySeedText()).isEqualTo("D23145890774081221204159");
    }

    @Test
    void td1WithALongDocumentNumberTakesTheOverflow() {
        // ICAO 9303 part 5: number D23145890734, its check digit 9 after the overflow, '<' at the usual place.
        String l1 = "I<UTOD23145890<7349<<<<<<<<<<<";
        String l2 = "7408122F1204159UTO<<<<<<<<<<<6";
        String l3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
        assertThat(MrzCheckDigit.of("D23145890734")).isEqualTo('9');
        MrzAccessKey k = MrzAccessKey.fromMrz(l1 + "\n" + l2 + "\n" + l3);
        assertThat(k.documentNumber()).isEqualTo("D23145890734");
        assertThat(k.keySeedText()).startsWith("D231458907349");
    }

    @Test
    void aWrongCheckDigitNamesItsField() {
        String badDoc = TD3.replace("L898902C36", "L898902C46");
        assertThatThrownBy(() -> MrzAccessKey.fromMrz(badDoc))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.DOCUMENT_NUMBER);
                    assertThat(e.chinese()).contains("证件号码");
                    assertThat(e.english()).contains("document number");
                });
        assertThatThrownBy(() -> MrzAccessKey.withCheckDigits("L898902C", '3', "740812", '3', "120415", '9'))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.BIRTH_DATE));
        assertThatThrownBy(() -> MrzAccessKey.withCheckDigits("L898902C", '3', "740812", '2', "120415", '0'))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.EXPIRY_DATE));
        assertThat(MrzAccessKey.withCheckDigits("L898902C3", '6', "740812", '2', "120415", '9'))
                .isEqualTo(MrzAccessKey.fromMrz(TD3));
    }

    @Test
    void badFieldsAreRefusedWithPlainWords() {
        assertThatThrownBy(() -> MrzAccessKey.of("", "740812", "120415"))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.DOCUMENT_NUMBER));
        assertThatThrownBy(() -> MrzAccessKey.of("E1234-678", "740812", "120415"))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.DOCUMENT_NUMBER));
        assertThatThrownBy(() -> MrzAccessKey.of("E12345678", "741312", "120415"))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.BIRTH_DATE);
                    assertThat(e.chinese()).isEqualTo("出生日期不是有效日期");
                });
        assertThatThrownBy(() -> MrzAccessKey.of("E12345678", "740812", "1204"))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.EXPIRY_DATE));
        assertThatThrownBy(() -> MrzAccessKey.of("E12345678", "730229", "120415"))
                .isInstanceOf(InvalidMrzException.class);
        assertThat(MrzAccessKey.of("E12345678", "000229", "240229").birthDate()).isEqualTo("000229");
        assertThatThrownBy(() -> MrzAccessKey.fromMrz("P<UTO\nL898"))
                .isInstanceOfSatisfying(InvalidMrzException.class, e -> assertThat(e.field()).isEqualTo(Field.MRZ_TEXT));
    }

    @Test
    void toStringHidesTheData() {
        MrzAccessKey k = MrzAccessKey.of("E12345678", "900131", "300101");
        assertThat(k.toString()).doesNotContain("E12345678", "900131", "300101");
        TravelDocument d = new TravelDocument("P", "CHN", "ZHANG", "WEI", "E12345678", "CHN", "900131", 'M', "300101", "");
        assertThat(d.toString()).doesNotContain("ZHANG", "WEI", "E12345678", "900131");
        assertThat(d.fullName()).isEqualTo("ZHANG, WEI");
        assertThat(d.expiry()).contains(LocalDate.of(2030, 1, 1));
        assertThat(d.birth(LocalDate.of(2025, 6, 1))).contains(LocalDate.of(1990, 1, 31));
        assertThat(d.isValidOn(LocalDate.of(2030, 1, 1))).isTrue();
        assertThat(d.isValidOn(LocalDate.of(2030, 1, 2))).isFalse();
    }

    /** Any single-character change of a field is caught by its check digit (7-3-1 catches every single substitution of a digit). */
    @Property(tries = 2000)
    void singleDigitTyposAreCaught(@ForAll @StringLength(6) @CharRange(from = '0', to = '9') String field,
                                   @ForAll @CharRange(from = '0', to = '9') char replacement,
                                   @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5) int at) {
        char cd = MrzCheckDigit.of(field);
        String typo = field.substring(0, at) + replacement + field.substring(at + 1);
        assertThat(MrzCheckDigit.of(typo) == cd).isEqualTo(typo.equals(field));
    }

    @Property(tries = 500)
    void checkDigitIsAlwaysADigit(@ForAll @StringLength(max = 30) @Chars({'A', 'Z', '0', '9', '<', 'K'}) String field) {
        assertThat(MrzCheckDigit.of(field)).isBetween('0', '9');
    }
}

package io.dianxiaoer.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdCardTest {

    static ResidentIdCard card(String name, String id, CardValidity validity) {
        return new ResidentIdCard(name, Gender.FEMALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1949, 12, 31), "北京市朝阳区某路1号", IdNumber.parse(id), "北京市公安局朝阳分局",
                validity, new byte[] {1, 2, 3});
    }

    @Test
    void toStringNeverCarriesNameOrNumber() {
        ResidentIdCard c = card("李秀英", "11010519491231002X", CardValidity.longTerm(LocalDate.of(2010, 1, 1)));
        assertThat(c.toString()).doesNotContain("李秀英").doesNotContain("11010519491231002X")
                .contains("李**").contains("1101**********002X");
    }

    @Test
    void photoIsCopiedInAndOut() {
        byte[] photo = {9, 9};
        ResidentIdCard c = new ResidentIdCard("王芳", Gender.FEMALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1949, 12, 31), "addr", IdNumber.parse("11010519491231002X"), "auth",
                CardValidity.longTerm(LocalDate.of(2010, 1, 1)), photo);
        photo[0] = 0;
        byte[] out = c.photoWlt();
        out[1] = 0;
        assertThat(c.photoWlt()).containsExactly(9, 9);
    }

    @Test
    void validityCountsTheLastDayAndLongTermNeverEnds() {
        CardValidity v = CardValidity.until(LocalDate.of(2016, 5, 1), LocalDate.of(2036, 5, 1));
        assertThat(v.isValidOn(LocalDate.of(2036, 5, 1))).isTrue();
        assertThat(v.isValidOn(LocalDate.of(2036, 5, 2))).isFalse();
        assertThat(v.isValidOn(LocalDate.of(2016, 4, 30))).isFalse();
        assertThat(CardValidity.longTerm(LocalDate.of(2010, 1, 1)).isValidOn(LocalDate.of(2199, 1, 1))).isTrue();
    }

    @Test
    void nationTableHasAll56GroupsAndTheTwoExtraCodes() {
        assertThat(Nation.count()).isEqualTo(58);
        assertThat(Nation.ofCode("05").orElseThrow().chinese()).isEqualTo("维吾尔");
        assertThat(Nation.ofCode("99")).isEmpty();
    }
}

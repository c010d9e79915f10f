package io.dianxiaoer.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.form.Problem.Code;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static FieldDefinition f(FieldType type) {
        return FieldDefinition.simple("x", LocalizedText.of("联系电话", "Phone"), type, "S");
    }

    private static Optional<Problem> check(FieldType type, String raw) {
        FieldDefinition d = f(type);
        return FieldValidator.check(d, true, FieldValidator.normalise(type, raw), TODAY);
    }

    private static Code code(FieldType type, String raw) {
        return check(type, raw).map(Problem::code).orElse(null);
    }

    @Test
    void requiredFieldsSayWhatToFillInBothLanguages() {
        Problem p = check(FieldType.PHONE, "  ").orElseThrow();
        assertThat(p.code()).isEqualTo(Code.REQUIRED);
        assertThat(p.message().zh()).isEqualTo("请填写“联系电话”。");
        assertThat(p.message().en()).isEqualTo("Please fill in \"Phone\".");
        assertThat(FieldValidator.check(f(FieldType.PHONE), false, "", TODAY)).isEmpty();
    }

    @Test
    void phonesMobileOrShanghaiLandline() {
        assertThat(check(FieldType.PHONE, "138 0013 8000")).isEmpty();
        assertThat(check(FieldType.PHONE, "１３８００１３８０００")).isEmpty(); // full-width digits from a Chinese keyboard
        assertThat(check(FieldType.PHONE, "021-6228 1234")).isEmpty();
        assertThat(check(FieldType.PHONE, "62281234")).isEmpty();
        assertThat(code(FieldType.PHONE, "1380013800")).isEqualTo(Code.PHONE);
        assertThat(code(FieldType.PHONE, "12800138000")).isEqualTo(Code.PHONE);
        assertThat(check(FieldType.PHONE, "123").orElseThrow().message().zh()).contains("11位");
    }

    @Test
    void idNumbersSayExactlyWhatIsWrong() {
        assertThat(check(FieldType.ID_NUMBER, "11010519491231002x")).isEmpty();
        assertThat(code(FieldType.ID_NUMBER, "1101051949123100")).isEqualTo(Code.ID_NUMBER_LENGTH);
        assertThat(check(FieldType.ID_NUMBER, "1101051949123100").orElseThrow().message().zh()).contains("现在是16位");
        assertThat(code(FieldType.ID_NUMBER, "11010519491231A02X")).isEqualTo(Code.ID_NUMBER_CHARACTERS);
        assertThat(code(FieldType.ID_NUMBER, "110105194912310021")).isEqualTo(Code.ID_NUMBER_CHECK);
        String badDate = "11010519491331002";
        assertThat(code(FieldType.ID_NUMBER, badDate + IdNumber.checkDigit(badDate))).isEqualTo(Code.ID_NUMBER_DATE);
    }

    @Test
    void documentNumbersAcceptPermitsAndForeignCards() {
        assertThat(check(FieldType.DOCUMENT_NUMBER, "11010519491231002X")).isEmpty();
        assertThat(check(FieldType.DOCUMENT_NUMBER, "USA310012345678")).isEmpty();
        assertThat(code(FieldType.DOCUMENT_NUMBER, "AB#1")).isEqualTo(Code.DOCUMENT_NUMBER);
    }

    @Test
    void datesInSeveralWrittenFormsAndTheRuleAgainstToday() {
        assertThat(FieldValidator.normalise(FieldType.DATE, "2024年5月1日")).isEqualTo("2024-05-01");
        assertThat(FieldValidator.normalise(FieldType.DATE, "2024/5/1")).isEqualTo("2024-05-01");
        assertThat(FieldValidator.normalise(FieldType.DATE, "20240501")).isEqualTo("2024-05-01");
        assertThat(code(FieldType.DATE, "2024-02-30")).isEqualTo(Code.DATE_FORMAT);
        assertThat(code(FieldType.DATE, "yesterday")).isEqualTo(Code.DATE_FORMAT);
        FieldDefinition birth = new FieldDefinition("b", LocalizedText.of("出生日期", "Date of birth"), FieldType.DATE, "S",
                Optional.empty(), 0, 0, Optional.empty(), Optional.empty(), List.of(), DateRule.NOT_AFTER_TODAY,
                Optional.empty(), false, Optional.empty(), Optional.empty());
        Problem p = FieldValidator.check(birth, true, "2026-11-23", TODAY).orElseThrow();
        assertThat(p.code()).isEqualTo(Code.DATE_AFTER_TODAY);
        assertThat(p.message().zh()).isEqualTo("“出生日期”不能晚于今天。");
        assertThat(FieldValidator.check(birth, true, "2026-11-22", TODAY)).isEmpty();
    }

    @Test
    void numbersAndMoneyWithBoundsAndUnits() {
        FieldDefinition area = new FieldDefinition("a", LocalizedText.of("经营面积", "Floor area"), FieldType.NUMBER, "S",
                Optional.empty(), 0, 0, Optional.of(BigDecimal.ONE), Optional.of(new BigDecimal("100000")), List.of(),
                DateRule.ANY, Optional.empty(), false, Optional.empty(), Optional.of(LocalizedText.of("平方米", "m²")));
        assertThat(FieldValidator.check(area, true, "85.5", TODAY)).isEmpty();
        Problem small = FieldValidator.check(area, true, "0", TODAY).orElseThrow();
        assertThat(small.code()).isEqualTo(Code.BELOW_MINIMUM);
        assertThat(small.message().zh()).isEqualTo("“经营面积”不能小于1平方米。");
        assertThat(small.message().en()).isEqualTo("\"Floor area\" cannot be less than 1 m².");
        assertThat(FieldValidator.check(area, true, "abc", TODAY).orElseThrow().code()).isEqualTo(Code.NOT_A_NUMBER);
        assertThat(FieldValidator.normalise(FieldType.MONEY, "¥1,234.50元")).isEqualTo("1234.50");
        assertThat(code(FieldType.MONEY, "12.345")).isEqualTo(Code.MONEY_DECIMALS);
    }

    @Test
    void creditCodesAreCheckedByGb32100() {
        String first17 = "91310105MA1FL8XQ3";
        String code = first17 + FieldValidator.creditCheckChar(first17);
        assertThat(check(FieldType.CREDIT_CODE, code.toLowerCase())).isEmpty();
        assertThat(code(FieldType.CREDIT_CODE, code.substring(0, 17))).isEqualTo(Code.CREDIT_CODE_LENGTH);
        assertThat(code(FieldType.CREDIT_CODE, "91310105MA1FL8XQ3I")).isEqualTo(Code.CREDIT_CODE_CHARACTERS);
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        assertThat(code(FieldType.CREDIT_CODE, first17 + wrong)).isEqualTo(Code.CREDIT_CODE_CHECK);
        // a published example code
        assertThat(check(FieldType.CREDIT_CODE, "91350100M000100Y43")).isEmpty();
    }

    @Test
    void choicesAddressesEmailAndPostcode() {
        FieldDefinition choice = new FieldDefinition("c", LocalizedText.of("性别", "Gender"), FieldType.CHOICE, "S",
                Optional.empty(), 0, 0, Optional.empty(), Optional.empty(),
                List.of(new Choice("MALE", LocalizedText.of("男", "Male")), new Choice("FEMALE", LocalizedText.of("女", "Female"))),
                DateRule.ANY, Optional.empty(), false, Optional.empty(), Optional.empty());
        assertThat(FieldValidator.check(choice, true, "MALE", TODAY)).isEmpty();
        assertThat(FieldValidator.check(choice, true, "X", TODAY).orElseThrow().code()).isEqualTo(Code.NOT_AN_OPTION);
        assertThat(check(FieldType.ADDRESS, "上海市长宁区愚园路1000号")).isEmpty();
        assertThat(code(FieldType.ADDRESS, "上海")).isEqualTo(Code.ADDRESS_TOO_VAGUE);
        assertThat(check(FieldType.EMAIL, "Zhang.San@Example.com")).isEmpty();
        assertThat(code(FieldType.EMAIL, "zhang@")).isEqualTo(Code.EMAIL);
        assertThat(check(FieldType.POSTCODE, "200050")).isEmpty();
        assertThat(code(FieldType.POSTCODE, "20005")).isEqualTo(Code.POSTCODE);
        assertThat(code(FieldType.YES_NO, "maybe")).isEqualTo(Code.NOT_AN_OPTION);
    }

    @Test
    void textLengthIsCountedInCharactersNotBytes() {
        FieldDefinition name = new FieldDefinition("n", LocalizedText.of("名称", "Name"), FieldType.TEXT, "S",
                Optional.empty(), 2, 4, Optional.empty(), Optional.empty(), List.of(), DateRule.ANY, Optional.empty(), false,
                Optional.empty(), Optional.empty());
        assertThat(FieldValidator.check(name, true, "小笼馆", TODAY)).isEmpty();
        assertThat(FieldValidator.check(name, true, "馆", TODAY).orElseThrow().code()).isEqualTo(Code.TOO_SHORT);
        Problem longer = FieldValidator.check(name, true, "长宁区小笼馆", TODAY).orElseThrow();
        assertThat(longer.code()).isEqualTo(Code.TOO_LONG);
        assertThat(longer.message().zh()).isEqualTo("“名称”最多4个字，现在有6个。");
    }

    @Property(tries = 500)
    void everyValidIdNumberPassesAndMessagesNeverEchoTheValue(@ForAll @NumericChars @StringLength(17) String first17) {
        String full = first17 + IdNumber.checkDigit(first17);
        Optional<Problem> p = check(FieldType.ID_NUMBER, full);
        p.ifPresent(x -> {
            assertThat(x.code()).isEqualTo(Code.ID_NUMBER_DATE);
            assertThat(x.message().zh()).doesNotContain(full);
        });
    }

    @Property(tries = 500)
    void anyTypedTextGetsAnAnswerAndNeverAnException(@ForAll("types") FieldType type,
                                                      @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~') @Chars({'年', '月', '日', '号', '１', '　'}) String raw) {
        Optional<Problem> p = check(type, raw);
        p.ifPresent(x -> assertThat(x.message().zh()).isNotBlank());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FieldType> types() {
        return net.jqwik.api.Arbitraries.of(FieldType.values()).filter(t -> t != FieldType.CHOICE && t != FieldType.MULTI_CHOICE);
    }
}

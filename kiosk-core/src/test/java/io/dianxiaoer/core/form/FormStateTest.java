package io.dianxiaoer.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.catalog.Catalog;
import io.dianxiaoer.core.form.FieldValue.Origin;
import io.dianxiaoer.core.form.FormAction.Edit;
import io.dianxiaoer.core.form.FormAction.PrefillIdentity;
import io.dianxiaoer.core.form.FormAction.PrefillLicence;
import io.dianxiaoer.core.form.FormAction.ShowAllProblems;
import io.dianxiaoer.core.guidance.Answers;
import io.dianxiaoer.core.guidance.Guide;
import io.dianxiaoer.core.guidance.Plan;
import io.dianxiaoer.core.identity.CardValidity;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.identity.ForeignPermanentResidentCard;
import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.Nation;
import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormStateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Catalog CATALOG = Catalog.sample();

    static ResidentIdCard zhangWei() {
        String first17 = "31010519850312001";
        return new ResidentIdCard("张伟", Gender.MALE, Nation.ofCode("01").orElseThrow(), LocalDate.of(1985, 3, 12),
                "上海市长宁区愚园路1000号", IdNumber.parse(first17 + IdNumber.checkDigit(first17)), "上海市公安局长宁分局",
                CardValidity.until(LocalDate.of(2020, 1, 1), LocalDate.of(2040, 1, 1)), new byte[0])
                .withAppendedAddress("上海市长宁区长宁路1号");
    }

    static HmtResidencePermit chanTaiMan() {
        String first17 = "81000019900101002";
        return new HmtResidencePermit("陈大文", Gender.MALE, LocalDate.of(1990, 1, 1), "上海市徐汇区漕溪北路88号",
                IdNumber.parse(first17 + IdNumber.checkDigit(first17)), "上海市公安局", CardValidity.until(LocalDate.of(2022, 1, 1),
                LocalDate.of(2027, 1, 1)), "H01234567", 1, new byte[0]);
    }

    static ForeignPermanentResidentCard annaSmith() {
        return new ForeignPermanentResidentCard(DocumentKind.FOREIGN_PERMANENT_RESIDENT_2017, "SMITH, ANNA", "", Gender.FEMALE,
                LocalDate.of(1980, 5, 6), "USA310080050601", "USA", CardValidity.until(LocalDate.of(2018, 1, 1), LocalDate.of(2028, 1, 1)),
                "公安部", "1", new byte[0]);
    }

    /** The form of the residence permit application, renting and employed. */
    private static Plan permitPlan() {
        Guide g = Guide.forItem(CATALOG, CATALOG.requireItem("SH-GA-001"));
        Answers a = Answers.NONE;
        a = g.answer(a, "housing", "RENTED");
        a = g.answer(a, "work", "EMPLOYED");
        a = g.answer(a, "agent", "SELF");
        return g.plan(a);
    }

    @Test
    void prefillsFromTheResidentCardAndLocksWhatTheCardSays() {
        FormState s = permitPlan().startForm().apply(new PrefillIdentity(zhangWei()));
        assertThat(s.value("applicant.name")).contains(new FieldValue("张伟", Origin.IDENTITY));
        assertThat(s.text("applicant.documentNumber")).startsWith("310105198503120");
        assertThat(s.text("applicant.gender")).isEqualTo("MALE");
        assertThat(s.text("applicant.birthDate")).isEqualTo("1985-03-12");
        assertThat(s.text("applicant.nation")).isEqualTo("汉");
        assertThat(s.text("applicant.householdAddress")).isEqualTo("上海市长宁区长宁路1号"); // the appended address is current
        assertThat(s.isEditable("applicant.name")).isFalse();
        assertThat(s.isEditable("applicant.householdAddress")).isTrue();
        // typing into a locked field changes nothing
        assertThat(s.apply(new Edit("applicant.name", "李四"))).isSameAs(s);
    }

    @Test
    void prefillsFromAnHmtPermitAndAForeignCard() {
        FormState hk = permitPlan().startForm().apply(new PrefillIdentity(chanTaiMan()));
        assertThat(hk.text("applicant.name")).isEqualTo("陈大文");
        assertThat(hk.text("applicant.documentNumber")).startsWith("810000");
        Plan card = Guide.forItem(CATALOG, CATALOG.requireItem("SH-RSJ-013")).plan(Answers.of("agent", "SELF"));
        FormState foreign = card.startForm().apply(new PrefillIdentity(annaSmith()));
        assertThat(foreign.text("applicant.name")).isEqualTo("SMITH, ANNA");
        assertThat(foreign.text("applicant.documentNumber")).isEqualTo("USA310080050601");
        assertThat(foreign.text("applicant.nationality")).isEqualTo("USA");
        assertThat(foreign.problems(TODAY)).doesNotContainKeys("applicant.name", "applicant.documentNumber",
                "applicant.gender", "applicant.birthDate", "applicant.nationality");
    }

    @Test
    void theCitizensOwnAnswerWinsOverALaterDocumentButNotInLockedFields() {
        FormState s = permitPlan().startForm()
                .apply(new Edit("applicant.householdAddress", "上海市静安区南京西路1号"))
                .apply(new PrefillIdentity(zhangWei()));
        assertThat(s.value("applicant.householdAddress")).contains(new FieldValue("上海市静安区南京西路1号", Origin.TYPED));
        assertThat(s.value("applicant.name").orElseThrow().origin()).isEqualTo(Origin.IDENTITY);
    }

    @Test
    void prefillsFromAnELicence() {
        Plan food = Guide.forItem(CATALOG, CATALOG.requireItem("SH-SCJG-003")).plan(Answers.of("premises", "OWNED"));
        String first17 = "92310105MA1FL8XQ3";
        String credit = first17 + FieldValidator.creditCheckChar(first17);
        ELicence licence = new ELicence.BusinessLicence(credit, "长宁区小笼馆", "个体工商户", "张伟", "上海市长宁区愚园路1000号",
                "餐饮服务", LocalDate.of(2026, 11, 1), Optional.empty());
        ELicence property = new ELicence.PropertyCertificate("沪(2020)长宁区不动产权第0012345号", "张伟", "上海市长宁区愚园路1000号",
                new BigDecimal("85.50"), "商业", Optional.empty());
        FormState s = food.startForm().apply(new PrefillLicence(licence)).apply(new PrefillLicence(property));
        assertThat(s.value("business.creditCode")).contains(new FieldValue(credit, Origin.E_LICENCE));
        assertThat(s.text("premises.address")).isEqualTo("上海市长宁区愚园路1000号");
        assertThat(s.text("premises.area")).isEqualTo("85.50");
        assertThat(s.problems(TODAY)).doesNotContainKeys("business.creditCode", "premises.area", "premises.address");
        assertThat(licence.toString()).doesNotContain(credit).doesNotContain("张伟");
        assertThat(s.toString()).doesNotContain("张伟").doesNotContain(credit);
    }

    @Test
    void suppliedFieldsAreNeverAskedFilledOrValidated() {
        Plan plan = permitPlan();
        FormState s = plan.startForm();
        assertThat(plan.form().supplied()).extracting(FormField::id).contains("applicant.householdRegistration", "applicant.socialInsurance");
        assertThat(s.isEditable("applicant.socialInsurance")).isFalse();
        assertThat(s.apply(new Edit("applicant.socialInsurance", "x"))).isSameAs(s);
        assertThat(s.problems(TODAY)).doesNotContainKeys("applicant.householdRegistration", "applicant.socialInsurance");
        assertThat(s.submission()).doesNotContainKeys("applicant.householdRegistration");
    }

    @Test
    void editingIsAPureUpdateAndProblemsShowForTouchedFieldsFirst() {
        FormState empty = permitPlan().startForm().apply(new PrefillIdentity(zhangWei()));
        assertThat(empty.visibleProblems(TODAY)).isEmpty();
        assertThat(empty.problems(TODAY)).containsKey("applicant.phone");
        FormState typed = empty.apply(new Edit("applicant.phone", "1380013800"));
        assertThat(empty.text("applicant.phone")).isEmpty(); // the old state is untouched
        assertThat(typed.visibleProblems(TODAY)).containsOnlyKeys("applicant.phone");
        FormState fixed = typed.apply(new Edit("applicant.phone", "13800138000"));
        assertThat(fixed.visibleProblems(TODAY)).isEmpty();
        assertThat(fixed.apply(new Edit("applicant.phone", "138 0013 8000"))).isSameAs(fixed); // same value after normalising
        FormState all = fixed.apply(new ShowAllProblems());
        assertThat(all.visibleProblems(TODAY)).isEqualTo(all.problems(TODAY)).isNotEmpty();
        assertThat(all.apply(new ShowAllProblems())).isSameAs(all);
        assertThat(all.apply(new Edit("no.such.field", "x"))).isSameAs(all);
    }

    @Test
    void aFullyFilledFormIsCompleteAndSubmitsOnlyAskableValues() {
        FormState s = permitPlan().startForm().apply(new PrefillIdentity(zhangWei()));
        s = s.apply(new Edit("applicant.phone", "13800138000"))
                .apply(new Edit("applicant.residenceAddress", "上海市长宁区愚园路1000弄5号301室"))
                .apply(new Edit("applicant.education", "BACHELOR"))
                .apply(new Edit("residence.since", "2024-01-15"))
                .apply(new Edit("residence.reason", "WORK"))
                .apply(new Edit("housing.leaseEnd", "2027-12-31"))
                .apply(new Edit("work.employer", "上海某某信息技术有限公司"));
        assertThat(s.problems(TODAY)).isEmpty();
        assertThat(s.isComplete(TODAY)).isTrue();
        assertThat(s.missing()).isEmpty();
        assertThat(s.submission()).containsEntry("housing.tenure", "RENTED").containsEntry("work.status", "EMPLOYED")
                .containsKey("applicant.name");
    }

    @Test
    void mergingAsksEachFieldOnceRequiredIfAnyItemRequiresIt() {
        FieldDefinition phone = FieldDefinition.simple("p", LocalizedText.of("电话", "Phone"), FieldType.PHONE, "A");
        FieldDefinition mail = FieldDefinition.simple("m", LocalizedText.of("邮箱", "E-mail"), FieldType.EMAIL, "A");
        FieldDefinition area = FieldDefinition.simple("a", LocalizedText.of("面积", "Area"), FieldType.NUMBER, "B");
        FormSchema one = new FormSchema(List.of(new FormField(phone, true, List.of("I1")), new FormField(mail, false, List.of("I1"))));
        FormSchema two = new FormSchema(List.of(new FormField(mail, true, List.of("I2")), new FormField(area, true, List.of("I2")),
                new FormField(phone, false, List.of("I2"))));
        FormSchema merged = FormSchema.merge(List.of(one, two));
        assertThat(merged.fields()).extracting(FormField::id).containsExactly("p", "m", "a");
        assertThat(merged.field("m").orElseThrow().required()).isTrue();
        assertThat(merged.field("p").orElseThrow().askedBy()).containsExactly("I1", "I2");
        assertThat(merged.sections()).containsExactly("A", "B");
    }
}

package io.dianxiaoer.core.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.core.catalog.Catalog;
import io.dianxiaoer.core.catalog.Department;
import io.dianxiaoer.core.catalog.Question;
import io.dianxiaoer.core.catalog.ServiceItem;
import io.dianxiaoer.core.form.FieldValue;
import io.dianxiaoer.core.form.FormField;
import io.dianxiaoer.core.form.FormState;
import io.dianxiaoer.core.guidance.ChecklistEntry.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 开餐馆一件事: every number here is computed from the sample catalog's data by the guidance
 * engine; nothing is a constant of the code.
 */
class RestaurantThemeTest {

    private static final Catalog CATALOG = Catalog.sample();
    private static final Guide GUIDE = Guide.forTheme(CATALOG, "THEME-RESTAURANT");

    /** Walks the questions the way the screen does, answering from the given pairs. */
    static Answers walk(Guide guide, String... pairs) {
        Answers given = Answers.of(pairs);
        Answers a = Answers.NONE;
        for (int guard = 0; guard < 50; guard++) {
            var next = guide.nextQuestion(a);
            if (next.isEmpty()) {
                return a;
            }
            Question q = next.get();
            String value = given.get(q.id()).orElseThrow(() -> new AssertionError("unexpected question " + q.id()));
            a = guide.answer(a, q.id(), value);
        }
        throw new AssertionError("questions never end");
    }

    private static Answers fullRestaurant() {
        return walk(GUIDE, "businessForm", "INDIVIDUAL", "premises", "RENTED", "alcohol", "yes", "signboard", "yes",
                "dineIn", "yes", "agent", "SELF");
    }

    @Test
    void fourDepartmentsSixItemsOneFormTwelveMaterialsInsteadOfThirtyOne() {
        Plan plan = GUIDE.plan(fullRestaurant());
        assertThat(plan.complete()).isTrue();
        assertThat(plan.items()).hasSize(6);
        assertThat(plan.departments()).extracting(Department::code).containsExactly("SCJG", "SWW", "LHSR", "XF");
        // what the citizen would hand in item by item: each item's own list, summed
        assertThat(plan.materialEntries()).isEqualTo(31);
        assertThat(plan.items().stream().mapToLong(it -> it.materials().stream()
                .filter(m -> m.when().test(fullRestaurant().values())).count()).sum()).isEqualTo(31);
        // merged, minus what data sharing / e-licences / this bundle supply, minus the forms the one form replaces
        assertThat(plan.toSubmit()).hasSize(12);
        assertThat(plan.formsMerged()).isEqualTo(6);
        assertThat(plan.withStatus(Status.FILLED_ON_SCREEN)).hasSize(6);
        assertThat(plan.withStatus(Status.EXEMPT)).extracting(e -> e.material().code())
                .containsExactlyInAnyOrder("ID_CARD", "HEALTH_CERT", "FIRE_ACCEPTANCE");
        assertThat(plan.withStatus(Status.PRODUCED_IN_THIS_BUNDLE)).extracting(e -> e.material().code())
                .containsExactlyInAnyOrder("BUSINESS_LICENCE", "FOOD_LICENCE");
        assertThat(plan.checklist().stream().mapToInt(e -> e.neededBy().size()).sum()).isEqualTo(31);
    }

    @Test
    void theFloorPlanServesBothTheFoodLicenceAndTheFireCheck() {
        ChecklistEntry layout = GUIDE.plan(fullRestaurant()).checklist().stream()
                .filter(e -> e.material().code().equals("PREMISES_LAYOUT")).findFirst().orElseThrow();
        assertThat(layout.status()).isEqualTo(Status.TO_SUBMIT);
        assertThat(layout.neededBy()).containsExactly("SH-SCJG-003", "SH-XF-001");
    }

    @Test
    void theMergedFormAsksEachThingOnceAndNeverWhatDataSharingSupplies() {
        Plan plan = GUIDE.plan(fullRestaurant());
        List<FormField> fields = plan.form().fields();
        Set<String> ids = new HashSet<>();
        fields.forEach(f -> assertThat(ids.add(f.id())).as("asked once: %s", f.id()).isTrue());
        int perItem = plan.items().stream().mapToInt(it -> it.fields().size()).sum();
        assertThat(fields.size()).isLessThan(perItem / 2);
        FormField phone = plan.form().field("applicant.phone").orElseThrow();
        assertThat(phone.askedBy()).hasSize(6);
        assertThat(plan.form().supplied()).extracting(FormField::id).contains("premises.fireAcceptance");
        assertThat(plan.form().askable()).extracting(FormField::id).doesNotContain("premises.fireAcceptance");
        // the answers already filled their fields: the form does not ask them again
        FormState form = plan.startForm();
        assertThat(form.value("business.sellsAlcohol")).contains(new FieldValue("yes", FieldValue.Origin.ANSWER));
        assertThat(form.value("premises.tenure")).contains(new FieldValue("RENTED", FieldValue.Origin.ANSWER));
        assertThat(form.value("business.form")).contains(new FieldValue("INDIVIDUAL", FieldValue.Origin.ANSWER));
    }

    @Test
    void noAlcoholMeansNoAlcoholLicenceAndNoAlcoholPaper() {
        Plan plan = GUIDE.plan(walk(GUIDE, "businessForm", "INDIVIDUAL", "premises", "RENTED", "alcohol", "no",
                "signboard", "yes", "dineIn", "yes", "agent", "SELF"));
        assertThat(plan.items()).extracting(ServiceItem::code).doesNotContain("SH-SWW-001").hasSize(5);
        assertThat(plan.departments()).extracting(Department::code).containsExactly("SCJG", "LHSR", "XF");
        assertThat(plan.toSubmit()).extracting(e -> e.material().code()).doesNotContain("ALCOHOL_SUPPLY_PLEDGE").hasSize(11);
        assertThat(plan.form().field("business.alcoholKinds")).isEmpty();
    }

    @Test
    void ownPremisesNeedNoLeaseAndTheTitleComesFromTheRegister() {
        Plan plan = GUIDE.plan(walk(GUIDE, "businessForm", "INDIVIDUAL", "premises", "OWNED", "alcohol", "yes",
                "signboard", "yes", "dineIn", "yes", "agent", "SELF"));
        List<String> submit = plan.toSubmit().stream().map(e -> e.material().code()).toList();
        assertThat(submit).doesNotContain("LEASE_CONTRACT", "OWNER_CONSENT").hasSize(10);
        assertThat(plan.withStatus(Status.EXEMPT)).extracting(e -> e.material().code()).contains("PROPERTY_CERT");
    }

    @Test
    void takeawayOnlyWithoutSignSkipsTheFireCheckAndTheSign() {
        Plan plan = GUIDE.plan(walk(GUIDE, "businessForm", "INDIVIDUAL", "premises", "RENTED", "alcohol", "no",
                "signboard", "no", "dineIn", "no", "agent", "SELF"));
        assertThat(plan.items()).extracting(ServiceItem::code).containsExactly("SH-SCJG-001", "SH-SCJG-003", "SH-LHSR-002");
    }

    @Test
    void aCompanyGetsTheCompanyRegistrationInsteadWithItsPapers() {
        Plan plan = GUIDE.plan(walk(GUIDE, "businessForm", "COMPANY", "premises", "RENTED", "alcohol", "yes",
                "signboard", "yes", "dineIn", "yes", "agent", "SELF"));
        assertThat(plan.items()).extracting(ServiceItem::code).contains("SH-SCJG-002").doesNotContain("SH-SCJG-001").hasSize(6);
        assertThat(plan.departments()).hasSize(4);
        assertThat(plan.toSubmit()).extracting(e -> e.material().code()).contains("ARTICLES", "APPOINTMENTS");
        assertThat(plan.withStatus(Status.PRODUCED_IN_THIS_BUNDLE)).extracting(e -> e.material().code()).contains("BUSINESS_LICENCE");
    }

    @Test
    void actingForSomeoneElseAddsTheirPapersAndFields() {
        Plan plan = GUIDE.plan(walk(GUIDE, "businessForm", "INDIVIDUAL", "premises", "RENTED", "alcohol", "yes",
                "signboard", "yes", "dineIn", "yes", "agent", "AGENT"));
        assertThat(plan.toSubmit()).extracting(e -> e.material().code()).contains("AGENT_ID", "POWER_OF_ATTORNEY").hasSize(14);
        assertThat(plan.form().field("applicant.agentName")).isPresent();
    }

    @Test
    void asksTheThemeQuestionsFirstThenTheItemsOwnAndEachOnce() {
        Answers a = Answers.NONE;
        assertThat(GUIDE.nextQuestion(a).orElseThrow().id()).isEqualTo("businessForm");
        assertThat(GUIDE.plan(a).complete()).isFalse();
        assertThat(GUIDE.questions(fullRestaurant())).extracting(Question::id)
                .containsExactly("businessForm", "premises", "alcohol", "signboard", "dineIn", "agent");
    }

    @Test
    void changingAnAnswerDropsAnswersThatNoLongerApply() {
        Answers a = fullRestaurant();
        assertThat(a.has("agent")).isTrue();
        // with a company, the individual-business item (which asked "agent") goes; the company item asks it too
        Answers b = GUIDE.answer(a, "businessForm", "COMPANY");
        assertThat(b.get("businessForm")).contains("COMPANY");
        assertThat(GUIDE.applicableItems(b)).extracting(ServiceItem::code).contains("SH-SCJG-002");
    }

    @Test
    void refusesAnswersThatAreNotOptionsOrQuestionsNotAsked() {
        assertThatThrownBy(() -> GUIDE.answer(Answers.NONE, "alcohol", "maybe")).hasMessageContaining("not an answer");
        assertThatThrownBy(() -> GUIDE.answer(Answers.NONE, "needsCare", "yes")).hasMessageContaining("not asked");
    }

    @Test
    void theBundlePromiseAndDeliveryComeFromTheData() {
        Plan plan = GUIDE.plan(fullRestaurant());
        assertThat(plan.promisedWorkingDays()).isEqualTo(CATALOG.theme("THEME-RESTAURANT").orElseThrow().promisedWorkingDays());
        assertThat(plan.delivery()).isNotEmpty();
        assertThat(plan.totalFee()).isZero();
    }
}

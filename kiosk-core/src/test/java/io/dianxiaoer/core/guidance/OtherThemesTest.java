package io.dianxiaoer.core.guidance;

import static io.dianxiaoer.core.guidance.RestaurantThemeTest.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.catalog.Catalog;
import io.dianxiaoer.core.catalog.ServiceItem;
import io.dianxiaoer.core.catalog.Theme;
import io.dianxiaoer.core.guidance.ChecklistEntry.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherThemesTest {

    private static final Catalog CATALOG = Catalog.sample();

    @Test
    void shipsAtLeastThreeThemesEachWithQuestionsThatChangeTheItems() {
        assertThat(CATALOG.themes()).hasSizeGreaterThanOrEqualTo(3);
        for (Theme t : CATALOG.themes()) {
            Guide g = Guide.forTheme(CATALOG, t);
            assertThat(g.nextQuestion(Answers.NONE)).as(t.code()).isPresent();
            assertThat(t.items().stream().anyMatch(i -> !i.when().isAlways())).as("%s personalises", t.code()).isTrue();
        }
    }

    @Test
    void newbornBundlesHukouCardInsuranceAndMaternityPay() {
        Guide g = Guide.forTheme(CATALOG, "THEME-NEWBORN");
        Plan all = g.plan(walk(g, "childHukou", "yes", "motherInsured", "yes", "agent", "SELF"));
        assertThat(all.items()).hasSize(5);
        assertThat(all.withStatus(Status.EXEMPT)).extracting(e -> e.material().code()).contains("BIRTH_MEDICAL_CERT", "ID_CARD");
        Plan fewer = g.plan(walk(g, "childHukou", "no", "motherInsured", "no", "agent", "SELF"));
        assertThat(fewer.items()).extracting(ServiceItem::code).doesNotContain("SH-GA-004", "SH-YBJ-002");
    }

    @Test
    void newcomerAsksAboutHousingOnlyWhenAnItemNeedsIt() {
        Guide g = Guide.forTheme(CATALOG, "THEME-NEWCOMER");
        Answers a = walk(g, "livedSixMonths", "yes", "work", "FLEXIBLE", "hasSocialCard", "no", "housing", "RENTED", "agent", "SELF");
        Plan plan = g.plan(a);
        assertThat(plan.items()).extracting(ServiceItem::code).containsExactly("SH-GA-003", "SH-GA-001", "SH-RSJ-010", "SH-RSJ-013");
        assertThat(plan.toSubmit()).extracting(e -> e.material().code()).contains("LEASE_HOME", "PHOTO");
        assertThat(plan.toSubmit()).extracting(e -> e.material().code()).doesNotContain("LABOUR_CONTRACT");
        // the photo is taken once for the permit and the card
        assertThat(plan.checklist().stream().filter(e -> e.material().code().equals("PHOTO")).findFirst().orElseThrow().neededBy())
                .hasSize(2);
    }

    @Test
    void aSingleItemHasAPlanToo() {
        Guide g = Guide.forItem(CATALOG, CATALOG.requireItem("SH-GA-002"));
        Answers a = walk(g, "housing", "OWNED", "work", "EMPLOYED");
        Plan plan = g.plan(a);
        assertThat(plan.items()).hasSize(1);
        assertThat(plan.toSubmit()).isEmpty(); // a renewal with an owned home: everything comes from shared data
        assertThat(plan.withStatus(Status.EXEMPT)).extracting(e -> e.material().code())
                .contains("ID_CARD", "RESIDENCE_PERMIT_CARD", "PROPERTY_CERT", "SOCIAL_INSURANCE_RECORD");
        List<String> asked = plan.form().askable().stream().map(f -> f.id()).toList();
        assertThat(asked).contains("applicant.phone").doesNotContain("housing.leaseEnd", "applicant.socialInsurance");
    }
}

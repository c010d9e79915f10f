package io.dianxiaoer.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.form.FieldDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped sample catalog: loads, is consistent, and every item is fully described. */
class SampleCatalogTest {

    private static final Catalog CATALOG = Catalog.sample();

    @Test
    void loadsWithAtLeastSixtyItemsAcrossTheThreeGroups() {
        assertThat(CATALOG.items()).hasSizeGreaterThanOrEqualTo(60);
        for (ServiceGroup g : ServiceGroup.values()) {
            assertThat(CATALOG.byGroup(g)).as("items of %s", g).hasSizeGreaterThanOrEqualTo(15);
        }
        assertThat(CATALOG.version()).isNotBlank();
    }

    @Test
    void everyItemIsFullyDescribed() {
        List<String> problems = CatalogCheck.completeness(CATALOG);
        assertThat(problems).isEmpty();
    }

    @Test
    void codesAreUniqueAndEveryReferencedThingExists() {
        Set<String> codes = new HashSet<>();
        for (ServiceItem it : CATALOG.items()) {
            assertThat(codes.add(it.code())).as("unique %s", it.code()).isTrue();
            assertThat(CATALOG.department(it.department())).as("department of %s", it.code()).isNotNull();
            it.materials().forEach(m -> assertThat(CATALOG.material(m.material())).as("%s in %s", m.material(), it.code()).isNotNull());
            it.fields().forEach(f -> assertThat(CATALOG.field(f.field())).as("%s in %s", f.field(), it.code()).isNotNull());
            it.questions().forEach(q -> assertThat(CATALOG.question(q)).isNotNull());
        }
        for (Theme t : CATALOG.themes()) {
            t.items().forEach(ti -> assertThat(CATALOG.item(ti.item())).as("%s in %s", ti.item(), t.code()).isPresent());
        }
    }

    @Test
    void everyRegisteredThingIsUsedSoTheRegistriesHoldNoDeadData() {
        Set<String> materials = new HashSet<>();
        Set<String> fields = new HashSet<>();
        Set<String> departments = new HashSet<>();
        Set<String> events = new HashSet<>();
        for (ServiceItem it : CATALOG.items()) {
            it.materials().forEach(m -> materials.add(m.material()));
            it.fields().forEach(f -> fields.add(f.field()));
            departments.add(it.department());
            events.addAll(it.lifeEvents());
        }
        assertThat(materials).containsAll(CATALOG.materials().keySet());
        assertThat(fields).containsAll(CATALOG.fields().keySet());
        assertThat(departments).containsAll(CATALOG.departments().stream().map(Department::code).toList());
        assertThat(events).containsAll(CATALOG.lifeEvents().stream().map(LifeEvent::code).toList());
    }

    @Test
    void theBriefsNamedItemsAreThere() {
        List<String> names = CATALOG.items().stream().map(i -> i.name().zh()).toList();
        for (String expected : List.of("上海市居住证申领", "上海市居住证续签", "灵活就业登记", "个体工商户设立登记", "食品经营许可（新办）",
                "酒类商品零售许可", "户外招牌设置", "公众聚集场所投入使用、营业前消防安全检查", "社会保障卡申领", "老年综合津贴申请",
                "公共租赁住房申请", "困难残疾人生活补贴和重度残疾人护理补贴")) {
            assertThat(names).contains(expected);
        }
        assertThat(names).anyMatch(n -> n.contains("生活垃圾")).anyMatch(n -> n.contains("医保") || n.contains("医疗保险"))
                .anyMatch(n -> n.contains("出生")).anyMatch(n -> n.contains("生育"));
    }

    @Test
    void browsesByGroupDepartmentAndLifeEventMostPopularFirst() {
        List<ServiceItem> gaItems = CATALOG.byDepartment("GA");
        assertThat(gaItems).isNotEmpty().allMatch(i -> i.department().equals("GA"));
        assertThat(gaItems.get(0).name().zh()).isEqualTo("上海市居住证申领");
        List<ServiceItem> business = CATALOG.byLifeEvent("START_BUSINESS");
        assertThat(business).extracting(ServiceItem::code).contains("SH-SCJG-001", "SH-SWW-001", "SH-XF-001");
        for (int i = 1; i < business.size(); i++) {
            assertThat(business.get(i - 1).popularity()).isGreaterThanOrEqualTo(business.get(i).popularity());
        }
        assertThat(CATALOG.departmentsOf(ServiceGroup.LEGAL_PERSON)).extracting(Department::code)
                .contains("SCJG", "SWW", "LHSR", "XF").doesNotContain("JYJ");
        assertThat(CATALOG.themesByLifeEvent("START_BUSINESS")).extracting(Theme::code).contains("THEME-RESTAURANT");
    }

    @Test
    void suppliedFieldsAreNeverRequiredInputAndLockedFieldsArePrefilled() {
        List<String> wrong = new ArrayList<>();
        for (FieldDefinition f : CATALOG.fields().values()) {
            if (f.isSupplied() && f.prefill().isPresent()) {
                wrong.add(f.id() + " is both supplied and prefilled");
            }
        }
        assertThat(wrong).isEmpty();
    }
}

package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.form.FieldDefinition;
import io.dianxiaoer.core.form.FieldType;
import io.dianxiaoer.core.identity.DocumentKind;
import io.dianxiaoer.core.text.LocalizedText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A generated catalog of realistic-looking item names for scale tests and the search benchmark:
 * the sample catalog's items plus {@code n} generated ones built from district, subject and action
 * words (长宁区 / 食品经营许可 / 延续), so names share prefixes and readings the way a real catalog's do.
 */
public final class SyntheticCatalog {

    private static final String[] PLACES = {"", "", "", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
            "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"};
    private static final String[] SUBJECTS = {"食品经营许可", "酒类商品零售许可", "户外招牌设置", "药品经营许可", "医疗器械经营备案",
            "道路运输经营许可", "建筑工程施工许可", "排水许可", "城市道路挖掘许可", "临时占用绿地审批", "人力资源服务许可",
            "劳务派遣经营许可", "民办学校办学许可", "养老机构备案", "医疗机构执业登记", "公共场所卫生许可", "出版物零售许可",
            "娱乐场所经营许可", "旅行社业务经营许可", "特种设备使用登记", "危险化学品经营许可", "烟草专卖零售许可",
            "居住证", "社会保障卡", "住房公积金", "城乡居民医保", "老年综合津贴", "残疾人证", "失业保险金", "生育保险待遇",
            "公共租赁住房", "廉租住房", "结婚登记", "出生登记", "灵活就业登记", "就业困难人员认定", "独生子女父母奖励费",
            "不动产登记", "机动车驾驶证", "出入境证件", "个人所得税", "契税", "商品房预售许可", "房屋租赁合同备案"};
    private static final String[] ACTIONS = {"", "新办", "延续", "变更", "注销", "补办", "换领", "申领", "备案", "核准", "信息查询",
            "证明开具", "待遇申领", "资格认定", "年度报告", "遗失补发"};
    private static final String[] KEYWORDS = {"开店", "创业", "许可证", "证明", "补贴", "津贴", "登记", "办证", "查询", "养老", "就业",
            "医保", "社保", "住房", "外地人", "老人", "孩子", "上学", "结婚", "装修", "垃圾分类", "消防", "招牌", "卖酒"};

    private SyntheticCatalog() {
    }

    /** The sample catalog plus {@code n} generated items (deterministic for a seed). */
    public static Catalog generate(int n, long seed) {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(PLACES[r.nextInt(PLACES.length)] + SUBJECTS[r.nextInt(SUBJECTS.length)] + ACTIONS[r.nextInt(ACTIONS.length)]);
        }
        return withNames(names, seed);
    }

    /** The sample catalog plus one generated item per name. */
    public static Catalog withNames(List<String> names, long seed) {
        Catalog sample = Catalog.sample();
        Random r = new Random(seed);
        int n = names.size();
        List<ServiceItem> items = new ArrayList<>(sample.items());
        List<Department> depts = sample.departments();
        List<LifeEvent> events = sample.lifeEvents();
        ServiceGroup[] groups = ServiceGroup.values();
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            List<String> kw = List.of(KEYWORDS[r.nextInt(KEYWORDS.length)], KEYWORDS[r.nextInt(KEYWORDS.length)]);
            items.add(new ServiceItem(String.format("GEN-%05d", i), LocalizedText.of(name, "Generated item " + i),
                    groups[r.nextInt(groups.length)], depts.get(r.nextInt(depts.size())).code(), Set.of(ApplicantType.NATURAL_PERSON),
                    LocalizedText.of("符合条件的申请人", "Eligible applicants"), EnumSet.of(DocumentKind.RESIDENT_ID_CARD),
                    List.of(), List.of(new MaterialRequirement("ID_CARD", Condition.ALWAYS, Optional.empty())),
                    List.of(new FieldRequirement("applicant.phone", true, Condition.ALWAYS)), List.of(),
                    new TimeLimit(20, r.nextInt(20)), new Fee(BigDecimal.ZERO, LocalizedText.of("不收费", "Free")),
                    List.of(DeliveryOption.WINDOW), List.of(events.get(r.nextInt(events.size())).code()), kw, r.nextInt(101),
                    LocalizedText.of("自动生成的测试事项", "Generated test item")));
        }
        List<FieldDefinition> fields = new ArrayList<>(sample.fields().values());
        if (fields.stream().noneMatch(f -> f.id().equals("applicant.phone"))) {
            fields.add(FieldDefinition.simple("applicant.phone", LocalizedText.of("联系电话", "Phone"), FieldType.PHONE, "APPLICANT"));
        }
        return Catalog.of(sample.version() + "+synthetic" + n, depts, events, List.copyOf(sample.materials().values()), fields,
                List.copyOf(sample.questions().values()), items, sample.themes());
    }
}

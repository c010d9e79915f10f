package io.dianxiaoer.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.catalog.SearchHit.Field;
import io.dianxiaoer.core.catalog.SearchHit.Kind;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CatalogSearchTest {

    // static finals, not @BeforeAll: jqwik properties do not run JUnit lifecycle methods
    private static final Catalog sample = Catalog.sample();
    private static final Catalog large = SyntheticCatalog.generate(5_000, 42);

    private static List<String> names(Catalog c, String q) {
        return c.search(q, 10).stream().map(h -> h.name().zh()).toList();
    }

    @Test
    void initialsFindTheResidencePermit() {
        List<SearchHit> hits = sample.search("jzz", 10);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).name().zh()).startsWith("上海市居住证");
        assertThat(hits.get(0).matchedIn()).isEqualTo(Field.NAME);
        SearchHit first = hits.get(0);
        assertThat(first.matchedText().substring(first.start(), first.end())).isEqualTo("居住证");
    }

    @Test
    void fullPinyinChineseAndMixedInputAllFindIt() {
        for (String q : List.of("juzhuzheng", "居住证", "居住z", "juzhz", "jzzheng", "JZZ", "ｊｚｚ", "ju zhu zheng")) {
            assertThat(names(sample, q)).as(q).anyMatch(n -> n.startsWith("上海市居住证"));
        }
    }

    @Test
    void polyphonesAreReadAsInTheirWord() {
        Catalog c = SyntheticCatalog.withNames(List.of("银行卡挂失", "行政复议申请", "重庆市居民来沪登记", "重新申领社会保障卡",
                "长宁区长期护理保险", "重要物品遗失登记", "校长资格证明"), 7);
        assertThat(names(c, "yinhang")).containsExactly("银行卡挂失");
        assertThat(names(c, "yinxing")).isEmpty();
        assertThat(names(c, "xingzheng")).contains("行政复议申请");
        assertThat(names(c, "hangzheng")).isEmpty();
        assertThat(names(c, "chongqing")).contains("重庆市居民来沪登记");
        assertThat(names(c, "zhongqing")).isEmpty();
        assertThat(names(c, "chongxin")).contains("重新申领社会保障卡");
        assertThat(names(c, "zhongyao")).contains("重要物品遗失登记");
        assertThat(names(c, "changning")).contains("长宁区长期护理保险");
        assertThat(names(c, "zhangning")).isEmpty();
        assertThat(names(c, "changqi")).contains("长宁区长期护理保险");
        assertThat(names(c, "xiaozhang")).contains("校长资格证明");
        assertThat(names(c, "cnqcqhl")).contains("长宁区长期护理保险");
        // in the sample: 重度 reads zhong du
        assertThat(names(sample, "zhongdu")).anyMatch(n -> n.contains("重度残疾人"));
        assertThat(names(sample, "chongdu")).noneMatch(n -> n.contains("重度残疾人"));
        assertThat(large.search("changningqu", 20)).isNotEmpty().allMatch(h -> h.matchedText().contains("长宁区"));
    }

    @Test
    void keywordsFindItemsWhoseNamesDoNotSayIt() {
        List<SearchHit> hits = sample.search("外卖骑手", 10);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).name().zh()).isEqualTo("灵活就业登记");
        assertThat(hits.get(0).matchedIn()).isEqualTo(Field.KEYWORD);
        assertThat(names(sample, "shebaoka")).first().isEqualTo("社会保障卡申领");
    }

    @Test
    void themesAreFoundAndLeadForTheirErrand() {
        List<SearchHit> hits = sample.search("开餐馆", 5);
        assertThat(hits.get(0).kind()).isEqualTo(Kind.THEME);
        assertThat(hits.get(0).code()).isEqualTo("THEME-RESTAURANT");
        assertThat(sample.search("kcg", 5)).extracting(SearchHit::code).contains("THEME-RESTAURANT");
    }

    @Test
    void severalWordsMustAllMatch() {
        List<SearchHit> hits = sample.search("食品 延续", 10);
        assertThat(hits).extracting(SearchHit::code).containsExactly("SH-SCJG-004");
        assertThat(sample.search("食品 yanxu", 10)).extracting(SearchHit::code).containsExactly("SH-SCJG-004");
        assertThat(sample.search("居住证 火星", 10)).isEmpty();
    }

    @Test
    void departmentAndLifeEventNamesAreSearchable() {
        assertThat(sample.search("消防救援", 10)).extracting(SearchHit::code).contains("SH-XF-001");
        assertThat(sample.search("身后事", 10)).extracting(SearchHit::code).contains("SH-SQ-017");
    }

    @Test
    void nameMatchesRankAboveKeywordMatchesAndPrefixAboveInfix() {
        List<SearchHit> hits = sample.search("社保卡", 10);
        assertThat(hits.get(0).matchedIn()).isIn(Field.NAME, Field.KEYWORD);
        List<SearchHit> card = sample.search("shehuibaozhangka", 10);
        assertThat(card.get(0).name().zh()).isEqualTo("社会保障卡申领");
        for (int i = 1; i < card.size(); i++) {
            assertThat(card.get(i - 1).score()).isGreaterThanOrEqualTo(card.get(i).score());
        }
    }

    @Test
    void nothingForEmptyPunctuationOrUnknownInput() {
        assertThat(sample.search("", 10)).isEmpty();
        assertThat(sample.search("   ", 10)).isEmpty();
        assertThat(sample.search("！？。", 10)).isEmpty();
        assertThat(sample.search(null, 10)).isEmpty();
        assertThat(sample.search("qqqqqq", 10)).isEmpty();
        assertThat(sample.search("居住证", 0)).isEmpty();
    }

    @Test
    void aFiveThousandItemCatalogIsIndexedAndSearchedCorrectly() {
        assertThat(large.items()).hasSize(5_000 + sample.items().size());
        List<SearchHit> hits = large.search("jzz", 20);
        assertThat(hits).hasSize(20).allMatch(h -> h.matchedText().contains("居住证") || h.matchedText().contains("jzz"));
        assertThat(large.search("shipinjingyingxuke yanxu", 20)).isNotEmpty()
                .allMatch(h -> h.name().zh().contains("食品经营许可") && h.name().zh().contains("延续"));
    }

    @Property(tries = 300)
    void anyQueryReturnsAtMostLimitHitsBestFirstWithoutFailing(@ForAll @StringLength(max = 80) String query) {
        List<SearchHit> hits = large.search(query, 15);
        assertThat(hits.size()).isLessThanOrEqualTo(15);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
        }
        for (SearchHit h : hits) {
            assertThat(h.start()).isBetween(0, h.end());
            assertThat(h.end()).isLessThanOrEqualTo(h.matchedText().length());
        }
    }

    @Property(tries = 100) // more tries than items: jqwik then checks every item exactly once
    void everyItemIsFoundByItsOwnNameAndItsInitials(@ForAll("codes") String code) {
        ServiceItem it = sample.requireItem(code);
        assertThat(sample.search(it.name().zh(), 50)).extracting(SearchHit::code).contains(code);
        String initials = initials(it.name().zh());
        assertThat(sample.search(initials, 200)).as("initials %s of %s", initials, it.name().zh())
                .extracting(SearchHit::code).contains(code);
    }

    /** A query typed the way people do: from a piece of a real name, each character as itself, its syllable or its initial. */
    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> typedQueries() {
        List<String> names = large.items().stream().map(i -> i.name().zh()).distinct().toList();
        return net.jqwik.api.Combinators.combine(net.jqwik.api.Arbitraries.of(names),
                net.jqwik.api.Arbitraries.integers().between(0, 30), net.jqwik.api.Arbitraries.integers().between(1, 6),
                net.jqwik.api.Arbitraries.integers().between(0, 2).list().ofSize(6)).as((name, from, len, modes) -> {
            String[] syl = io.dianxiaoer.core.pinyin.PinyinDictionary.standard().syllablesOf(name);
            int start = Math.min(from, name.length() - 1);
            StringBuilder q = new StringBuilder();
            for (int i = start, k = 0; i < name.length() && k < len; i++, k++) {
                int mode = syl[i] == null ? 0 : modes.get(k);
                q.append(mode == 0 ? String.valueOf(name.charAt(i)) : mode == 1 ? syl[i] : syl[i].substring(0, 1));
            }
            return q.toString();
        });
    }

    @Property(tries = 100) // each try scans all 5,000 items without the index: keep the count modest
    void theIndexFindsExactlyWhatAScanOfEveryPositionFinds(@ForAll("typedQueries") String query) {
        java.util.Set<String> viaIndex = new java.util.HashSet<>();
        large.search(query, Integer.MAX_VALUE).forEach(h -> viaIndex.add(h.code()));
        assertThat(viaIndex).as(query).isEqualTo(large.index().scanAll(query)).isNotEmpty();
    }

    @Property(tries = 60)
    void theIndexAgreesWithTheScanOnArbitraryLetters(@ForAll @StringLength(min = 1, max = 8) @net.jqwik.api.constraints.CharRange(from = 'a', to = 'z') String query) {
        java.util.Set<String> viaIndex = new java.util.HashSet<>();
        large.search(query, Integer.MAX_VALUE).forEach(h -> viaIndex.add(h.code()));
        assertThat(viaIndex).as(query).isEqualTo(large.index().scanAll(query));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> codes() {
        return net.jqwik.api.Arbitraries.of(Catalog.sample().items().stream().map(ServiceItem::code).toList());
    }

    private static String initials(String text) {
        String[] syl = io.dianxiaoer.core.pinyin.PinyinDictionary.standard().syllablesOf(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syl.length; i++) {
            if (syl[i] != null) {
                sb.append(syl[i].charAt(0));
            } else if (Character.isLetterOrDigit(text.charAt(i))) {
                sb.append(Character.toLowerCase(text.charAt(i)));
            }
        }
        return sb.toString();
    }
}

package io.dianxiaoer.core.pinyin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PinyinDictionaryTest {

    private final PinyinDictionary dict = PinyinDictionary.standard();

    @Test
    void resolvesPolyphonesByTheWordTheyStandIn() {
        assertThat(dict.toPinyin("重庆")).isEqualTo("chong qing");
        assertThat(dict.toPinyin("重新")).isEqualTo("chong xin");
        assertThat(dict.toPinyin("重要")).isEqualTo("zhong yao");
        assertThat(dict.toPinyin("长宁")).isEqualTo("chang ning");
        assertThat(dict.toPinyin("长期")).isEqualTo("chang qi");
        assertThat(dict.toPinyin("校长")).isEqualTo("xiao zhang");
        assertThat(dict.toPinyin("行政")).isEqualTo("xing zheng");
        assertThat(dict.toPinyin("银行")).isEqualTo("yin hang");
        assertThat(dict.toPinyin("绿化市容")).isEqualTo("lv hua shi rong");
    }

    @Test
    void segmentsLongerTextIntoWordsBeforeReadingIt() {
        assertThat(dict.toPinyin("长宁区行政服务中心")).isEqualTo("chang ning qu xing zheng fu wu zhong xin");
        assertThat(dict.toPinyin("重庆市长宁区")).startsWith("chong qing shi chang ning qu");
        assertThat(dict.toPinyin("上海市居住证")).isEqualTo("shang hai shi ju zhu zheng");
    }

    @Test
    void keepsLatinLettersDigitsAndPunctuationAsTheyAre() {
        String[] syl = dict.syllablesOf("EMS寄递，3天");
        assertThat(syl).containsExactly(null, null, null, "ji", "di", null, null, "tian");
        assertThat(dict.toPinyin("B超")).isEqualTo("B chao");
    }

    @Test
    void knowsEveryReadingOfAPolyphoneMostCommonFirst() {
        assertThat(dict.readings('行')).contains("xing", "hang").first().isEqualTo("xing");
        assertThat(dict.readings('绿')).contains("lv");
        assertThat(dict.readings('A')).isEmpty();
        assertThat(dict.syllables()).contains("zhuang", "lv", "nv", "a").hasSizeBetween(380, 440);
        assertThat(dict.wordCount()).isGreaterThan(50_000);
    }

    @Test
    void loadsItsOwnFormatAndRefusesAnythingElseNamingTheLine() throws Exception {
        PinyinDictionary tiny = PinyinDictionary.load(new StringReader(
                "# test\nC\t行\txing:10,hang:5\nC\t银\tyin:3\nW\t银行\tyin hang\t7\n"));
        assertThat(tiny.toPinyin("银行")).isEqualTo("yin hang");
        assertThat(tiny.toPinyin("行")).isEqualTo("xing");
        assertThatThrownBy(() -> PinyinDictionary.load(new StringReader("C\t行\txing:10\nX\tnope\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PinyinDictionary.load(new StringReader("W\t银行\tyin\t7\n")))
                .hasMessageContaining("line 1").hasMessageContaining("length");
        assertThatThrownBy(() -> PinyinDictionary.load(new StringReader("C\t行\tXing:1\n")))
                .hasMessageContaining("bad syllable");
    }
}

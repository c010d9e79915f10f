package io.dianxiaoer.core.pinyin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.pinyin.PinyinInput.Candidate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PinyinInputTest {

    private static List<String> texts(PinyinInput in, int n) {
        return in.candidates(n).stream().map(Candidate::text).toList();
    }

    @Test
    void initialsFindTheWord() {
        assertThat(texts(PinyinInput.start().type("jzz"), 10)).contains("居住证");
    }

    @Test
    void fullPinyinPutsTheWordFirst() {
        PinyinInput in = PinyinInput.start().type("juzhuzheng");
        Candidate first = in.candidates(5).get(0);
        assertThat(first.text()).isEqualTo("居住证");
        assertThat(first.complete()).isTrue();
        assertThat(first.consumed()).isEqualTo(10);
        assertThat(texts(PinyinInput.start().type("yinhang"), 3)).contains("银行");
        assertThat(texts(PinyinInput.start().type("chongqing"), 3)).contains("重庆");
    }

    @Test
    void incrementalInputShowsCandidatesAtEveryStep() {
        PinyinInput in = PinyinInput.start();
        for (char c : "juzhuzheng".toCharArray()) {
            in = in.type(c);
            assertThat(in.candidates(10)).as("after %s", in.pending()).isNotEmpty();
        }
        assertThat(texts(PinyinInput.start().type("juzhuzh"), 10)).contains("居住证");
    }

    @Test
    void mixedInitialsAndSyllablesWork() {
        assertThat(texts(PinyinInput.start().type("jzzheng"), 10)).contains("居住证");
        assertThat(texts(PinyinInput.start().type("juzhz"), 10)).contains("居住证");
    }

    @Test
    void singleSyllablesOfferCommonCharactersFirst() {
        List<String> de = texts(PinyinInput.start().type("de"), 5);
        assertThat(de).contains("的");
        List<String> xing = texts(PinyinInput.start().type("xing"), 20);
        assertThat(xing).contains("行", "性", "星");
        assertThat(texts(PinyinInput.start().type("hang"), 10)).contains("行");
        assertThat(texts(PinyinInput.start().type("lv"), 10)).contains("绿");
    }

    @Test
    void choosingPartOfTheLettersKeepsTheRest() {
        PinyinInput in = PinyinInput.start().type("juzhuzheng");
        Candidate juzhu = in.candidates(50).stream().filter(c -> c.text().equals("居住")).findFirst().orElseThrow();
        assertThat(juzhu.complete()).isFalse();
        in = in.choose(juzhu);
        assertThat(in.pending()).isEqualTo("zheng");
        assertThat(in.composed()).isEqualTo("居住");
        Candidate zheng = in.candidates(30).stream().filter(c -> c.text().equals("证")).findFirst().orElseThrow();
        in = in.choose(zheng);
        assertThat(in.isComplete()).isTrue();
        assertThat(in.composed()).isEqualTo("居住证");
        // backspace takes the last choice back, with its letters
        PinyinInput back = in.backspace();
        assertThat(back.composed()).isEqualTo("居住");
        assertThat(back.pending()).isEqualTo("zheng");
    }

    @Test
    void apostropheSeparatesSyllables() {
        assertThat(texts(PinyinInput.start().type("xi'an"), 5)).contains("西安");
        PinyinInput in = PinyinInput.start().type("xi'an");
        Candidate xi = in.candidates(60).stream().filter(c -> c.text().equals("西")).findFirst().orElseThrow();
        assertThat(in.choose(xi).pending()).isEqualTo("an");
    }

    @Test
    void ignoresKeysThatAreNotPinyin() {
        PinyinInput in = PinyinInput.start();
        assertThat(in.type('1')).isSameAs(in);
        assertThat(in.type('\'')).isSameAs(in);
        assertThat(in.type('Ü').pending()).isEqualTo("v");
        assertThat(PinyinInput.start().type("JZZ").pending()).isEqualTo("jzz");
        assertThat(PinyinInput.start().type("q").candidates(0)).isEmpty();
    }

    @Property(tries = 300)
    void anyLettersGiveCandidatesThatFitWhatWasTyped(@ForAll @CharRange(from = 'a', to = 'z') @StringLength(min = 1, max = 25) String typed) {
        PinyinInput in = PinyinInput.start().type(typed);
        for (Candidate c : in.candidates(20)) {
            assertThat(c.consumed()).isBetween(1, in.pending().length());
            assertThat(c.text()).isNotEmpty();
            PinyinInput after = in.choose(c);
            assertThat(after.composed()).isEqualTo(c.text());
            assertThat(in.pending()).endsWith(after.pending());
        }
    }
}

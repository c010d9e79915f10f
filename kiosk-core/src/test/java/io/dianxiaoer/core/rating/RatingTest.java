package io.dianxiaoer.core.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RatingTest {

    private static final Instant AT = Instant.parse("2026-11-22T04:00:00Z");

    private static Rating rating(int stars, Set<RatingReason> reasons, String comment, Handler handler) {
        return new Rating(Satisfaction.ofStars(stars), reasons, comment, "31010519850312001X", "SH-GA-001", "K0001-000042",
                handler, AT);
    }

    @Test
    void fiveLevelsFromVerySatisfiedToVeryDissatisfied() {
        assertThat(Satisfaction.ofStars(5).label().zh()).isEqualTo("非常满意");
        assertThat(Satisfaction.ofStars(4).label().zh()).isEqualTo("满意");
        assertThat(Satisfaction.ofStars(3).label().zh()).isEqualTo("基本满意");
        assertThat(Satisfaction.ofStars(2).label().zh()).isEqualTo("不满意");
        assertThat(Satisfaction.ofStars(1).label().zh()).isEqualTo("非常不满意");
        assertThatThrownBy(() -> Satisfaction.ofStars(0)).hasMessageContaining("1 to 5");
        assertThatThrownBy(() -> Satisfaction.ofStars(6)).hasMessageContaining("1 to 5");
    }

    @Test
    void goodRatingsNeedNoReason() {
        Rating r = rating(5, Set.of(), "", new Handler.Kiosk("K0001"));
        assertThat(r.satisfaction().isBad()).isFalse();
        assertThat(rating(3, Set.of(), null, new Handler.Kiosk("K0001")).comment()).isEmpty();
    }

    @Test
    void badRatingsMustSayWhyInPlainWords() {
        assertThat(Rating.validate(Satisfaction.DISSATISFIED, Set.of(), "")).singleElement()
                .satisfies(p -> assertThat(p.zh()).contains("至少选一项原因"));
        assertThatThrownBy(() -> rating(1, Set.of(), "", new Handler.Kiosk("K0001"))).hasMessageContaining("reason");
        assertThat(rating(2, EnumSet.of(RatingReason.TOO_SLOW), "", new Handler.Kiosk("K0001")).reasons()).containsExactly(RatingReason.TOO_SLOW);
    }

    @Test
    void otherAloneNeedsAFewWordsAndCommentsHaveALimit() {
        assertThat(Rating.validate(Satisfaction.VERY_DISSATISFIED, Set.of(RatingReason.OTHER), "差")).singleElement()
                .satisfies(p -> assertThat(p.en()).contains("a few words"));
        assertThat(Rating.validate(Satisfaction.VERY_DISSATISFIED, Set.of(RatingReason.OTHER), "打印机卡纸了两次")).isEmpty();
        assertThat(Rating.validate(Satisfaction.VERY_DISSATISFIED, Set.of(RatingReason.OTHER, RatingReason.TOO_SLOW), "")).isEmpty();
        String tooLong = "慢".repeat(Rating.MAX_COMMENT + 1);
        assertThat(Rating.validate(Satisfaction.SATISFIED, Set.of(), tooLong)).singleElement()
                .satisfies(p -> assertThat(p.zh()).contains("最多200个字"));
        assertThat(Rating.validate(Satisfaction.SATISFIED, Set.of(), "慢".repeat(Rating.MAX_COMMENT))).isEmpty();
        assertThat(Rating.validate(null, Set.of(), "")).hasSize(1);
    }

    @Test
    void linkedToApplicantItemApplicationAndHandlerWithoutLeakingThem() {
        Rating r = rating(1, EnumSet.of(RatingReason.OTHER), "等了四十分钟没有人帮我", new Handler.Agent("agent-07"));
        assertThat(r.handler().id()).isEqualTo("agent:agent-07");
        assertThat(r.itemCode()).isEqualTo("SH-GA-001");
        assertThat(r.applicationRef()).isEqualTo("K0001-000042");
        assertThat(r.toString()).doesNotContain("31010519850312001X").doesNotContain("四十分钟").contains("1 stars");
        assertThat(new Handler.Kiosk("K0001").id()).isEqualTo("kiosk:K0001");
        assertThat(new Handler.Staff("S123").id()).isEqualTo("staff:S123");
        assertThatThrownBy(() -> new Handler.Agent("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handler.Agent("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rating(Satisfaction.SATISFIED, Set.of(), "", "", "SH-GA-001", "x", new Handler.Kiosk("K1"), AT))
                .hasMessageContaining("applicant");
    }

    @Property(tries = 200)
    void oneOrTwoStarsWithoutAReasonAreNeverAccepted(@ForAll @IntRange(min = 1, max = 5) int stars) {
        boolean accepted = Rating.validate(Satisfaction.ofStars(stars), Set.of(), "").isEmpty();
        assertThat(accepted).isEqualTo(stars >= 3);
    }
}

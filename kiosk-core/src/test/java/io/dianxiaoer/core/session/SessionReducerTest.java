package io.dianxiaoer.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.EndSessionRequested;
import io.dianxiaoer.core.event.CardRejection;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.IdCardRejected;
import io.dianxiaoer.core.event.LanguageSelected;
import io.dianxiaoer.core.event.Tick;
import io.dianxiaoer.core.event.UserActivity;
import io.dianxiaoer.core.identity.CardValidity;
import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.HmtResidencePermit;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.Nation;
import io.dianxiaoer.core.identity.ResidentIdCard;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionReducerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    private static ResidentIdCard card(String id) {
        return new ResidentIdCard("张伟", Gender.MALE, Nation.ofCode("01").orElseThrow(), LocalDate.of(1985, 3, 12),
                "上海市浦东新区世纪大道100号", IdNumber.parse(id), "上海市公安局浦东分局",
                CardValidity.until(LocalDate.of(2020, 1, 1), LocalDate.of(2040, 1, 1)), new byte[0]);
    }

    private static final String ID_A = "11010519491231002X";
    private static final String ID_B = "440524188001010014";

    private final SessionState start = SessionState.initial(T0, IdlePolicy.DEFAULT);

    @Test
    void cardReadGreetsAndCardRemovedWipes() {
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", card(ID_A), T0.plusSeconds(1)));
        assertThat(s.page()).isEqualTo(Page.GREETING);
        assertThat(s.identity()).isPresent();
        assertThat(s.sessionNumber()).isEqualTo(1);

        s = SessionReducer.apply(s, new CardRemoved("idcard", T0.plusSeconds(5)));
        assertThat(s.page()).isEqualTo(Page.ATTRACT);
        assertThat(s.identity()).isEmpty();
        assertThat(s.lastEndReason()).isEqualTo(EndReason.CARD_REMOVED);
    }

    @Test
    void idleTimeoutShowsCountdownForTheLast15SecondsThenWipes() {
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", card(ID_A), T0));
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(44)));
        assertThat(s.countdownVisible()).isFalse();
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(45)));
        assertThat(s.countdownVisible()).isTrue();
        assertThat(s.countdownSeconds()).isEqualTo(15);
        s = SessionReducer.apply(s, new Tick(T0.plusMillis(59_001)));
        assertThat(s.countdownSeconds()).isEqualTo(1);
        assertThat(s.page()).isEqualTo(Page.GREETING);
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(60)));
        assertThat(s.page()).isEqualTo(Page.ATTRACT);
        assertThat(s.identity()).isEmpty();
        assertThat(s.lastEndReason()).isEqualTo(EndReason.IDLE_TIMEOUT);
    }

    @Test
    void touchRestartsTheIdleClock() {
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", card(ID_A), T0));
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(50)));
        assertThat(s.countdownVisible()).isTrue();
        s = SessionReducer.apply(s, new UserActivity(T0.plusSeconds(51)));
        assertThat(s.countdownVisible()).isFalse();
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(100)));
        assertThat(s.page()).isEqualTo(Page.GREETING);
        s = SessionReducer.apply(s, new Tick(T0.plusSeconds(111)));
        assertThat(s.page()).isEqualTo(Page.ATTRACT);
    }

    @Test
    void configurableTimeout() {
        SessionState s0 = SessionState.initial(T0, new IdlePolicy(Duration.ofSeconds(10), Duration.ofSeconds(3)));
        SessionState s = SessionReducer.apply(s0, new IdCardRead("idcard", card(ID_A), T0));
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(7))).countdownVisible()).isTrue();
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(10))).page()).isEqualTo(Page.ATTRACT);
    }

    @Test
    void anotherCardStartsANewSessionTheSameCardKeepsIt() {
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", card(ID_A), T0));
        SessionState same = SessionReducer.apply(s, new IdCardRead("idcard", card(ID_A), T0.plusSeconds(2)));
        assertThat(same.sessionNumber()).isEqualTo(1);
        SessionState other = SessionReducer.apply(s, new IdCardRead("idcard", card(ID_B), T0.plusSeconds(3)));
        assertThat(other.sessionNumber()).isEqualTo(2);
        assertThat(other.identity().orElseThrow().documentNumber()).isEqualTo(ID_B);
    }

    @Test
    void languageFollowsTheCitizenAndResetsForTheNextOne() {
        SessionState s = SessionReducer.apply(start, new LanguageSelected(Language.EN, T0));
        s = SessionReducer.apply(s, new IdCardRead("idcard", card(ID_A), T0.plusSeconds(1)));
        assertThat(s.language()).isEqualTo(Language.EN);
        s = SessionReducer.apply(s, new EndSessionRequested(T0.plusSeconds(2)));
        assertThat(s.language()).isEqualTo(Language.ZH);
        assertThat(s.lastEndReason()).isEqualTo(EndReason.FINISHED);
    }

    @Test
    void englishChosenOnTheAttractPageRevertsWhenAbandoned() {
        SessionState s = SessionReducer.apply(start, new LanguageSelected(Language.EN, T0));
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(30))).language()).isEqualTo(Language.EN);
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(60))).language()).isEqualTo(Language.ZH);
    }

    @Test
    void deviceStatesOutliveSessionsAndUnchangedEventsReturnTheSameInstance() {
        SessionState s = SessionReducer.apply(start, new DeviceStatusChanged("idcard", DeviceStatus.READY, "", T0));
        assertThat(SessionReducer.apply(s, new DeviceStatusChanged("idcard", DeviceStatus.READY, "", T0))).isSameAs(s);
        s = SessionReducer.apply(s, new IdCardRead("idcard", card(ID_A), T0));
        s = SessionReducer.apply(s, new CardRemoved("idcard", T0.plusSeconds(1)));
        assertThat(s.deviceStatus("idcard")).isEqualTo(DeviceStatus.READY);
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(5)))).isSameAs(s);
        assertThat(SessionReducer.apply(s, new CardRemoved("idcard", T0.plusSeconds(6)))).isSameAs(s);
    }

    @Test
    void anExpiredCardIsRefusedWithItsExpiryDateAndTheNoticeFades() {
        ResidentIdCard expired = new ResidentIdCard("陈建国", Gender.MALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1985, 3, 12), "地址", IdNumber.parse(ID_A), "机关",
                CardValidity.until(LocalDate.of(2005, 1, 1), LocalDate.of(2025, 1, 1)), new byte[0]);
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", expired, T0));
        assertThat(s.page()).isEqualTo(Page.ATTRACT);
        assertThat(s.identity()).isEmpty();
        assertThat(s.notice().orElseThrow().kind()).isEqualTo(Notice.Kind.CARD_EXPIRED);
        assertThat(s.notice().orElseThrow().date()).contains(LocalDate.of(2025, 1, 1));
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(9))).notice()).isPresent();
        assertThat(SessionReducer.apply(s, new Tick(T0.plusSeconds(10))).notice()).isEmpty();
    }

    @Test
    void theLastDayOfValidityStillCountsInShanghaiTime() {
        ResidentIdCard lastDay = new ResidentIdCard("陈建国", Gender.MALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1985, 3, 12), "地址", IdNumber.parse(ID_A), "机关",
                CardValidity.until(LocalDate.of(2006, 11, 22), LocalDate.of(2026, 11, 22)), new byte[0]);
        // 2026-11-22T15:59Z is 23:59 in Shanghai: still the last valid day; a minute later it is not.
        Instant late = Instant.parse("2026-11-22T15:59:00Z");
        assertThat(SessionReducer.apply(SessionState.initial(late, IdlePolicy.DEFAULT),
                new IdCardRead("idcard", lastDay, late)).page()).isEqualTo(Page.GREETING);
        Instant next = Instant.parse("2026-11-22T16:00:00Z");
        assertThat(SessionReducer.apply(SessionState.initial(next, IdlePolicy.DEFAULT),
                new IdCardRead("idcard", lastDay, next)).notice().orElseThrow().kind())
                .isEqualTo(Notice.Kind.CARD_EXPIRED);
    }

    @Test
    void aCardNotYetValidIsRefused() {
        ResidentIdCard future = new ResidentIdCard("陈建国", Gender.MALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1985, 3, 12), "地址", IdNumber.parse(ID_A), "机关",
                CardValidity.until(LocalDate.of(2027, 1, 1), LocalDate.of(2047, 1, 1)), new byte[0]);
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", future, T0));
        assertThat(s.notice().orElseThrow().kind()).isEqualTo(Notice.Kind.CARD_NOT_YET_VALID);
        assertThat(s.isServing()).isFalse();
    }

    @Test
    void rejectedCardsLeaveANoticeAndASuccessfulReadClearsIt() {
        SessionState s = SessionReducer.apply(start,
                new IdCardRejected("idcard", CardRejection.READ_INTERRUPTED, T0));
        assertThat(s.notice().orElseThrow().kind()).isEqualTo(Notice.Kind.CARD_READ_INTERRUPTED);
        s = SessionReducer.apply(s, new IdCardRead("idcard", card(ID_A), T0.plusSeconds(1)));
        assertThat(s.notice()).isEmpty();
        assertThat(s.page()).isEqualTo(Page.GREETING);
    }

    @Test
    void otherDocumentKindsGreetToo() {
        HmtResidencePermit permit = new HmtResidencePermit("陈大文", Gender.MALE, LocalDate.of(1990, 1, 1),
                "广东省深圳市福田区", IdNumber.parse("810000199001010019"), "深圳市公安局",
                CardValidity.until(LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1)), "H12345678", 1, null);
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", permit, T0));
        assertThat(s.page()).isEqualTo(Page.GREETING);
        assertThat(s.identity().orElseThrow().maskedNumber()).isEqualTo("8100**********0019");
        assertThat(permit.origin()).isEqualTo("HK");
        assertThat(permit.toString()).doesNotContain("陈大文").doesNotContain("810000199001010019");
    }

    @Test
    void stateToStringIsMasked() {
        SessionState s = SessionReducer.apply(start, new IdCardRead("idcard", card(ID_A), T0));
        assertThat(s.toString()).doesNotContain("张伟").doesNotContain(ID_A);
    }

    @Test
    void storeNotifiesOnlyRealChangesInOrder() {
        SessionStore store = new SessionStore(start);
        List<Page> seen = new ArrayList<>();
        store.addListener((prev, cur) -> seen.add(cur.page()));
        store.dispatch(new Tick(T0.plusSeconds(1)));
        store.dispatch(new IdCardRead("idcard", card(ID_A), T0.plusSeconds(2)));
        store.dispatch(new CardRemoved("idcard", T0.plusSeconds(3)));
        store.dispatch(new CardRemoved("idcard", T0.plusSeconds(4)));
        assertThat(seen).containsExactly(Page.GREETING, Page.ATTRACT);
    }
}

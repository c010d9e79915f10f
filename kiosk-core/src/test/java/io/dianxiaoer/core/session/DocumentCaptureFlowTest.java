package io.dianxiaoer.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.DocumentCaptured;
import io.dianxiaoer.core.event.IdCardRead;
import io.dianxiaoer.core.event.PageRequested;
import io.dianxiaoer.core.identity.CardValidity;
import io.dianxiaoer.core.identity.Gender;
import io.dianxiaoer.core.identity.IdNumber;
import io.dianxiaoer.core.identity.Nation;
import io.dianxiaoer.core.identity.ResidentIdCard;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCaptureFlowTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private static SessionState serving() {
        ResidentIdCard card = new ResidentIdCard("张伟", Gender.FEMALE, Nation.ofCode("01").orElseThrow(),
                LocalDate.of(1949, 12, 31), "地址", IdNumber.parse("11010519491231002X"), "机关",
                CardValidity.longTerm(LocalDate.of(2010, 1, 1)), new byte[0]);
        return SessionReducer.apply(SessionState.initial(T0, IdlePolicy.DEFAULT), new IdCardRead("idcard", card, T0));
    }

    @Test
    void onlyACitizenBeingServedMayOpenTheCameraPage() {
        SessionState idle = SessionState.initial(T0, IdlePolicy.DEFAULT);
        assertThat(SessionReducer.apply(idle, new PageRequested(Page.DOCUMENT_CAPTURE, T0))).isSameAs(idle);
        SessionState s = SessionReducer.apply(serving(), new PageRequested(Page.DOCUMENT_CAPTURE, T0.plusSeconds(1)));
        assertThat(s.page()).isEqualTo(Page.DOCUMENT_CAPTURE);
        assertThat(SessionReducer.apply(s, new PageRequested(Page.GREETING, T0.plusSeconds(2))).page())
                .isEqualTo(Page.GREETING);
        assertThat(SessionReducer.apply(s, new PageRequested(Page.ATTRACT, T0.plusSeconds(2)))).isSameAs(s);
    }

    @Test
    void aCapturedPageLivesAsLongAsTheVisit() {
        SessionState s = SessionReducer.apply(serving(), new PageRequested(Page.DOCUMENT_CAPTURE, T0));
        DocumentCaptured page = new DocumentCaptured("doccam", new byte[] {1, 2, 3}, 800, 1100,
                List.of(new DocumentCaptured.RetakeAdvice("BLURRED", "照片模糊", "blurred")), T0.plusSeconds(3));
        s = SessionReducer.apply(s, page);
        assertThat(s.lastDocument()).contains(page);
        assertThat(page.toString()).contains("retake [BLURRED]").doesNotContain("1, 2, 3");
        s = SessionReducer.apply(s, new CardRemoved("idcard", T0.plusSeconds(4)));
        assertThat(s.lastDocument()).isEmpty();
        assertThat(SessionReducer.apply(s, page).lastDocument()).isEmpty();
    }
}

package io.dianxiaoer.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.SessionEvent;
import io.dianxiaoer.core.event.SmartCardInserted;
import io.dianxiaoer.core.event.SmartCardReaderAttached;
import io.dianxiaoer.core.event.SmartCardReaderDetached;
import io.dianxiaoer.core.event.SmartCardRemoved;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PC/SC watcher's events reach the reducer without harm: they change no visit by themselves (yet). */
class SmartCardEventsTest {

    @Test
    void readerAndCardChangesLeaveTheSessionAsItIs() {
        Instant t = Instant.parse("2026-01-01T08:00:00Z");
        SessionState s = SessionState.initial(t, IdlePolicy.DEFAULT);
        List<SessionEvent> events = List.of(new SmartCardReaderAttached("pcsc", "Virtual PCD 00 00", t),
                new SmartCardInserted("pcsc", "Virtual PCD 00 00", t), new SmartCardRemoved("pcsc", "Virtual PCD 00 00", t),
                new SmartCardReaderDetached("pcsc", "Virtual PCD 00 00", t));
        for (SessionEvent e : events) {
            assertThat(SessionReducer.apply(s, e)).isSameAs(s);
        }
    }
}

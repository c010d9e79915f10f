package io.dianxiaoer.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void onlyTheCapabilitiesOfAnUnusableDeviceAreWithdrawn() {
        Instant t = Instant.parse("2026-11-22T01:00:00Z");
        SessionState s = SessionState.initial(t, IdlePolicy.DEFAULT);
        assertThat(Capability.unavailable(s)).isEmpty();
        s = SessionReducer.apply(s, new DeviceStatusChanged("idcard", DeviceStatus.READY, "", t));
        s = SessionReducer.apply(s, new DeviceStatusChanged("locker", DeviceStatus.OFFLINE, "unplugged", t));
        s = SessionReducer.apply(s, new DeviceStatusChanged("scanner", DeviceStatus.DEGRADED, "slow", t));
        assertThat(Capability.unavailable(s)).containsExactly(Capability.DOCUMENT_LOCKER);
        s = SessionReducer.apply(s, new DeviceStatusChanged("locker", DeviceStatus.READY, "", t));
        assertThat(Capability.unavailable(s)).isEmpty();
    }
}

package io.dianxiaoer.sim.support;

import io.dianxiaoer.device.idcard.SamIdCardReader;
import java.time.Duration;

/** Driver timing for tests: quick polls, short reply timeout, quick reconnects. */
public final class ReaderSettings {

    public static final SamIdCardReader.Settings FAST =
            new SamIdCardReader.Settings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(200), 3);

    private ReaderSettings() {
    }
}

package io.dianxiaoer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.sim.camera.CameraFault;
import io.dianxiaoer.sim.support.Identities;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sim-ctl's camera verbs against a running simulator. */
@Timeout(60)
class SimCtlCameraTest {

    private HardwareSimulator hw;

    @BeforeEach
    void start() throws IOException {
        hw = HardwareSimulator.start(0, 0, Identities.BUNDLED);
    }

    @AfterEach
    void stop() {
        hw.close();
    }

    private int ctl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--control";
        all[1] = hw.controlUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return SimCtl.run(all);
    }

    @Test
    void showQrFaultUnplugPlug() throws IOException {
        assertThat(ctl("camera-show", "document", "licence-card-p6-even")).isZero();
        assertThat(hw.documentCamera().picture().name()).isEqualTo("licence-card-p6-even");
        assertThat(ctl("camera-qr", "document", "预约 A-17")).isZero();
        assertThat(hw.documentCamera().picture().name()).isEqualTo("qr:预约 A-17");
        assertThat(ctl("camera-fault", "document", "slow")).isZero();
        assertThat(hw.documentCamera().fault()).isEqualTo(CameraFault.SLOW);
        assertThat(ctl("camera-unplug", "face")).isZero();
        assertThat(hw.faceCamera().running()).isFalse();
        assertThat(ctl("camera-plug", "face")).isZero();
        assertThat(hw.faceCamera().running()).isTrue();
        assertThat(ctl("camera-status")).isZero();
        assertThat(ctl("camera-scenes")).isZero();
    }

    @Test
    void refusalsAndUsage() {
        assertThat(ctl("camera-show", "document", "no-such-scene")).isEqualTo(1);
        assertThat(ctl("camera-fault", "document", "MELTED")).isEqualTo(1);
        assertThat(ctl("camera-show", "back", "desk")).isEqualTo(1);
        assertThat(ctl("camera-show", "document")).isEqualTo(2);
        assertThat(ctl("camera-plug")).isEqualTo(2);
    }
}

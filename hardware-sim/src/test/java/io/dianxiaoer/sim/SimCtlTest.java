package io.dianxiaoer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.sim.idcard.SamFault;
import io.dianxiaoer.sim.support.Identities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sim-ctl command line against a running simulator: exit codes and effects. */
@Timeout(60)
class SimCtlTest {

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
    void placeRemoveFaultListStatus() {
        assertThat(ctl("place", "zhao-guilan")).isZero();
        assertThat(hw.idcardReader().card()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("zhao-guilan"));
        assertThat(ctl("remove")).isZero();
        assertThat(hw.idcardReader().card()).isEmpty();
        assertThat(ctl("fault", "garbage_prefix")).isZero();
        assertThat(hw.idcardReader().fault()).isEqualTo(SamFault.GARBAGE_PREFIX);
        assertThat(ctl("list")).isZero();
        assertThat(ctl("status")).isZero();
    }

    @Test
    void scannerAndLockerVerbs() throws IOException {
        assertThat(ctl("scanner")).isZero();
        assertThat(ctl("scan", "NO-DRIVER")).isEqualTo(1); // nobody connected: the scan is lost
        assertThat(ctl("scanner-fault", "slow_trickle", "30")).isZero();
        assertThat(hw.scanner().fault()).isEqualTo(io.dianxiaoer.sim.scanner.ScannerFault.SLOW_TRICKLE);
        assertThat(hw.scanner().trickleDelayMillis()).isEqualTo(30);
        assertThat(ctl("locker")).isZero();
        assertThat(ctl("locker-door", "2", "open")).isZero();
        assertThat(ctl("locker-item", "2", "put")).isZero();
        assertThat(hw.locker().compartment(2).item()).isTrue();
        assertThat(ctl("locker-door", "2", "close")).isZero();
        assertThat(ctl("locker-item", "2", "take")).isEqualTo(1); // the door is closed
        assertThat(ctl("locker-stuck", "4", "on")).isZero();
        assertThat(hw.locker().compartment(4).stuck()).isTrue();
        assertThat(ctl("locker-fault", "garbage")).isZero();
        assertThat(hw.locker().fault()).isEqualTo(io.dianxiaoer.sim.locker.LockerFault.GARBAGE);
        assertThat(ctl("locker-stuck", "4", "maybe")).isEqualTo(2);
        assertThat(ctl("locker-door", "4")).isEqualTo(2);
    }

    @Test
    void refusalsAreExit1() {
        assertThat(ctl("place", "nobody")).isEqualTo(1);
        assertThat(ctl("fault", "ON_FIRE")).isEqualTo(1);
    }

    @Test
    void usageIsExit2() {
        assertThat(ctl()).isEqualTo(2);
        assertThat(ctl("place")).isEqualTo(2);
        assertThat(ctl("fault")).isEqualTo(2);
        assertThat(ctl("dance")).isEqualTo(2);
    }

    @Test
    void anUnreachableSimulatorIsExit3() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThat(SimCtl.run(new String[] {"--control", "http://127.0.0.1:" + port, "status"})).isEqualTo(3);
    }
}

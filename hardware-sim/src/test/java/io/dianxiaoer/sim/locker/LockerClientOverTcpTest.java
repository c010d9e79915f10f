package io.dianxiaoer.sim.locker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerClient;
import io.dianxiaoer.device.locker.LockerReply;
import io.dianxiaoer.device.locker.LockerTimeoutException;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.Transports;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The production client's single commands against the cabinet simulator, several boards on one bus. */
@Timeout(60)
class LockerClientOverTcpTest {

    private LockerBusSimulator cabinet;
    private Transport transport;
    private LockerClient client;

    @BeforeEach
    void start() throws IOException {
        cabinet = new LockerBusSimulator(0, BoardConfig.parseList("1:12p,2:8/24,7:4"), HookPolarity.CLOSED_READS_11);
        transport = Transports.fromUri(cabinet.uri(), 9600).get();
        transport.open();
        client = new LockerClient(transport, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        transport.close();
        cabinet.close();
    }

    @Test
    void readOpenAndReadAgainOnEachBoard() throws IOException {
        HookPolarity p = HookPolarity.CLOSED_READS_11;
        assertThat(client.readLock(1, 5).closed(p)).isTrue();
        LockerReply.LockState opened = client.open(1, 5);
        assertThat(opened.closed(p)).isFalse();
        assertThat(client.readLock(1, 5).closed(p)).isFalse();

        cabinet.putItem(5);
        LockerReply.BoardStatus b1 = client.readBoard(1, 12, true);
        assertThat(b1.hooks()).hasSize(2);
        assertThat(b1.closed(5, p)).isFalse();
        assertThat(b1.closed(6, p)).isTrue();
        assertThat(b1.itemPresent(5)).contains(true);
        assertThat(b1.itemPresent(6)).contains(false);

        assertThat(client.open(2, 8).closed(p)).isFalse();
        LockerReply.BoardStatus b2 = client.readBoard(2, 24, false);
        assertThat(b2.hooks()).hasSize(3);
        assertThat(b2.presence()).isEmpty();
        assertThat(b2.closed(8, p)).isFalse();
        assertThat(b2.closed(20, p)).isTrue(); // an unwired channel reads closed
        assertThat(cabinet.compartment(20).doorOpen()).isTrue(); // board 2 lock 8 is compartment 12 + 8

        assertThat(client.readBoard(7, 4, false).closed(1, p)).isTrue();
    }

    @Test
    void anAbsentBoardTimesOutAndTheNextCommandIsUnaffected() throws IOException {
        assertThatThrownBy(() -> client.readBoard(3, 8, false)).isInstanceOf(LockerTimeoutException.class)
                .hasMessageContaining("no reply");
        assertThat(client.readLock(1, 1).closed(HookPolarity.CLOSED_READS_11)).isTrue();
    }

    @Test
    void anAdapterThatEchoesCommandsStillGetsItsReadAnswers() throws IOException {
        cabinet.setEcho(true);
        assertThat(client.readLock(1, 2).closed(HookPolarity.CLOSED_READS_11)).isTrue();
        assertThat(client.readBoard(1, 12, true).closed(2, HookPolarity.CLOSED_READS_11)).isTrue();
        assertThat(client.echoes()).isEqualTo(1);
    }
}

package io.dianxiaoer.device.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TCP link against a plain loopback socket. */
class TcpTransportTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private ServerSocket server;
    private TcpTransport transport;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        transport = new TcpTransport("127.0.0.1", server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    @Test
    void writesAndReadsBytes() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            transport.open();
            assertThat(transport.isOpen()).isTrue();
            try (Socket peer = server.accept()) {
                transport.write(new byte[] {1, 2, 3});
                InputStream in = peer.getInputStream();
                assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);
                peer.getOutputStream().write(new byte[] {4, 5});
                peer.getOutputStream().flush();
                byte[] buf = new byte[16];
                int got = 0;
                while (got < 2) {
                    got += transport.read(buf, got, buf.length - got, Duration.ofSeconds(5));
                }
                assertThat(buf[0]).isEqualTo((byte) 4);
                assertThat(buf[1]).isEqualTo((byte) 5);
            }
        });
    }

    @Test
    void aReadWithNothingComingReturnsZero() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            transport.open();
            try (Socket peer = server.accept()) {
                assertThat(transport.read(new byte[8], 0, 8, Duration.ofMillis(20))).isZero();
                assertThat(transport.isOpen()).isTrue();
            }
        });
    }

    @Test
    void discardInputDropsWhatArrived() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            transport.open();
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {9, 9, 9});
                out.flush();
                // wait (bounded by the guard) until the bytes are there, then drop them
                byte[] probe = new byte[1];
                while (transport.read(probe, 0, 1, Duration.ofMillis(50)) == 0) {
                    Thread.onSpinWait();
                }
                transport.discardInput();
                assertThat(transport.read(new byte[8], 0, 8, Duration.ofMillis(50))).isZero();
            }
        });
    }

    @Test
    void aPeerThatClosesMakesTheTransportGone() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            transport.open();
            server.accept().close();
            assertThatThrownBy(() -> {
                while (true) {
                    transport.read(new byte[8], 0, 8, Duration.ofMillis(100));
                }
            }).isInstanceOf(TransportGoneException.class).hasMessageContaining("peer closed");
            assertThat(transport.isOpen()).isFalse();
            assertThatThrownBy(() -> transport.write(new byte[] {1})).isInstanceOf(TransportGoneException.class)
                    .hasMessageContaining("not open");
        });
    }

    @Test
    void nobodyListeningFailsToOpen() throws IOException {
        int port = server.getLocalPort();
        server.close();
        TcpTransport t = new TcpTransport("127.0.0.1", port);
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(t::open).isInstanceOf(IOException.class));
        assertThat(t.isOpen()).isFalse();
        t.close();
        t.close();
    }

    @Test
    void callsBeforeOpenSayNotOpen() {
        assertThatThrownBy(() -> transport.read(new byte[1], 0, 1, Duration.ofMillis(1)))
                .isInstanceOf(TransportGoneException.class).hasMessageContaining("not open");
        assertThatThrownBy(transport::discardInput).isInstanceOf(TransportGoneException.class);
    }
}

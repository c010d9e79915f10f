package io.dianxiaoer.device.idcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dianxiaoer.device.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SamClient}'s reply checks against a scripted transport (the wire-level tests against the
 * simulator are in hardware-sim).
 */
class SamClientScriptedTest {

    /** Answers each written command with the next scripted reply bytes, possibly in pieces. */
    static final class ScriptedTransport implements Transport {
        final Deque<byte[]> replies = new ArrayDeque<>();
        final List<byte[]> written = new ArrayList<>();
        private final Deque<byte[]> pending = new ArrayDeque<>();

        @Override
        public void open() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration timeout) {
            byte[] next = pending.poll();
            if (next == null) {
                return 0;
            }
            int n = Math.min(len, next.length);
            System.arraycopy(next, 0, buf, off, n);
            if (n < next.length) {
                pending.push(java.util.Arrays.copyOfRange(next, n, next.length));
            }
            return n;
        }

        @Override
        public void write(byte[] data) {
            written.add(data.clone());
            byte[] r = replies.poll();
            if (r != null) {
                pending.add(r);
            }
        }

        @Override
        public void discardInput() {
            pending.clear();
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedTransport t = new ScriptedTransport();
    private final SamClient client = new SamClient(t, Duration.ofMillis(50));

    @Test
    void findSelectAndReadUseTheDocumentedFrames() throws IOException {
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x9F, new byte[4])));
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, new byte[8])));
        byte[] data = new byte[4 + 256 + 1024];
        data[0] = 1;
        data[2] = 4;
        data[4] = 'x';
        data[4 + 256] = 'W';
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, data)));

        assertThat(client.findCard()).isTrue();
        assertThat(client.selectCard()).isTrue();
        RawCardData raw = client.readTextAndPhoto();
        assertThat(raw.text()).hasSize(256).startsWith((byte) 'x');
        assertThat(raw.photo()).hasSize(1024).startsWith((byte) 'W');
        assertThat(t.written).extracting(Hex::spaced).containsExactly(
                "AA AA AA 96 69 00 03 20 01 22", "AA AA AA 96 69 00 03 20 02 21", "AA AA AA 96 69 00 03 30 01 32");
    }

    @Test
    void noReplyIsATimeout() {
        assertThatThrownBy(client::findCard).isInstanceOf(SamTimeoutException.class)
                .hasMessageContaining("FIND_CARD").hasMessageContaining("50 ms");
    }

    @Test
    void readRepliesWhoseLengthsDoNotAddUpAreRefused() {
        byte[] wrongText = new byte[4 + 200 + 1024];
        wrongText[0] = 0;
        wrongText[1] = (byte) 200;
        wrongText[2] = 4;
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, wrongText)));
        assertThatThrownBy(client::readTextAndPhoto).isInstanceOf(SamProtocolException.class)
                .hasMessageContaining("lengths do not add up");

        byte[] shortData = new byte[4 + 256 + 10];
        shortData[0] = 1;
        shortData[2] = 4;
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, shortData)));
        assertThatThrownBy(client::readTextAndPhoto).isInstanceOf(SamProtocolException.class)
                .hasMessageContaining("lengths do not add up");

        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x90, new byte[2])));
        assertThatThrownBy(client::readTextAndPhoto).isInstanceOf(SamProtocolException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void unexpectedStatusWordsAreStatusExceptions() {
        t.replies.add(SamFrames.encode(SamFrames.replyBody(0, 0, 0x66, new byte[0])));
        assertThatThrownBy(client::findCard).isInstanceOfSatisfying(SamStatusException.class,
                e -> assertThat(e.status()).contains(SamStatus.NOT_AUTHORISED));
    }

    @Test
    void aReplyInManyPiecesWithGarbageFirstIsRead() throws IOException {
        byte[] frame = SamFrames.encode(SamFrames.replyBody(0, 0, 0x80, new byte[0]));
        t.replies.add(Hex.concat(new byte[] {0x55, (byte) 0xAA, (byte) 0xAA}, frame));
        assertThat(client.findCard()).isFalse();
        assertThat(client.skippedBytes()).isEqualTo(3);
    }
}

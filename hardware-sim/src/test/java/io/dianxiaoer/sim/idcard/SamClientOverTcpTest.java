package io.dianxiaoer.sim.idcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dianxiaoer.core.identity.ResidentIdCard;
import io.dianxiaoer.device.idcard.IdCardTextParser;
import io.dianxiaoer.device.idcard.RawCardData;
import io.dianxiaoer.device.idcard.SamClient;
import io.dianxiaoer.device.idcard.SamCommand;
import io.dianxiaoer.device.idcard.SamFrameDecoder;
import io.dianxiaoer.device.idcard.SamFrames;
import io.dianxiaoer.device.idcard.SamProtocolException;
import io.dianxiaoer.device.idcard.SamReply;
import io.dianxiaoer.device.idcard.SamStatus;
import io.dianxiaoer.device.idcard.SamStatusException;
import io.dianxiaoer.device.idcard.SamTimeoutException;
import io.dianxiaoer.device.transport.Transport;
import io.dianxiaoer.device.transport.TransportGoneException;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.support.Await;
import io.dianxiaoer.sim.support.Identities;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The production {@link SamClient} over a real {@code TcpTransport} to the wire-level simulator. */
class SamClientOverTcpTest {

    private static final Duration GUARD = Duration.ofSeconds(30);
    /** Generous: the reply timeout only matters for the faults that never answer. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    private SamReaderSimulator sim;
    private Transport transport;
    private SamClient client;

    @BeforeEach
    void connect() throws IOException {
        sim = new SamReaderSimulator(0);
        transport = Transports.fromUri(sim.uri(), 115200).get();
        transport.open();
        client = new SamClient(transport, REPLY_TIMEOUT);
    }

    @AfterEach
    void disconnect() {
        transport.close();
        sim.close();
    }

    @Test
    void findSelectReadRoundTrip() {
        TestIdentity zhang = Identities.get("zhang-wei");
        sim.placeCard(zhang);
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.samStatusOk()).isTrue();
            assertThat(client.findCard()).isTrue();
            assertThat(client.selectCard()).isTrue();
            RawCardData raw = client.readTextAndPhoto();
            assertThat(raw.text()).isEqualTo(ResidentTextEncoder.encode(zhang));
            assertThat(raw.photo()).isEqualTo(ResidentTextEncoder.photo(zhang));
            ResidentIdCard card = IdCardTextParser.parseResident(raw.text(), raw.photo());
            assertThat(card.name()).isEqualTo("张伟");
            assertThat(card.idNumber().value()).isEqualTo(zhang.idNumber());
        });
    }

    @Test
    void everyBundledIdentityTravelsIntact() {
        assertTimeoutPreemptively(GUARD, () -> {
            for (TestIdentity t : Identities.residents()) {
                sim.placeCard(t);
                assertThat(client.findCard()).as(t.key()).isTrue();
                assertThat(client.selectCard()).isTrue();
                RawCardData raw = client.readTextAndPhoto();
                ResidentIdCard card = IdCardTextParser.parseResident(raw.text(), raw.photo());
                assertThat(card.name()).isEqualTo(t.name());
                assertThat(card.address()).isEqualTo(t.address());
            }
        });
    }

    @Test
    void afterAReadFindFailsUntilTheCardLeavesAndComesBack() {
        sim.placeCard(Identities.get("li-xiuying"));
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.findCard()).isTrue();
            assertThat(client.selectCard()).isTrue();
            client.readTextAndPhoto();

            assertThat(client.findCard()).as("same card, already read").isFalse();
            assertThat(client.readTextAndPhoto().text()).as("reading again while it stays").hasSize(256);
            assertThat(client.findCard()).isFalse();

            sim.removeCard();
            assertThat(client.findCard()).isFalse();
            assertThat(client.selectCard()).as("nothing to select").isFalse();
            assertThatThrownBy(client::readTextAndPhoto).isInstanceOfSatisfying(SamStatusException.class,
                    e -> assertThat(e.status()).contains(SamStatus.READ_FAILED));

            sim.placeCard(Identities.get("li-xiuying"));
            assertThat(client.findCard()).as("placed again").isTrue();
        });
    }

    @Test
    void readingBeforeSelectingFails() {
        sim.placeCard(Identities.get("zhang-wei"));
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.findCard()).isTrue();
            assertThatThrownBy(client::readTextAndPhoto).isInstanceOf(SamStatusException.class);
        });
    }

    @Test
    void silentReaderIsATimeout() {
        sim.setFault(SamFault.SILENT);
        SamClient quick = new SamClient(transport, Duration.ofMillis(300));
        assertTimeoutPreemptively(GUARD, () -> {
            assertThatThrownBy(quick::findCard).isInstanceOf(SamTimeoutException.class)
                    .hasMessageContaining("FIND_CARD").hasMessageContaining("no reply");
            sim.setFault(SamFault.NONE);
            assertThat(quick.findCard()).isFalse();
        });
    }

    @Test
    void badChecksumIsAProtocolErrorNamingTheChecksum() {
        sim.placeCard(Identities.get("zhang-wei"));
        sim.setFault(SamFault.BAD_CHECKSUM);
        SamClient quick = new SamClient(transport, Duration.ofMillis(500));
        assertTimeoutPreemptively(GUARD, () -> {
            assertThatThrownBy(quick::findCard)
                    .isInstanceOf(SamProtocolException.class)
                    .isNotInstanceOf(SamTimeoutException.class)
                    .hasMessageContaining("checksum");
            assertThat(quick.corruptFrames()).isPositive();
            sim.setFault(SamFault.NONE);
            assertThat(quick.findCard()).isTrue();
        });
    }

    @Test
    void garbageBeforeEveryReplyIsSkipped() {
        TestIdentity wang = Identities.get("wang-fang");
        sim.placeCard(wang);
        sim.setFault(SamFault.GARBAGE_PREFIX);
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.findCard()).isTrue();
            assertThat(client.selectCard()).isTrue();
            RawCardData raw = client.readTextAndPhoto();
            assertThat(IdCardTextParser.parseResident(raw.text(), raw.photo()).idNumber().value())
                    .isEqualTo(wang.idNumber());
            assertThat(client.skippedBytes()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void aReplyInSlowPiecesIsReassembled() {
        TestIdentity ayigul = Identities.get("ayigul");
        sim.placeCard(ayigul);
        sim.setFault(SamFault.SPLIT_SLOW);
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.findCard()).isTrue();
            assertThat(client.selectCard()).isTrue();
            RawCardData raw = client.readTextAndPhoto();
            assertThat(IdCardTextParser.parseResident(raw.text(), raw.photo()).name()).isEqualTo("阿依古丽·买买提");
            assertThat(client.skippedBytes()).isZero();
            assertThat(client.corruptFrames()).isZero();
        });
    }

    @ParameterizedTest(name = "forced {0}")
    @EnumSource(SamStatus.class)
    void forcedStatusWordsGiveTheRightOutcome(SamStatus forced) {
        sim.placeCard(Identities.get("zhang-wei"));
        sim.forceStatus(forced.code());
        assertThat(sim.fault()).isEqualTo(SamFault.FORCED_STATUS);
        assertTimeoutPreemptively(GUARD, () -> {
            // SAM status: only success is ok
            assertThat(client.samStatusOk()).isEqualTo(forced == SamStatus.SUCCESS);

            // find card: 9F true, 80 false, anything else is a status error
            if (forced == SamStatus.CARD_FOUND) {
                assertThat(client.findCard()).isTrue();
            } else if (forced == SamStatus.FIND_FAILED) {
                assertThat(client.findCard()).isFalse();
            } else {
                assertStatusError(() -> client.findCard(), SamCommand.FIND_CARD, forced);
            }

            // select card: 90 true, 81 false
            if (forced == SamStatus.SUCCESS) {
                assertThat(client.selectCard()).isTrue();
            } else if (forced == SamStatus.SELECT_FAILED) {
                assertThat(client.selectCard()).isFalse();
            } else {
                assertStatusError(() -> client.selectCard(), SamCommand.SELECT_CARD, forced);
            }

            // read: anything but 90 is a status error; 90 without data is a protocol error
            if (forced == SamStatus.SUCCESS) {
                assertThatThrownBy(client::readTextAndPhoto).isExactlyInstanceOf(SamProtocolException.class)
                        .hasMessageContaining("too short");
            } else {
                assertStatusError(() -> client.readTextAndPhoto(), SamCommand.READ_TEXT_PHOTO, forced);
            }
        });
        sim.setFault(SamFault.NONE);
    }

    @Test
    void unpluggedReaderMakesTheTransportGoneAndRefusesNewLinksUntilPluggedIn() {
        assertTimeoutPreemptively(GUARD, () -> {
            sim.setFault(SamFault.UNPLUGGED);
            assertThatThrownBy(client::findCard).isInstanceOf(TransportGoneException.class);
            assertThat(transport.isOpen()).isFalse();

            // a new link is accepted by the OS and dropped by the "unplugged" reader
            Transport again = Transports.fromUri(sim.uri(), 115200).get();
            try {
                again.open();
                SamClient c = new SamClient(again, Duration.ofSeconds(2));
                assertThatThrownBy(c::findCard).isInstanceOf(IOException.class);
            } catch (IOException refused) {
                // also fine: the link could not even be made
            } finally {
                again.close();
            }

            sim.setFault(SamFault.NONE);
            Transport plugged = Transports.fromUri(sim.uri(), 115200).get();
            try {
                plugged.open();
                assertThat(new SamClient(plugged, REPLY_TIMEOUT).samStatusOk()).isTrue();
            } finally {
                plugged.close();
            }
        });
    }

    @Test
    void aNewConnectionReplacesTheOld() {
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(client.samStatusOk()).isTrue();
            Transport second = Transports.fromUri(sim.uri(), 115200).get();
            try {
                second.open();
                assertThat(new SamClient(second, REPLY_TIMEOUT).samStatusOk()).isTrue();
                Await.until("the old link to be dropped", () -> {
                    try {
                        client.samStatusOk();
                        return false;
                    } catch (IOException gone) {
                        return true;
                    }
                });
            } finally {
                second.close();
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // the simulator's own answers to odd commands, byte for byte
    // ------------------------------------------------------------------------------------------

    @Test
    void samIdReplyCarries16Bytes() {
        assertTimeoutPreemptively(GUARD, () -> {
            SamReply r = client.transceive(SamCommand.READ_SAM_ID);
            assertThat(r.status()).contains(SamStatus.SUCCESS);
            assertThat(r.dataLength()).isEqualTo(16);
        });
    }

    @Test
    void fingerprintReadHasLen090AAndAppendedAddress70Bytes() {
        sim.placeCard(Identities.get("zhang-wei"));
        assertTimeoutPreemptively(GUARD, () -> {
            client.findCard();
            client.selectCard();
            byte[] frame = rawExchange(SamFrames.encode(SamCommand.READ_TEXT_PHOTO_FINGERPRINT));
            assertThat(((frame[5] & 0xFF) << 8) | (frame[6] & 0xFF)).isEqualTo(0x090A);
            SamReply address = client.transceive(SamCommand.READ_APPENDED_ADDRESS);
            assertThat(address.status()).contains(SamStatus.SUCCESS);
            assertThat(address.dataLength()).isEqualTo(70);

            byte[] read = rawExchange(SamFrames.encode(SamCommand.READ_TEXT_PHOTO));
            assertThat(read).hasSize(1295);
            assertThat(HexFormat.of().formatHex(read, 0, 7)).isEqualToIgnoringCase("AAAAAA96690508");
        });
    }

    @Test
    void badFramesAndUnknownCommandsGetTheirStatusWords() {
        assertTimeoutPreemptively(GUARD, () -> {
            byte[] badChecksum = SamFrames.encode(SamCommand.FIND_CARD);
            badChecksum[badChecksum.length - 1] ^= 0x01;
            assertThat(replyStatus(rawExchange(badChecksum))).isEqualTo(SamStatus.CHECKSUM_ERROR.code());

            byte[] badLength = HexFormat.of().parseHex("AAAAAA96690001");
            assertThat(replyStatus(rawExchange(badLength))).isEqualTo(SamStatus.LENGTH_ERROR.code());

            assertThat(replyStatus(rawExchange(SamFrames.encode(new byte[] {0x77, 0x01}))))
                    .isEqualTo(SamStatus.BAD_COMMAND.code());
            assertThat(replyStatus(rawExchange(SamFrames.encode(new byte[] {0x20}))))
                    .isEqualTo(SamStatus.LENGTH_ERROR.code());
            // and the link still works
            assertThat(client.samStatusOk()).isTrue();
        });
    }

    /** Writes raw bytes and returns the whole first reply frame, as it came on the wire. */
    private byte[] rawExchange(byte[] out) throws IOException {
        transport.discardInput();
        transport.write(out);
        SamFrameDecoder d = new SamFrameDecoder();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int n = transport.read(buf, 0, buf.length, Duration.ofMillis(100));
            d.feed(buf, 0, n);
            SamFrameDecoder.Result r = d.next();
            if (r instanceof SamFrameDecoder.Result.Frame f) {
                return SamFrames.encode(f.body());
            }
        }
        throw new AssertionError("no reply to " + HexFormat.of().formatHex(out));
    }

    private static int replyStatus(byte[] frame) {
        return frame[9] & 0xFF;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertStatusError(Call call, SamCommand command, SamStatus forced) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SamStatusException.class, e -> {
            assertThat(e.status()).contains(forced);
            assertThat(e.getMessage()).contains(command.name()).contains(forced.english());
        });
    }
}

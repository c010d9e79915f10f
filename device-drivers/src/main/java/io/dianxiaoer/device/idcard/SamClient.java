package io.dianxiaoer.device.idcard;

import io.dianxiaoer.device.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAM reader's command set over an injected {@link Transport}: one command out, one reply back.
 *
 * <p>Call order for reading a card, which the reader itself enforces:
 * {@link #findCard()} → {@link #selectCard()} → {@link #readTextAndPhoto()}. After a successful
 * read, {@code findCard} fails until the card has left the field; reading again succeeds while the
 * same card stays, which is how presence is checked.
 *
 * <p>Blocking, for at most the reply timeout per command. Not thread-safe: it belongs to the
 * device executor that owns the transport. The trace at DEBUG names commands, status words and
 * lengths, never data bytes: replies carry the citizen's identity.
 */
public final class SamClient {

    private static final Logger log = LoggerFactory.getLogger(SamClient.class);

    private final Transport transport;
    private final Duration replyTimeout;
    private final SamFrameDecoder decoder = new SamFrameDecoder();
    private final byte[] readBuf = new byte[2048];
    private long corruptFrames;

    public SamClient(Transport transport, Duration replyTimeout) {
        this.transport = transport;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Sends one command and waits for its reply.
     *
     * @throws SamTimeoutException  no valid reply in time
     * @throws SamProtocolException only corrupt frames came
     * @throws IOException          the transport is gone
     */
    public SamReply transceive(SamCommand command) throws IOException {
        transport.discardInput();
        decoder.reset();
        transport.write(SamFrames.encode(command));
        log.debug("→ {}", command);
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        String lastCorruption = null;
        try {
            while (true) {
                SamFrameDecoder.Result r;
                while ((r = decoder.next()) != null) {
                    if (r instanceof SamFrameDecoder.Result.Frame f) {
                        SamReply reply = SamReply.parse(f.body());
                        Arrays.fill(f.body(), (byte) 0);
                        log.debug("← {} {}", command, reply);
                        return reply;
                    }
                    SamFrameDecoder.Result.Corrupt c = (SamFrameDecoder.Result.Corrupt) r;
                    corruptFrames++;
                    lastCorruption = c.kind() + ": " + c.detail();
                    log.debug("← {} corrupt frame ({})", command, lastCorruption);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                int n = transport.read(readBuf, 0, readBuf.length, Duration.ofNanos(left));
                decoder.feed(readBuf, 0, n);
            }
        } finally {
            Arrays.fill(readBuf, (byte) 0);
        }
        if (lastCorruption != null) {
            throw new SamProtocolException(command + ": only a corrupt reply came (" + lastCorruption + ")");
        }
        throw new SamTimeoutException(command + ": no reply within " + replyTimeout.toMillis() + " ms");
    }

    /** SAM status; true when the module reports success. */
    public boolean samStatusOk() throws IOException {
        return transceive(SamCommand.SAM_STATUS).sw3() == SamStatus.SUCCESS.code();
    }

    /** @return true when a new card is in the field (9F), false when none (80) */
    public boolean findCard() throws IOException {
        SamReply r = transceive(SamCommand.FIND_CARD);
        if (r.sw3() == SamStatus.CARD_FOUND.code()) {
            return true;
        }
        if (r.sw3() == SamStatus.FIND_FAILED.code()) {
            return false;
        }
        throw new SamStatusException(SamCommand.FIND_CARD, r.sw3());
    }

    /** @return true when selected (90), false when the card went away (81) */
    public boolean selectCard() throws IOException {
        SamReply r = transceive(SamCommand.SELECT_CARD);
        if (r.sw3() == SamStatus.SUCCESS.code()) {
            return true;
        }
        if (r.sw3() == SamStatus.SELECT_FAILED.code()) {
            return false;
        }
        throw new SamStatusException(SamCommand.SELECT_CARD, r.sw3());
    }

    /**
     * Reads the text block and photo.
     *
     * @throws SamStatusException when the reader reports anything but success (41 when the card left)
     */
    public RawCardData readTextAndPhoto() throws IOException {
        SamReply r = transceive(SamCommand.READ_TEXT_PHOTO);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(SamCommand.READ_TEXT_PHOTO, r.sw3());
        }
        byte[] data = r.data();
        try {
            if (data.length < 4) {
                throw new SamProtocolException("read reply too short for its length fields");
            }
            int textLen = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            int photoLen = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
            if (textLen != SamProtocol.TEXT_LENGTH || photoLen > SamProtocol.PHOTO_LENGTH
                    || data.length < 4 + textLen + photoLen) {
                throw new SamProtocolException("read reply lengths do not add up (text " + textLen + ", photo "
                        + photoLen + ", data " + data.length + ")");
            }
            return new RawCardData(Arrays.copyOfRange(data, 4, 4 + textLen),
                    Arrays.copyOfRange(data, 4 + textLen, 4 + textLen + photoLen));
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * Reads text, photo and fingerprint data (30 10). The kiosk itself never needs fingerprints;
     * this exists for technicians checking a reader. The fingerprint bytes are in {@code extra}.
     */
    public RawCardData readTextPhotoFingerprint() throws IOException {
        SamReply r = transceive(SamCommand.READ_TEXT_PHOTO_FINGERPRINT);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(SamCommand.READ_TEXT_PHOTO_FINGERPRINT, r.sw3());
        }
        byte[] data = r.data();
        try {
            if (data.length < 6) {
                throw new SamProtocolException("read reply too short for its length fields");
            }
            int textLen = u16(data, 0);
            int photoLen = u16(data, 2);
            int fpLen = u16(data, 4);
            if (textLen != SamProtocol.TEXT_LENGTH || photoLen > SamProtocol.PHOTO_LENGTH
                    || fpLen > SamProtocol.FINGERPRINT_LENGTH || data.length < 6 + textLen + photoLen + fpLen) {
                throw new SamProtocolException("read reply lengths do not add up (text " + textLen + ", photo "
                        + photoLen + ", fingerprint " + fpLen + ", data " + data.length + ")");
            }
            return new RawCardData(Arrays.copyOfRange(data, 6, 6 + textLen),
                    Arrays.copyOfRange(data, 6 + textLen, 6 + textLen + photoLen),
                    Arrays.copyOfRange(data, 6 + textLen + photoLen, 6 + textLen + photoLen + fpLen));
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * Reads the appended-address area (30 03), where the police record a new address after a move.
     *
     * @return the address, or "" when the card has none
     */
    public String readAppendedAddress() throws IOException {
        SamReply r = transceive(SamCommand.READ_APPENDED_ADDRESS);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(SamCommand.READ_APPENDED_ADDRESS, r.sw3());
        }
        byte[] data = r.data();
        try {
            return IdCardTextParser.appendedAddress(data);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** Resets the SAM module (10 FF). */
    public void resetSam() throws IOException {
        SamReply r = transceive(SamCommand.RESET_SAM);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(SamCommand.RESET_SAM, r.sw3());
        }
    }

    /**
     * The SAM module's 16-byte id (12 FF), formatted as vendors print it:
     * {@code AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE} from two little-endian u16 and three u32.
     */
    public String samId() throws IOException {
        SamReply r = transceive(SamCommand.READ_SAM_ID);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(SamCommand.READ_SAM_ID, r.sw3());
        }
        byte[] d = r.data();
        if (d.length < 16) {
            throw new SamProtocolException("SAM id reply has " + d.length + " data bytes, expected 16");
        }
        return String.format("%02d.%02d-%08d-%010d-%010d", le16(d, 0), le16(d, 2), le32(d, 4), le32(d, 8), le32(d, 12));
    }

    /**
     * Switches the module's serial speed. The reply comes at the old speed; the caller must then
     * reopen the port at the new one.
     */
    public void setBaudRate(int baud) throws IOException {
        SamCommand c = SamCommand.setBaudRate(baud);
        SamReply r = transceive(c);
        if (r.sw3() != SamStatus.SUCCESS.code()) {
            throw new SamStatusException(c, r.sw3());
        }
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | ((b[i + 1] & 0xFFL) << 8) | ((b[i + 2] & 0xFFL) << 16) | ((b[i + 3] & 0xFFL) << 24);
    }

    /** Corrupt frames seen since creation. */
    public long corruptFrames() {
        return corruptFrames;
    }

    /** Garbage bytes skipped while hunting for a preamble, since creation. */
    public long skippedBytes() {
        return decoder.skippedBytes();
    }
}

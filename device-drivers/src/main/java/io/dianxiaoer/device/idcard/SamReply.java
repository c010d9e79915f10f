package io.dianxiaoer.device.idcard;

import java.util.Arrays;
import java.util.Optional;

/** A decoded reply body: {@code SW1 SW2 SW3 [data]}. Immutable. */
public record SamReply(int sw1, int sw2, int sw3, byte[] data) {

    public SamReply {
        data = data.clone();
    }

    /** @throws SamProtocolException when the body is too short to be a reply */
    public static SamReply parse(byte[] body) {
        if (body.length < 3) {
            throw new SamProtocolException("reply of " + body.length + " bytes has no status words");
        }
        return new SamReply(body[0] & 0xFF, body[1] & 0xFF, body[2] & 0xFF, Arrays.copyOfRange(body, 3, body.length));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public Optional<SamStatus> status() {
        return SamStatus.of(sw3);
    }

    /** The data stays out: a reply may carry a citizen's card. */
    @Override
    public String toString() {
        return String.format("SamReply[SW %02X %02X %02X, %d data bytes]", sw1, sw2, sw3, data.length);
    }
}

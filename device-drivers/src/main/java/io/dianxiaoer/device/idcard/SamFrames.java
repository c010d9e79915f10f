package io.dianxiaoer.device.idcard;

/** Encoding of SAM frames. Pure functions; thread-safe. */
public final class SamFrames {

    private SamFrames() {
    }

    /** Wraps a body (command or reply) in preamble, length and checksum. */
    public static byte[] encode(byte[] body) {
        int len = body.length + 1;
        if (len > SamProtocol.MAX_LEN) {
            throw new IllegalArgumentException("body too long for a SAM frame: " + body.length);
        }
        byte[] frame = new byte[SamProtocol.HEADER_LENGTH + len];
        System.arraycopy(SamProtocol.PREAMBLE, 0, frame, 0, SamProtocol.PREAMBLE.length);
        frame[5] = (byte) (len >> 8);
        frame[6] = (byte) len;
        System.arraycopy(body, 0, frame, SamProtocol.HEADER_LENGTH, body.length);
        frame[frame.length - 1] = xor(frame, 5, frame.length - 1);
        return frame;
    }

    public static byte[] encode(SamCommand command) {
        return encode(command.body());
    }

    /** A reply body: {@code SW1 SW2 SW3 data}. */
    public static byte[] replyBody(int sw1, int sw2, int sw3, byte[] data) {
        byte[] body = new byte[3 + data.length];
        body[0] = (byte) sw1;
        body[1] = (byte) sw2;
        body[2] = (byte) sw3;
        System.arraycopy(data, 0, body, 3, data.length);
        return body;
    }

    /** XOR of {@code b[from..to)}. */
    static byte xor(byte[] b, int from, int to) {
        byte x = 0;
        for (int i = from; i < to; i++) {
            x ^= b[i];
        }
        return x;
    }
}

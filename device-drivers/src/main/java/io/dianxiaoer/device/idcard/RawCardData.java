package io.dianxiaoer.device.idcard;

import java.util.Arrays;

/**
 * The text block and photo of one read, as the reader delivered them. Personal data: hold it
 * briefly, {@link #wipe()} it after parsing.
 */
public final class RawCardData {
    private final byte[] text;
    private final byte[] photo;
    private final byte[] fingerprint;

    RawCardData(byte[] text, byte[] photo) {
        this(text, photo, new byte[0]);
    }

    RawCardData(byte[] text, byte[] photo, byte[] fingerprint) {
        this.text = text;
        this.photo = photo;
        this.fingerprint = fingerprint;
    }

    /** Fingerprint data, only from a 30 10 read; empty otherwise. */
    public byte[] fingerprint() {
        return fingerprint;
    }

    public byte[] text() {
        return text;
    }

    public byte[] photo() {
        return photo;
    }

    public void wipe() {
        Arrays.fill(text, (byte) 0);
        Arrays.fill(photo, (byte) 0);
        Arrays.fill(fingerprint, (byte) 0);
    }

    @Override
    public String toString() {
        return "RawCardData[" + text.length + " text bytes, " + photo.length + " photo bytes, "
                + fingerprint.length + " fingerprint bytes]";
    }
}

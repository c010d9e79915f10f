package io.dianxiaoer.sim.emrtd;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one-byte-tag BER-TLV of secure-messaging data objects (87, 85, 97, 99, 8E). Immutable. */
final class Tlv {

    private final Map<Integer, byte[]> raw;
    private final Map<Integer, byte[]> values;

    private Tlv(Map<Integer, byte[]> raw, Map<Integer, byte[]> values) {
        this.raw = raw;
        this.values = values;
    }

    static Tlv parse(byte[] b) {
        Map<Integer, byte[]> raw = new LinkedHashMap<>();
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        int i = 0;
        while (i < b.length) {
            int start = i;
            int tag = b[i++] & 0xFF;
            if (i >= b.length) {
                throw new IllegalArgumentException("truncated TLV");
            }
            int len = b[i++] & 0xFF;
            if (len == 0x81) {
                len = b[i++] & 0xFF;
            } else if (len == 0x82) {
                len = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
                i += 2;
            } else if (len > 0x80) {
                throw new IllegalArgumentException("unsupported TLV length");
            }
            if (i + len > b.length) {
                throw new IllegalArgumentException("truncated TLV value");
            }
            values.put(tag, Arrays.copyOfRange(b, i, i + len));
            i += len;
            raw.put(tag, Arrays.copyOfRange(b, start, i));
        }
        return new Tlv(raw, values);
    }

    /** The whole object (tag, length, value), or null. */
    byte[] raw(int tag) {
        return raw.get(tag);
    }

    byte[] value(int tag) {
        return values.get(tag);
    }

    static byte[] encode(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        if (value.length < 0x80) {
            o.write(value.length);
        } else if (value.length < 0x100) {
            o.write(0x81);
            o.write(value.length);
        } else {
            o.write(0x82);
            o.write(value.length >> 8);
            o.write(value.length);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }
}

package io.dianxiaoer.sim.emrtd;

import io.dianxiaoer.sim.pcsc.VirtualCard;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A contactless eMRTD chip (ICAO 9303 parts 10 and 11) at the APDU level: the LDS1 application with
 * its elementary files, Basic Access Control and 3DES secure messaging. What it answers:
 *
 * <ul>
 *   <li>{@code SELECT} the eMRTD application by AID (plain), then elementary files by FID (plain
 *       before BAC is refused with 6982, under secure messaging after);</li>
 *   <li>{@code GET CHALLENGE} and {@code EXTERNAL AUTHENTICATE} (= MUTUAL AUTHENTICATE of 9303): the
 *       BAC handshake; a cryptogram or MAC that does not verify (the reader used other MRZ data)
 *       answers 6300;</li>
 *   <li>{@code READ BINARY} by offset or short file identifier, under secure messaging;</li>
 *   <li>a secure-messaging APDU with a wrong MAC answers 6988 and ends the session, as real chips do.</li>
 * </ul>
 *
 * <p>Not thread-safe: the vpcd link calls it from one thread. Holds key material in fields and
 * wipes it when the card is reset.
 */
public final class EmrtdChip implements VirtualCard {

    static final byte[] AID = {(byte) 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
    /** Contactless T=1 card without historical bytes; TCK = 0x01. */
    static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

    private static final int SW_OK = 0x9000;
    private static final int SW_WRONG_LENGTH = 0x6700;
    private static final int SW_AUTH_FAILED = 0x6300;
    private static final int SW_SECURITY_NOT_SATISFIED = 0x6982;
    private static final int SW_SM_DATA_OBJECTS_INCORRECT = 0x6988;
    private static final int SW_SM_DATA_OBJECTS_MISSING = 0x6987;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    private static final int SW_WRONG_P1P2 = 0x6B00;
    private static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    private static final int SW_CLA_NOT_SUPPORTED = 0x6E00;
    private static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;

    private final byte[] kEnc;
    private final byte[] kMac;
    private final Map<Integer, byte[]> files;
    private final Random random;

    private boolean appletSelected;
    private byte[] challenge;
    private byte[] ksEnc;
    private byte[] ksMac;
    private byte[] ssc;
    private byte[] currentFile;

    /**
     * @param mrzInformation the document number, birth and expiry dates with their check digits: the BAC secret
     * @param files          FID → content (EF.COM 011E, DG1 0101, DG2 0102, EF.SOD 011D …)
     */
    public EmrtdChip(String mrzInformation, Map<Integer, byte[]> files) {
        this(mrzInformation, files, new SecureRandom());
    }

    /** With a given source of challenges and key halves: the ICAO worked example uses fixed ones. */
    EmrtdChip(String mrzInformation, Map<Integer, byte[]> files, Random random) {
        Objects.requireNonNull(mrzInformation, "mrzInformation");
        this.random = Objects.requireNonNull(random, "random");
        byte[] seed = BacCrypto.keySeed(mrzInformation);
        this.kEnc = BacCrypto.deriveKey(seed, BacCrypto.ENC);
        this.kMac = BacCrypto.deriveKey(seed, BacCrypto.MAC);
        Arrays.fill(seed, (byte) 0);
        this.files = Map.copyOf(files);
    }

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public void reset() {
        appletSelected = false;
        challenge = null;
        endSession();
    }

    /** Whether a BAC session is open (for tests and the control API). */
    public boolean inSecureMessaging() {
        return ksEnc != null;
    }

    @Override
    public byte[] process(byte[] apdu) {
        Apdu c;
        try {
            c = Apdu.parse(apdu);
        } catch (IllegalArgumentException e) {
            return sw(SW_WRONG_LENGTH);
        }
        if ((c.cla & 0x0C) == 0x0C) {
            return secureMessaging(c);
        }
        if (c.cla != 0x00) {
            return sw(SW_CLA_NOT_SUPPORTED);
        }
        if (inSecureMessaging() && c.ins != 0xA4) {
            // A plain command during secure messaging ends the session (ICAO 9303 part 11, 9.8.4).
            endSession();
        }
        return switch (c.ins) {
            case 0xA4 -> plainSelect(c);
            case 0x84 -> getChallenge(c);
            case 0x82 -> externalAuthenticate(c);
            case 0xB0, 0xB1 -> sw(SW_SECURITY_NOT_SATISFIED);
            default -> sw(SW_INS_NOT_SUPPORTED);
        };
    }

    private byte[] plainSelect(Apdu c) {
        if (c.p1 == 0x04) {
            endSession();
            appletSelected = Arrays.equals(c.data, AID);
            currentFile = null;
            return sw(appletSelected ? SW_OK : SW_FILE_NOT_FOUND);
        }
        // Files are protected by BAC: without it even the selection is refused.
        return sw(appletSelected ? SW_SECURITY_NOT_SATISFIED : SW_FILE_NOT_FOUND);
    }

    private byte[] getChallenge(Apdu c) {
        if (!appletSelected) {
            return sw(SW_CONDITIONS_NOT_SATISFIED);
        }
        if (c.ne != 8) {
            return sw(SW_WRONG_LENGTH);
        }
        challenge = new byte[8];
        random.nextBytes(challenge);
        return withSw(challenge, SW_OK);
    }

    private byte[] externalAuthenticate(Apdu c) {
        byte[] rndIc = challenge;
        challenge = null; // one attempt per challenge
        if (rndIc == null) {
            return sw(SW_CONDITIONS_NOT_SATISFIED);
        }
        if (c.data.length != 40) {
            return sw(SW_WRONG_LENGTH);
        }
        try {
            byte[] eIfd = Arrays.copyOf(c.data, 32);
            byte[] mIfd = Arrays.copyOfRange(c.data, 32, 40);
            if (!java.security.MessageDigest.isEqual(BacCrypto.mac(kMac, eIfd), mIfd)) {
                return sw(SW_AUTH_FAILED);
            }
            byte[] s = BacCrypto.decrypt(kEnc, eIfd);
            byte[] rndIfd = Arrays.copyOf(s, 8);
            if (!Arrays.equals(Arrays.copyOfRange(s, 8, 16), rndIc)) {
                return sw(SW_AUTH_FAILED);
            }
            byte[] kIfd = Arrays.copyOfRange(s, 16, 32);
            byte[] kIc = new byte[16];
            random.nextBytes(kIc);
            byte[] r = concat(rndIc, rndIfd, kIc);
            byte[] eIc = BacCrypto.encrypt(kEnc, r);
            byte[] mIc = BacCrypto.mac(kMac, eIc);
            byte[] seed = BacCrypto.xor(kIfd, kIc);
            ksEnc = BacCrypto.deriveKey(seed, BacCrypto.ENC);
            ksMac = BacCrypto.deriveKey(seed, BacCrypto.MAC);
            ssc = concat(Arrays.copyOfRange(rndIc, 4, 8), Arrays.copyOfRange(rndIfd, 4, 8));
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(s, (byte) 0);
            Arrays.fill(kIc, (byte) 0);
            currentFile = null;
            return withSw(concat(eIc, mIc), SW_OK);
        } catch (GeneralSecurityException e) {
            return sw(SW_AUTH_FAILED);
        }
    }

    // ---- secure messaging ----

    private byte[] secureMessaging(Apdu c) {
        if (!inSecureMessaging()) {
            return sw(SW_SM_DATA_OBJECTS_MISSING);
        }
        try {
            BacCrypto.increment(ssc);
            Tlv objects = Tlv.parse(c.data);
            byte[] do87 = objects.raw(0x87);
            byte[] do85 = objects.raw(0x85);
            byte[] do97 = objects.raw(0x97);
            byte[] do8e = objects.value(0x8E);
            if (do8e == null || do8e.length != 8) {
                endSession();
                return sw(SW_SM_DATA_OBJECTS_MISSING);
            }
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            m.writeBytes(ssc);
            m.writeBytes(BacCrypto.pad(new byte[] {0x0C, (byte) c.ins, (byte) c.p1, (byte) c.p2}));
            if (do87 != null) {
                m.writeBytes(do87);
            }
            if (do85 != null) {
                m.writeBytes(do85);
            }
            if (do97 != null) {
                m.writeBytes(do97);
            }
            if (!java.security.MessageDigest.isEqual(BacCrypto.mac(ksMac, m.toByteArray()), do8e)) {
                endSession();
                return sw(SW_SM_DATA_OBJECTS_INCORRECT);
            }
            byte[] data = new byte[0];
            if (do87 != null) {
                byte[] v = objects.value(0x87);
                if (v.length < 9 || v[0] != 0x01) {
                    endSession();
                    return sw(SW_SM_DATA_OBJECTS_INCORRECT);
                }
                data = BacCrypto.unpad(BacCrypto.decrypt(ksEnc, Arrays.copyOfRange(v, 1, v.length)));
            } else if (do85 != null) {
                data = BacCrypto.unpad(BacCrypto.decrypt(ksEnc, objects.value(0x85)));
            }
            int ne = 0;
            if (do97 != null) {
                byte[] le = objects.value(0x97);
                ne = le.length == 1 ? ((le[0] & 0xFF) == 0 ? 256 : le[0] & 0xFF)
                        : (((le[0] & 0xFF) << 8 | (le[1] & 0xFF)) == 0 ? 65536 : ((le[0] & 0xFF) << 8 | (le[1] & 0xFF)));
            }
            Response r = execute(c.ins, c.p1, c.p2, data, ne);
            return wrap(r);
        } catch (GeneralSecurityException | RuntimeException e) {
            // malformed data objects (truncated TLV, bad padding …): a real chip ends the session the same way
            endSession();
            return sw(SW_SM_DATA_OBJECTS_INCORRECT);
        }
    }

    private byte[] wrap(Response r) throws GeneralSecurityException {
        BacCrypto.increment(ssc);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (r.data.length > 0) {
            byte[] enc = BacCrypto.encrypt(ksEnc, BacCrypto.pad(r.data));
            byte[] v = new byte[enc.length + 1];
            v[0] = 0x01;
            System.arraycopy(enc, 0, v, 1, enc.length);
            body.writeBytes(Tlv.encode(0x87, v));
        }
        body.writeBytes(Tlv.encode(0x99, new byte[] {(byte) (r.sw >> 8), (byte) r.sw}));
        byte[] mac = BacCrypto.mac(ksMac, concat(ssc, body.toByteArray()));
        body.writeBytes(Tlv.encode(0x8E, mac));
        return withSw(body.toByteArray(), r.sw);
    }

    private Response execute(int ins, int p1, int p2, byte[] data, int ne) {
        return switch (ins) {
            case 0xA4 -> {
                if (p1 == 0x02 || p1 == 0x00) {
                    if (data.length != 2) {
                        yield new Response(SW_WRONG_LENGTH);
                    }
                    byte[] f = files.get(((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
                    if (f == null) {
                        yield new Response(SW_FILE_NOT_FOUND);
                    }
                    currentFile = f;
                    yield new Response(SW_OK);
                }
                if (p1 == 0x04) {
                    yield new Response(Arrays.equals(data, AID) ? SW_OK : SW_FILE_NOT_FOUND);
                }
                yield new Response(SW_WRONG_P1P2);
            }
            case 0xB0 -> {
                int offset;
                if ((p1 & 0x80) != 0) {
                    // short file identifier in P1, offset in P2: selects the file as well
                    byte[] f = files.get(0x0100 | (p1 & 0x1F));
                    if ((p1 & 0x1F) == 0x1E) {
                        f = files.get(0x011E);
                    } else if ((p1 & 0x1F) == 0x1D) {
                        f = files.get(0x011D);
                    }
                    if (f == null) {
                        yield new Response(SW_FILE_NOT_FOUND);
                    }
                    currentFile = f;
                    offset = p2;
                } else {
                    offset = (p1 << 8) | p2;
                }
                if (currentFile == null) {
                    yield new Response(SW_CONDITIONS_NOT_SATISFIED);
                }
                if (offset > currentFile.length) {
                    yield new Response(SW_WRONG_P1P2);
                }
                int n = Math.min(ne == 0 ? 256 : ne, currentFile.length - offset);
                yield new Response(Arrays.copyOfRange(currentFile, offset, offset + n), SW_OK);
            }
            default -> new Response(SW_INS_NOT_SUPPORTED);
        };
    }

    private void endSession() {
        if (ksEnc != null) {
            Arrays.fill(ksEnc, (byte) 0);
            Arrays.fill(ksMac, (byte) 0);
            Arrays.fill(ssc, (byte) 0);
        }
        ksEnc = null;
        ksMac = null;
        ssc = null;
        currentFile = null;
    }

    private record Response(byte[] data, int sw) {
        Response(int sw) {
            this(new byte[0], sw);
        }
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    private static byte[] withSw(byte[] data, int sw) {
        byte[] r = Arrays.copyOf(data, data.length + 2);
        r[data.length] = (byte) (sw >> 8);
        r[data.length + 1] = (byte) sw;
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** A command APDU, short or extended length (ISO 7816-4, 5.1). */
    record Apdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
        static Apdu parse(byte[] a) {
            if (a.length < 4) {
                throw new IllegalArgumentException("short APDU");
            }
            int cla = a[0] & 0xFF;
            int ins = a[1] & 0xFF;
            int p1 = a[2] & 0xFF;
            int p2 = a[3] & 0xFF;
            int rest = a.length - 4;
            if (rest == 0) {
                return new Apdu(cla, ins, p1, p2, new byte[0], 0);
            }
            int b0 = a[4] & 0xFF;
            if (rest == 1) {
                return new Apdu(cla, ins, p1, p2, new byte[0], b0 == 0 ? 256 : b0);
            }
            if (b0 != 0) { // short: Lc data [Le]
                if (rest == 1 + b0) {
                    return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(a, 5, 5 + b0), 0);
                }
                if (rest == 2 + b0) {
                    int le = a[5 + b0] & 0xFF;
                    return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(a, 5, 5 + b0), le == 0 ? 256 : le);
                }
                throw new IllegalArgumentException("bad short APDU length");
            }
            // extended
            if (rest == 3) {
                int le = ((a[5] & 0xFF) << 8) | (a[6] & 0xFF);
                return new Apdu(cla, ins, p1, p2, new byte[0], le == 0 ? 65536 : le);
            }
            int lc = ((a[5] & 0xFF) << 8) | (a[6] & 0xFF);
            if (lc == 0 || rest < 3 + lc) {
                throw new IllegalArgumentException("bad extended APDU length");
            }
            byte[] data = Arrays.copyOfRange(a, 7, 7 + lc);
            if (rest == 3 + lc) {
                return new Apdu(cla, ins, p1, p2, data, 0);
            }
            if (rest == 5 + lc) {
                int le = ((a[7 + lc] & 0xFF) << 8) | (a[8 + lc] & 0xFF);
                return new Apdu(cla, ins, p1, p2, data, le == 0 ? 65536 : le);
            }
            throw new IllegalArgumentException("bad extended APDU length");
        }
    }
}

package io.dianxiaoer.sim.emrtd;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chip side's cryptography of BAC and 3DES secure messaging (ICAO 9303 part 11, sections 4.3
 * and 9.8), written here from the specification rather than taken from the reader's library, so
 * that the simulator checks the reader instead of agreeing with it by construction. Tested against
 * the worked example of part 11 appendix D.
 *
 * <p>Stateless and thread-safe.
 */
final class BacCrypto {

    static final int ENC = 1;
    static final int MAC = 2;
    private static final byte[] ZERO_IV = new byte[8];

    private BacCrypto() {
    }

    /** K_seed: the first 16 bytes of SHA-1 over the MRZ information. */
    static byte[] keySeed(String mrzInformation) {
        return Arrays.copyOf(sha1(mrzInformation.getBytes(StandardCharsets.US_ASCII)), 16);
    }

    /** A 3DES key (16 bytes, two-key) from a seed and a counter (1 for encryption, 2 for MAC), parity adjusted. */
    static byte[] deriveKey(byte[] seed, int counter) {
        byte[] d = Arrays.copyOf(seed, seed.length + 4);
        d[seed.length + 3] = (byte) counter;
        byte[] key = Arrays.copyOf(sha1(d), 16);
        for (int i = 0; i < key.length; i++) {
            int b = key[i] & 0xFE;
            key[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
        return key;
    }

    /** ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to a multiple of 8. */
    static byte[] pad(byte[] data) {
        byte[] p = Arrays.copyOf(data, (data.length / 8 + 1) * 8);
        p[data.length] = (byte) 0x80;
        return p;
    }

    static byte[] unpad(byte[] data) throws GeneralSecurityException {
        int i = data.length - 1;
        while (i >= 0 && data[i] == 0) {
            i--;
        }
        if (i < 0 || (data[i] & 0xFF) != 0x80) {
            throw new GeneralSecurityException("bad padding");
        }
        return Arrays.copyOf(data, i);
    }

    /** 3DES-CBC with a zero IV over data whose length is a multiple of 8. */
    static byte[] encrypt(byte[] key16, byte[] data) throws GeneralSecurityException {
        return tdes(Cipher.ENCRYPT_MODE, key16, data);
    }

    static byte[] decrypt(byte[] key16, byte[] data) throws GeneralSecurityException {
        return tdes(Cipher.DECRYPT_MODE, key16, data);
    }

    private static byte[] tdes(int mode, byte[] key16, byte[] data) throws GeneralSecurityException {
        byte[] k24 = Arrays.copyOf(key16, 24);
        System.arraycopy(key16, 0, k24, 16, 8);
        Cipher c = Cipher.getInstance("DESede/CBC/NoPadding");
        c.init(mode, new SecretKeySpec(k24, "DESede"), new IvParameterSpec(ZERO_IV));
        return c.doFinal(data);
    }

    /**
     * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES: CBC with the first key half over the
     * padded data, then decrypt with the second half and encrypt with the first.
     */
    static byte[] mac(byte[] key16, byte[] data) throws GeneralSecurityException {
        byte[] padded = pad(data);
        SecretKeySpec ka = new SecretKeySpec(Arrays.copyOfRange(key16, 0, 8), "DES");
        SecretKeySpec kb = new SecretKeySpec(Arrays.copyOfRange(key16, 8, 16), "DES");
        Cipher cbc = Cipher.getInstance("DES/CBC/NoPadding");
        cbc.init(Cipher.ENCRYPT_MODE, ka, new IvParameterSpec(ZERO_IV));
        byte[] chained = cbc.doFinal(padded);
        byte[] h = Arrays.copyOfRange(chained, chained.length - 8, chained.length);
        Cipher ecb = Cipher.getInstance("DES/ECB/NoPadding");
        ecb.init(Cipher.DECRYPT_MODE, kb);
        h = ecb.doFinal(h);
        ecb.init(Cipher.ENCRYPT_MODE, ka);
        return ecb.doFinal(h);
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    /** Increments an 8-byte send sequence counter in place (big-endian). */
    static void increment(byte[] ssc) {
        for (int i = ssc.length - 1; i >= 0; i--) {
            if (++ssc[i] != 0) {
                return;
            }
        }
    }
}

package io.dianxiaoer.core.code;

/**
 * ISO/IEC 7064 hybrid check characters, MOD (M+1, M): one check character from the same alphabet as
 * the data. {@link #mod37_36} uses the alphabet {@code 0-9A-Z} (the check character of every
 * structured code this terminal defines); {@link #mod11_10} the digits (kept for its public test
 * vectors, which pin the shared algorithm). Stateless and thread-safe.
 */
public final class Iso7064 {

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Iso7064() {
    }

    /** The MOD 37,36 check character of {@code data} (only {@code 0-9A-Z}). */
    public static char mod37_36(CharSequence data) {
        return ALNUM.charAt(hybrid(data, 36));
    }

    /** The MOD 11,10 check digit of {@code digits} (only {@code 0-9}). */
    public static char mod11_10(CharSequence digits) {
        return ALNUM.charAt(hybrid(digits, 10));
    }

    /** Whether {@code c} is a character of the MOD 37,36 alphabet. */
    public static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private static int hybrid(CharSequence data, int m) {
        int p = m;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            int v = ALNUM.indexOf(c);
            if (v < 0 || v >= m) {
                throw new IllegalArgumentException("character " + (int) c + " is outside the check alphabet");
            }
            int s = (p + v) % m;
            if (s == 0) {
                s = m;
            }
            p = (2 * s) % (m + 1);
        }
        return (m + 1 - p) % m;
    }
}

package io.dianxiaoer.device.document;

/**
 * Reads the format and pixel size of a JPEG or PNG from its header, without decoding it, so that
 * a huge or damaged upload is refused before it costs memory (a small file can declare a
 * 60 000 × 60 000 picture). Pure Java; thread-safe.
 */
public final class ImageProbe {

    /** Format and size as the header declares them. */
    public record Header(String format, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    private ImageProbe() {
    }

    public static Header probe(byte[] b) throws DocumentException {
        if (b == null || b.length < 24) {
            throw new DocumentException(DocumentException.Kind.UNREADABLE, "not a picture: "
                    + (b == null ? "no data" : b.length + " bytes is too short for a JPEG or PNG"));
        }
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        if ((b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
                && b[6] == 0x1A && b[7] == 0x0A) {
            return png(b);
        }
        throw new DocumentException(DocumentException.Kind.UNREADABLE, "not a JPEG or PNG picture");
    }

    private static Header jpeg(byte[] b) throws DocumentException {
        int p = 2;
        Header found = null;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                throw bad("JPEG segment structure is damaged at byte " + p);
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                p += 2;
                continue;
            }
            if (marker == 0xD9) {
                throw bad("JPEG ends before any picture data");
            }
            int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            if (len < 2 || p + 2 + len > b.length) {
                throw bad("JPEG is cut short (a header segment runs past the end)");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (len < 8) {
                    throw bad("JPEG frame header is too short");
                }
                int h = ((b[p + 5] & 0xFF) << 8) | (b[p + 6] & 0xFF);
                int w = ((b[p + 7] & 0xFF) << 8) | (b[p + 8] & 0xFF);
                if (w == 0 || h == 0) {
                    throw bad("JPEG declares an empty picture (" + w + "×" + h + ")");
                }
                found = new Header("JPEG", w, h);
            }
            if (marker == 0xDA) { // start of scan: the entropy-coded data follows
                if (found == null) {
                    throw bad("JPEG has picture data but no frame header");
                }
                if (!endsWithEoi(b, p + 2 + len)) {
                    throw bad("JPEG is cut short (no end-of-image marker)");
                }
                return found;
            }
            p += 2 + len;
        }
        throw bad("JPEG is cut short (no picture data)");
    }

    /** A whole JPEG ends with FF D9; cameras may pad a few bytes after it. */
    private static boolean endsWithEoi(byte[] b, int from) {
        int start = Math.max(from, b.length - 64);
        for (int i = b.length - 2; i >= start; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static Header png(byte[] b) throws DocumentException {
        // 8-byte signature, then the IHDR chunk: length(4) "IHDR" width(4) height(4)
        if (!(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
            throw bad("PNG does not start with its header chunk");
        }
        long w = be32(b, 16);
        long h = be32(b, 20);
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw bad("PNG declares an impossible size (" + w + "×" + h + ")");
        }
        return new Header("PNG", (int) w, (int) h);
    }

    private static long be32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private static DocumentException bad(String message) {
        return new DocumentException(DocumentException.Kind.UNREADABLE, message);
    }
}

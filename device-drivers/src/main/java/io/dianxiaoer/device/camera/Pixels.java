package io.dianxiaoer.device.camera;

/** Small pixel conversions in plain Java (no native call for a few hundred thousand pixels). */
final class Pixels {

    private Pixels() {
    }

    /** BGR → luma with the BT.601 weights OpenCV uses (fixed point, ×2^14). */
    static byte[] bgrToGrey(byte[] bgr, int width, int height) {
        int n = width * height;
        byte[] out = new byte[n];
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            int b = bgr[j] & 0xFF;
            int g = bgr[j + 1] & 0xFF;
            int r = bgr[j + 2] & 0xFF;
            out[i] = (byte) ((b * 1868 + g * 9617 + r * 4899 + 8192) >> 14);
        }
        return out;
    }
}

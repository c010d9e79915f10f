package io.dianxiaoer.device.vision;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.dianxiaoer.device.camera.CameraFrame;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and decodes a QR code in a camera picture with ZXing, straight from the grey bytes (the
 * Y plane of the frame) — no {@code BufferedImage} on the way, which costs several times more per
 * 1080p frame (see {@code docs/benchmarks.md}).
 *
 * <p>Returns the raw payload text only; what the text means (随申码, appointment, locker code, URL)
 * is for the payload parsers of {@code kiosk-core}, which treat it as untrusted input.
 * <b>Not thread-safe</b> (ZXing readers keep state): one decoder per thread. Never logs a payload.
 */
public final class QrDecoder {

    /** Frames beyond this many pixels are refused rather than decoded (a 40-megapixel picture is no camera frame). */
    public static final long MAX_PIXELS = 40_000_000L;

    private final QRCodeReader reader = new QRCodeReader();
    private final Map<DecodeHintType, Object> hints;

    /** @param tryHarder spend more time per frame looking for small or damaged codes */
    public QrDecoder(boolean tryHarder) {
        Map<DecodeHintType, Object> h = new EnumMap<>(DecodeHintType.class);
        h.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        if (tryHarder) {
            h.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        }
        hints = Map.copyOf(h);
    }

    public QrDecoder() {
        this(false);
    }

    /**
     * Decodes the first QR code found in an 8-bit grey picture of {@code width × height} bytes
     * (row-major, no padding). Empty when there is none or it cannot be read.
     *
     * @throws IllegalArgumentException if the sizes do not match the array or the picture is too large
     */
    public Optional<String> decodeGrey(byte[] grey, int width, int height) {
        checkSize(grey, width, height);
        // The grey plane is exactly what a YUV source's luma is: ZXing reads it in place, no copy.
        return decode(new PlanarYUVLuminanceSource(grey, width, height, 0, 0, width, height, false));
    }

    /** Decodes from a camera preview frame's grey plane. */
    public Optional<String> decode(CameraFrame frame) {
        return decodeGrey(frame.grey(), frame.width(), frame.height());
    }

    /** Decodes from any ZXing luminance source (used by the benchmark to compare input paths). */
    public Optional<String> decode(LuminanceSource source) {
        try {
            Result r = reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            return Optional.ofNullable(r.getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return Optional.empty();
        } finally {
            reader.reset();
        }
    }

    static void checkSize(byte[] grey, int width, int height) {
        if (grey == null) {
            throw new IllegalArgumentException("no picture given");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive, got " + width + "×" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("picture of " + width + "×" + height + " is larger than the "
                    + MAX_PIXELS / 1_000_000 + "-megapixel limit for QR decoding");
        }
        if (grey.length != width * height) {
            throw new IllegalArgumentException("grey picture of " + width + "×" + height + " needs "
                    + (width * height) + " bytes, got " + grey.length);
        }
    }
}

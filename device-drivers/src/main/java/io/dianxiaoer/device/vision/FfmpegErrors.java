package io.dianxiaoer.device.vision;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * FFmpeg's log, routed to SLF4J, with a way for a camera to learn about its own decoding errors.
 *
 * <p>JavaCV's grabber swallows decoder errors (a damaged or cut-short JPEG in an MJPEG stream just
 * yields no frame, or a partly grey one); FFmpeg only says so in its log. The log callback runs on
 * the thread that called FFmpeg, so a camera registers a counter for its grab thread
 * ({@link #countOnThisThread}) and hears of exactly its own errors. Thread-safe.
 */
public final class FfmpegErrors extends FFmpegLogCallback {

    private static final ThreadLocal<Runnable> SINK = new ThreadLocal<>();
    static final FfmpegErrors INSTANCE = new FfmpegErrors();

    private FfmpegErrors() {
        retainReference(); // the native side keeps calling it: never collect it
    }

    /** Calls {@code onError} for each error FFmpeg reports from the current thread (null: stop). */
    public static void countOnThisThread(Runnable onError) {
        if (onError == null) {
            SINK.remove();
        } else {
            SINK.set(onError);
        }
    }

    static void install() {
        avutil.setLogCallback(INSTANCE);
    }

    @Override
    public void call(int level, BytePointer msg) {
        if (level <= avutil.AV_LOG_ERROR) {
            Runnable sink = SINK.get();
            if (sink != null) {
                try {
                    sink.run();
                } catch (RuntimeException e) {
                    // never let an exception unwind into native code
                }
            }
        }
        super.call(level, msg);
    }
}

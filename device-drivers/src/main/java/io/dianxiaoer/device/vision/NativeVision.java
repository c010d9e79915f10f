package io.dianxiaoer.device.vision;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;

/**
 * Loads the OpenCV and FFmpeg natives once per JVM.
 *
 * <p>The first load on a machine unpacks about 200 MB into {@code ~/.javacpp/cache} (later loads
 * map the cached files: under a second). Everything that touches OpenCV or FFmpeg calls
 * {@link #ensureLoaded()} first so that the cost is paid once, at a moment we choose (device open,
 * pipeline construction), and not inside a frame callback. Thread-safe and idempotent.
 */
public final class NativeVision {

    private static volatile boolean loaded;

    private NativeVision() {
    }

    /** Loads OpenCV (core, imgproc, imgcodecs) and FFmpeg; quiets FFmpeg's console chatter. */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (NativeVision.class) {
            if (loaded) {
                return;
            }
            // JavaCPP's and FFmpeg's messages go to SLF4J like ours (unless the deployer chose otherwise).
            if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
                System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
            }
            Loader.load(opencv_core.class);
            Loader.load(opencv_imgproc.class);
            Loader.load(opencv_imgcodecs.class);
            Loader.load(avutil.class);
            // FFmpeg prints warnings ("deprecated pixel format", …) straight to stderr; route it to the
            // log, keep only errors, and let each camera count its own decoding errors.
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            FfmpegErrors.install();
            loaded = true;
        }
    }
}

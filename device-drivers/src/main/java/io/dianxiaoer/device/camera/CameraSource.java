package io.dianxiaoer.device.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Where a camera's pictures come from. The same {@link Camera} code opens every kind through
 * FFmpeg (JavaCV's {@link FFmpegFrameGrabber}); only the input format and options differ.
 *
 * <ul>
 *   <li>{@code v4l2:/dev/video0?width=1920&height=1080&fps=15&input_format=mjpeg}, or a bare
 *       {@code /dev/videoN} — a UVC camera (the document camera 高拍仪, the face camera)</li>
 *   <li>{@code http://127.0.0.1:7091/stream.mjpg} — an MJPEG stream ({@code multipart/x-mixed-replace}),
 *       as the simulator and IP cameras serve it</li>
 *   <li>{@code file:/path/recording.mp4?loop=true&fps=15}, or a bare path — a recorded session or a
 *       still picture shown as a stream</li>
 * </ul>
 *
 * Options: {@code width}, {@code height}, {@code fps} (positive numbers), {@code loop}
 * ({@code true}/{@code false}, files only), {@code format} (an FFmpeg input format that overrides the
 * guess), and any other key is passed to FFmpeg as an input option (e.g. {@code input_format}).
 * Immutable.
 */
public final class CameraSource {

    /** The three kinds of input the camera layer opens. */
    public enum Kind { V4L2, HTTP, FILE }

    private final Kind kind;
    private final String location;
    private final int width;
    private final int height;
    private final double fps;
    private final boolean loop;
    private final String format;
    private final Map<String, String> ffmpegOptions;

    private CameraSource(Kind kind, String location, int width, int height, double fps, boolean loop, String format,
                         Map<String, String> ffmpegOptions) {
        this.kind = kind;
        this.location = location;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.loop = loop;
        this.format = format;
        this.ffmpegOptions = Map.copyOf(ffmpegOptions);
    }

    /** Parses a source from configuration; a clear {@link IllegalArgumentException} for anything unusable. */
    public static CameraSource parse(String spec) {
        String s = Objects.requireNonNull(spec, "camera source").strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no camera source given");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        Kind kind;
        String rest;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            kind = Kind.HTTP;
            rest = s;
        } else if (lower.startsWith("v4l2:")) {
            kind = Kind.V4L2;
            rest = s.substring("v4l2:".length());
        } else if (lower.startsWith("file:")) {
            kind = Kind.FILE;
            rest = s.substring("file:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            }
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unknown camera source scheme in '" + spec
                    + "' (use v4l2:/dev/videoN, http://host:port/path or file:/path)");
        } else {
            kind = s.startsWith("/dev/video") ? Kind.V4L2 : Kind.FILE;
            rest = s;
        }
        String location = rest;
        Map<String, String> query = new LinkedHashMap<>();
        if (kind != Kind.HTTP) {
            int q = rest.indexOf('?');
            if (q >= 0) {
                location = rest.substring(0, q);
                for (String kv : rest.substring(q + 1).split("&")) {
                    if (kv.isEmpty()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("option '" + kv + "' needs key=value in '" + spec + "'");
                    }
                    query.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } else {
            try {
                URI u = new URI(s);
                if (u.getHost() == null) {
                    throw new IllegalArgumentException("no host in camera URL '" + spec + "'");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed camera URL '" + spec + "': " + e.getReason());
            }
        }
        if (location.isEmpty()) {
            throw new IllegalArgumentException("no device or file in camera source '" + spec + "'");
        }
        int width = positiveInt(query.remove("width"), 0, spec, "width");
        int height = positiveInt(query.remove("height"), 0, spec, "height");
        double fps = positiveDouble(query.remove("fps"), 0, spec);
        String loopText = query.remove("loop");
        boolean loop = kind == Kind.FILE;
        if (loopText != null) {
            if (!loopText.equals("true") && !loopText.equals("false")) {
                throw new IllegalArgumentException("loop must be true or false in '" + spec + "'");
            }
            loop = Boolean.parseBoolean(loopText);
        }
        String format = query.remove("format");
        if (format == null && kind == Kind.V4L2) {
            format = "video4linux2";
        }
        return new CameraSource(kind, location, width, height, fps, loop, format, query);
    }

    public Kind kind() {
        return kind;
    }

    /** The device path, file path or URL, for health reports. */
    public String describe() {
        return switch (kind) {
            case V4L2 -> "v4l2:" + location;
            case HTTP -> location;
            case FILE -> "file:" + location;
        };
    }

    /** The requested frame rate, or 0 to take what the source gives. */
    public double fps() {
        return fps;
    }

    /** Files are played at their frame rate (or {@link #fps()}), not as fast as they decode. */
    boolean paced() {
        return kind == Kind.FILE;
    }

    boolean loop() {
        return loop;
    }

    /**
     * A fresh, not yet started grabber for this source. {@code ioTimeout} bounds every network
     * read, so that a stalled stream ends the grab instead of hanging the camera thread.
     */
    FFmpegFrameGrabber newGrabber(Duration ioTimeout) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(location);
        if (format != null) {
            g.setFormat(format);
        }
        if (width > 0) {
            g.setImageWidth(width);
        }
        if (height > 0) {
            g.setImageHeight(height);
        }
        if (fps > 0 && kind == Kind.V4L2) {
            g.setFrameRate(fps);
        }
        if (kind == Kind.HTTP) {
            long micros = ioTimeout.toNanos() / 1000;
            g.setOption("rw_timeout", Long.toString(micros));
            g.setOption("timeout", Long.toString(micros));
            // An MJPEG stream has no index to probe: decide from the first part, not a second of data.
            g.setOption("probesize", "65536");
            g.setOption("analyzeduration", "0");
            g.setOption("fflags", "nobuffer");
        }
        if (kind == Kind.FILE && loop && isStillPicture()) {
            g.setOption("loop", "1"); // image2 demuxer: show one picture for ever
        }
        // A damaged frame must be dropped whole, not shown half grey (or taken as a still).
        g.setVideoOption("err_detect", "explode");
        ffmpegOptions.forEach(g::setOption);
        return g;
    }

    boolean isStillPicture() {
        String l = location.toLowerCase(Locale.ROOT);
        return l.endsWith(".png") || l.endsWith(".jpg") || l.endsWith(".jpeg") || l.endsWith(".bmp");
    }

    private static int positiveInt(String v, int dflt, String spec, String name) {
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n <= 0 || n > 16384) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from 1 to 16384 in '" + spec + "'");
        }
    }

    private static double positiveDouble(String v, double dflt, String spec) {
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0 && d <= 240)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fps must be a number above 0 and at most 240 in '" + spec + "'");
        }
    }

    @Override
    public String toString() {
        return "CameraSource[" + describe() + "]";
    }
}

package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.camera.CameraUnavailableException;
import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.document.DocumentException;
import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.document.PageQuality;
import io.dianxiaoer.device.document.ProcessedPage;
import io.dianxiaoer.device.document.Quad;
import io.dianxiaoer.device.document.RetakeReason;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code capture-page}: one page from the document camera to a file, through the production camera
 * and document pipeline — for technicians checking a camera, its focus and its light.
 *
 * <pre>
 * capture-page --camera SOURCE --out FILE.jpg [--timeout SECONDS] [--budget KB]
 *     SOURCE: v4l2:/dev/video0?width=2592&amp;height=1944, http://127.0.0.1:7091/stream.mjpg, file:/path
 * </pre>
 *
 * Prints JSON on stdout: the still's size, the page's size, JPEG quality and bytes, the corners
 * found, every quality measure, the retake reasons (zh + en) and the camera's health. Exit 0 when
 * the page was written (even if a retake is advised: see {@code acceptable}), 2 usage, 3 no picture
 * in time, 4 the picture could not be processed, 5 the camera cannot be opened.
 */
final class CapturePageCommand {

    private CapturePageCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        // The kiosk's log goes to the console's stdout; while the camera runs, send it to stderr so
        // that stdout carries nothing but the JSON a script parses.
        PrintStream console = System.out;
        boolean redirect = out == console;
        if (redirect) {
            System.setOut(System.err);
        }
        try {
            return capture(args, out, err);
        } finally {
            if (redirect) {
                System.setOut(console);
            }
        }
    }

    private static int capture(String[] args, PrintStream out, PrintStream err) {
        String source = null;
        Path file = null;
        Duration timeout = Duration.ofSeconds(15);
        int budgetKb = DocumentPipeline.Settings.DEFAULT.jpegBudgetBytes() / 1000;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--camera" -> {
                    source = v;
                    i++;
                }
                case "--out" -> {
                    file = v == null ? null : Path.of(v);
                    i++;
                }
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                    } catch (RuntimeException e) {
                        err.println("--timeout takes a number of seconds");
                        return DeviceTool.USAGE;
                    }
                    i++;
                }
                case "--budget" -> {
                    try {
                        budgetKb = Integer.parseInt(v);
                    } catch (RuntimeException e) {
                        err.println("--budget takes a whole number of kilobytes");
                        return DeviceTool.USAGE;
                    }
                    i++;
                }
                default -> {
                    err.println("unknown option " + a);
                    usage(err);
                    return DeviceTool.USAGE;
                }
            }
        }
        if (source == null || file == null) {
            usage(err);
            return DeviceTool.USAGE;
        }
        CameraSource src;
        DocumentPipeline pipeline;
        try {
            src = CameraSource.parse(source);
            DocumentPipeline.Settings d = DocumentPipeline.Settings.DEFAULT;
            pipeline = new DocumentPipeline(new DocumentPipeline.Settings(budgetKb * 1000, d.maxOutputLongSide(),
                    d.minOutputLongSide(), d.maxInputPixels(), d.maxInputBytes(), d.whiteTarget(), d.thresholds()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return DeviceTool.USAGE;
        }
        try (Camera camera = new Camera("camera-document", src, Camera.Settings.DEFAULT, Clock.systemUTC())) {
            camera.open();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!camera.status().isUsable() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!camera.status().isUsable()) {
                DeviceHealth h = camera.health();
                if (camera.status() == DeviceStatus.OFFLINE) {
                    err.println("camera " + src.describe() + " unusable: " + h.lastError().orElse("it does not answer"));
                    return DeviceTool.PORT_ERROR;
                }
                err.println("no picture from " + src.describe() + " within " + timeout.toSeconds() + " s");
                return DeviceTool.NO_CARD;
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            StillImage still;
            try {
                still = camera.captureStill().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                err.println("no picture from " + src.describe() + " within " + timeout.toSeconds() + " s");
                return DeviceTool.NO_CARD;
            } catch (ExecutionException e) {
                err.println(e.getCause() instanceof CameraUnavailableException c ? c.getMessage() : String.valueOf(e.getCause()));
                return DeviceTool.PORT_ERROR;
            }
            ProcessedPage page;
            try {
                page = pipeline.process(still);
            } catch (DocumentException e) {
                err.println("the picture could not be processed: " + e.getMessage());
                return DeviceTool.BAD_CARD;
            } finally {
                still.wipe();
            }
            try {
                Files.write(file, page.jpeg());
            } catch (IOException e) {
                err.println("cannot write " + file + ": " + e.getMessage());
                return DeviceTool.USAGE;
            }
            out.println(json(still, page, file, camera.health()));
            page.wipe();
            return DeviceTool.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceTool.PORT_ERROR;
        }
    }

    static String json(StillImage still, ProcessedPage page, Path file, DeviceHealth health) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        o.putObject("still").put("width", still.width()).put("height", still.height());
        ObjectNode p = o.putObject("page");
        p.put("file", file.toString());
        p.put("width", page.width());
        p.put("height", page.height());
        p.put("bytes", page.sizeBytes());
        p.put("jpegQuality", page.jpegQuality());
        p.put("found", page.outline().found());
        p.put("sidesSeen", page.outline().sidesSeen());
        p.put("deskewDegrees", page.deskewDegrees());
        ArrayNode corners = p.putArray("corners");
        page.outline().corners().ifPresent((Quad q) -> {
            for (int i = 0; i < 4; i++) {
                corners.addArray().add(Math.round(q.x(i) * 10) / 10.0).add(Math.round(q.y(i) * 10) / 10.0);
            }
        });
        PageQuality q = page.quality();
        ObjectNode qn = o.putObject("quality");
        qn.put("sharpness", q.sharpness());
        qn.put("glareFraction", q.glareFraction());
        qn.put("whiteLevel", q.whiteLevel());
        qn.put("clippedFraction", q.clippedFraction());
        qn.put("lightUniformity", q.lightUniformity());
        qn.put("inFrameFraction", q.inFrameFraction());
        qn.put("acceptable", q.acceptable());
        ArrayNode reasons = qn.putArray("reasons");
        for (RetakeReason r : q.reasons()) {
            reasons.addObject().put("code", r.name()).put("zh", r.chinese()).put("en", r.english());
        }
        o.set("camera", healthJson(mapper, health));
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode healthJson(ObjectMapper mapper, DeviceHealth h) {
        ObjectNode n = mapper.createObjectNode();
        n.put("device", h.deviceId());
        n.put("status", h.status().name());
        n.put("endpoint", h.endpoint());
        n.put("lastError", h.lastError().orElse(null));
        ObjectNode c = n.putObject("counters");
        h.counters().forEach(c::put);
        return n;
    }

    static void usage(PrintStream err) {
        err.print("""
                usage: dxe capture-page --camera SOURCE --out FILE.jpg [--timeout SECONDS] [--budget KB]
                  SOURCE  v4l2:/dev/video0?width=2592&height=1944 | http://127.0.0.1:7091/stream.mjpg | file:/path
                  writes the cropped, straightened page; prints sizes, corners, quality and retake reasons as JSON
                  exit 0 written, 3 no picture in time, 4 picture unusable, 5 camera cannot be opened
                """);
    }
}

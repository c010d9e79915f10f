package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.face.FaceCaptureResult;
import io.dianxiaoer.device.face.FaceCaptureSession;
import io.dianxiaoer.device.face.FaceDetector;
import io.dianxiaoer.device.face.FaceQuality;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code face-check}: one face capture with the blink challenge through the production camera and
 * face pipeline — for technicians checking the face camera's position and light.
 *
 * <pre>
 * face-check --camera SOURCE [--timeout SECONDS]
 * </pre>
 *
 * Prints JSON on stdout: the liveness outcome and reason, frames analysed, the guidance shown (keys,
 * zh, en), the last frame's gate measures, and the best frame's size (never its pixels: nothing of
 * the face is written). Exit 0 when the blink was seen, 3 when it was not within the time, 5 when
 * the camera never delivered a picture, 2 usage.
 */
final class FaceCheckCommand {

    private FaceCheckCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        PrintStream console = System.out;
        boolean redirect = out == console;
        if (redirect) {
            System.setOut(System.err); // the log to stderr: stdout carries only the JSON
        }
        try {
            return check(args, out, err);
        } finally {
            if (redirect) {
                System.setOut(console);
            }
        }
    }

    private static int check(String[] args, PrintStream out, PrintStream err) {
        String source = null;
        Duration timeout = Duration.ofSeconds(20);
        for (int i = 1; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--camera" -> {
                    source = v;
                    i++;
                }
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                    } catch (RuntimeException e) {
                        err.println("--timeout takes a number of seconds");
                        return DeviceTool.USAGE;
                    }
                    if (timeout.isNegative() || timeout.isZero()) {
                        err.println("--timeout must be positive");
                        return DeviceTool.USAGE;
                    }
                    i++;
                }
                default -> {
                    err.println("unknown option " + args[i]);
                    err.println("usage: face-check --camera SOURCE [--timeout SECONDS]");
                    return DeviceTool.USAGE;
                }
            }
        }
        if (source == null) {
            err.println("usage: face-check --camera SOURCE [--timeout SECONDS]");
            return DeviceTool.USAGE;
        }
        CameraSource src;
        try {
            src = CameraSource.parse(source);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return DeviceTool.USAGE;
        }
        AtomicReference<FaceQuality> last = new AtomicReference<>();
        try (Camera camera = new Camera("camera-face", src, Camera.Settings.DEFAULT, Clock.systemUTC())) {
            camera.open();
            FaceCaptureSession session = new FaceCaptureSession(camera, FaceDetector.Settings.DEFAULT,
                    new FaceCaptureSession.Settings(timeout, 90), Clock.systemUTC(), p -> last.set(p.quality()));
            FaceCaptureResult r;
            try {
                r = session.start().get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                err.println("face check failed: " + e);
                return DeviceTool.PORT_ERROR;
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = json.createObjectNode();
            o.put("outcome", r.verdict().outcome().name());
            o.put("reason", r.verdict().reason());
            o.put("framesAnalysed", r.framesAnalysed());
            ArrayNode g = o.putArray("guidance");
            for (FaceCaptureResult.GuidanceStep s : r.guidance()) {
                ObjectNode n = g.addObject();
                n.put("at", s.at().toString());
                s.guidance().ifPresentOrElse(x -> n.put("key", x.name()).put("zh", x.zh()).put("en", x.en()),
                        () -> n.putNull("key"));
            }
            FaceQuality q = last.get();
            if (q != null) {
                ObjectNode m = o.putObject("lastFrame");
                m.put("faces", q.faces().size());
                m.put("eyes", q.eyes().size());
                m.put("faceShare", q.faceShare());
                m.put("offCentre", q.offCentre());
                m.put("sharpness", q.sharpness());
                m.put("brightness", q.brightness());
                m.put("clipped", q.clipped());
            }
            r.bestFrame().ifPresent(b -> {
                o.putObject("bestFrame").put("width", b.width()).put("height", b.height())
                        .put("jpegBytes", b.jpeg().length).put("sharpness", b.sharpness());
                b.wipe();
            });
            o.put("camera", camera.status().name());
            out.println(json.writeValueAsString(o));
            if (r.verdict().passed()) {
                return DeviceTool.OK;
            }
            return r.framesAnalysed() == 0 && camera.status() != DeviceStatus.READY ? DeviceTool.PORT_ERROR
                    : DeviceTool.NO_CARD;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("cannot write JSON: " + e.getMessage());
            return DeviceTool.PORT_ERROR;
        }
    }
}

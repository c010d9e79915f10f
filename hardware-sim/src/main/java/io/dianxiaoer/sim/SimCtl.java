package io.dianxiaoer.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Command line for the simulator's control API: the citizen's hands from a terminal.
 *
 * <pre>
 * sim-ctl [--control URL] list | status | place KEY | remove | fault MODE
 * sim-ctl [--control URL] camera-status | camera-scenes | camera-show CAM SCENE | camera-qr CAM TEXT
 *                         | camera-fault CAM MODE | camera-unplug CAM | camera-plug CAM
 * </pre>
 *
 * CAM is {@code document} or {@code face}; SCENE one of {@code camera-scenes} (or {@code qr:TEXT}).
 *
 * URL defaults to {@code http://127.0.0.1:7080} (the port the kiosk's embedded simulator and
 * {@link SimulatorMain} use by default). Exit 0 on success, 1 when the simulator refused, 2 usage,
 * 3 when it is not reachable.
 */
public final class SimCtl {

    private SimCtl() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String base = "http://127.0.0.1:7080";
        int i = 0;
        if (args.length >= 2 && args[0].equals("--control")) {
            base = args[1];
            i = 2;
        }
        if (i >= args.length) {
            return usage();
        }
        String verb = args[i];
        String arg = i + 1 < args.length ? args[i + 1] : null;
        String arg2 = i + 2 < args.length ? args[i + 2] : null;
        HttpRequest.Builder req;
        switch (verb) {
            case "list" -> req = HttpRequest.newBuilder(URI.create(base + "/api/idcard/identities")).GET();
            case "status" -> req = HttpRequest.newBuilder(URI.create(base + "/api/idcard")).GET();
            case "remove" -> req = post(base + "/api/idcard/remove");
            case "place" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/idcard/place?identity=" + URLEncoder.encode(arg, StandardCharsets.UTF_8));
            }
            case "fault" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/idcard/fault?mode=" + URLEncoder.encode(arg, StandardCharsets.UTF_8));
            }
            case "camera-status" -> req = HttpRequest.newBuilder(URI.create(base + "/api/camera")).GET();
            case "camera-scenes" -> req = HttpRequest.newBuilder(URI.create(base + "/api/camera/scenes")).GET();
            case "camera-show", "camera-qr", "camera-fault" -> {
                if (arg == null || arg2 == null) {
                    return usage();
                }
                String q = switch (verb) {
                    case "camera-show" -> "show?scene=";
                    case "camera-qr" -> "qr?text=";
                    default -> "fault?mode=";
                };
                req = post(base + "/api/camera/" + URLEncoder.encode(arg, StandardCharsets.UTF_8) + "/" + q
                        + URLEncoder.encode(arg2, StandardCharsets.UTF_8));
            }
            case "camera-unplug", "camera-plug" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/camera/" + URLEncoder.encode(arg, StandardCharsets.UTF_8) + "/"
                        + verb.substring("camera-".length()));
            }
            default -> {
                return usage();
            }
        }
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(req.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (!r.body().isEmpty()) {
                System.out.println(r.body());
            }
            return r.statusCode() < 300 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("simulator not reachable at " + base + ": " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static int usage() {
        System.err.println("usage: sim-ctl [--control URL] list | status | place KEY | remove | fault MODE");
        System.err.println("       sim-ctl [--control URL] camera-status | camera-scenes | camera-show CAM SCENE | camera-qr CAM TEXT"
                + " | camera-fault CAM MODE | camera-unplug CAM | camera-plug CAM   (CAM: document, face)");
        return 2;
    }
}

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
 * sim-ctl [--control URL] list | status | place KEY | remove | fault MODE | fail-reads SW3 [COUNT]
 * sim-ctl [--control URL] passport-list | passport-status | passport-place KEY [MODE] | passport-remove
 *         | passport-silent true|false | passport-fault NONE|SILENT|GARBAGE|PULLED_MID_READ | passport-csca
 * sim-ctl [--control URL] scanner | scan TEXT | scan-hex HEX | scanner-fault MODE [DELAY_MS]
 * sim-ctl [--control URL] locker | locker-door N open|close | locker-item N put|take
 *                         | locker-stuck N on|off | locker-fault MODE [DELAY_MS]
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
            case "fail-reads" -> {
                if (arg == null) {
                    return usage();
                }
                String count = i + 2 < args.length ? args[i + 2] : "1";
                req = post(base + "/api/idcard/fail-reads?status=" + URLEncoder.encode(arg, StandardCharsets.UTF_8)
                        + "&count=" + URLEncoder.encode(count, StandardCharsets.UTF_8));
            }
            case "fault" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/idcard/fault?mode=" + URLEncoder.encode(arg, StandardCharsets.UTF_8));
            }
            case "passport-list" -> req = HttpRequest.newBuilder(URI.create(base + "/api/emrtd/passports")).GET();
            case "passport-status" -> req = HttpRequest.newBuilder(URI.create(base + "/api/emrtd")).GET();
            case "passport-csca" -> req = HttpRequest.newBuilder(URI.create(base + "/api/emrtd/csca.pem")).GET();
            case "passport-remove" -> req = post(base + "/api/emrtd/remove");
            case "passport-place" -> {
                if (arg == null) {
                    return usage();
                }
                String mode = i + 2 < args.length ? args[i + 2] : "GENUINE";
                req = post(base + "/api/emrtd/place?passport=" + URLEncoder.encode(arg, StandardCharsets.UTF_8)
                        + "&mode=" + URLEncoder.encode(mode, StandardCharsets.UTF_8));
            }
            case "passport-fault" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/emrtd/fault?mode=" + URLEncoder.encode(arg, StandardCharsets.UTF_8));
            }
            case "passport-silent" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/emrtd/silent?on=" + URLEncoder.encode(arg, StandardCharsets.UTF_8));
            }
            case "scanner" -> req = HttpRequest.newBuilder(URI.create(base + "/api/scanner")).GET();
            case "scan" -> {
                if (arg == null) {
                    return usage();
                }
                req = HttpRequest.newBuilder(URI.create(base + "/api/scanner/scan"))
                        .POST(HttpRequest.BodyPublishers.ofString(arg, StandardCharsets.UTF_8));
            }
            case "scan-hex" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/scanner/scan-hex?bytes=" + enc(arg));
            }
            case "scanner-fault" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/scanner/fault?mode=" + enc(arg) + (arg2 == null ? "" : "&delayMs=" + enc(arg2)));
            }
            case "locker" -> req = HttpRequest.newBuilder(URI.create(base + "/api/locker")).GET();
            case "locker-door", "locker-item" -> {
                if (arg == null || arg2 == null) {
                    return usage();
                }
                String what = verb.equals("locker-door") ? "door" : "item";
                req = post(base + "/api/locker/" + what + "?compartment=" + enc(arg) + "&action=" + enc(arg2));
            }
            case "locker-stuck" -> {
                if (arg == null || arg2 == null || !(arg2.equals("on") || arg2.equals("off"))) {
                    return usage();
                }
                req = post(base + "/api/locker/stuck?compartment=" + enc(arg) + "&on=" + arg2.equals("on"));
            }
            case "locker-fault" -> {
                if (arg == null) {
                    return usage();
                }
                req = post(base + "/api/locker/fault?mode=" + enc(arg) + (arg2 == null ? "" : "&delayMs=" + enc(arg2)));
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int usage() {
        System.err.println("usage: sim-ctl [--control URL] list | status | place KEY | remove | fault MODE | fail-reads SW3 [COUNT]");
        System.err.println("       sim-ctl [--control URL] passport-list | passport-status | passport-place KEY [MODE]"
                + " | passport-remove | passport-silent true|false | passport-fault MODE | passport-csca");
        System.err.println("""
                       sim-ctl [--control URL] scanner | scan TEXT | scan-hex HEX | scanner-fault MODE [DELAY_MS]
                       sim-ctl [--control URL] locker | locker-door N open|close | locker-item N put|take
                                               | locker-stuck N on|off | locker-fault MODE [DELAY_MS]""");
        System.err.println("       sim-ctl [--control URL] camera-status | camera-scenes | camera-show CAM SCENE | camera-qr CAM TEXT"
                + " | camera-fault CAM MODE | camera-unplug CAM | camera-plug CAM   (CAM: document, face)");
        return 2;
    }
}

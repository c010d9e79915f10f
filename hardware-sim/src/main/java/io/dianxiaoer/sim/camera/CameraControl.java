package io.dianxiaoer.sim.camera;

import static io.dianxiaoer.sim.control.HttpReplies.JSON;
import static io.dianxiaoer.sim.control.HttpReplies.empty;
import static io.dianxiaoer.sim.control.HttpReplies.error;
import static io.dianxiaoer.sim.control.HttpReplies.json;
import static io.dianxiaoer.sim.control.HttpReplies.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dianxiaoer.sim.control.HttpReplies;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The control API of the simulated cameras, mounted on the simulator's control server:
 *
 * <pre>
 * GET  /api/camera                           every camera: stream URL, scene, fault, running, clients, frames sent
 * GET  /api/camera/scenes                    the scene names
 * POST /api/camera/{id}/show?scene=NAME      204; 404 for an unknown scene (NAME: desk, face, nobody, qr, qr:TEXT, a synthetic
 *                                            scene, or a face scene: face-portrait, blink, photo-moved, face-dark)
 * POST /api/camera/{id}/qr?text=TEXT         204: a QR slip carrying TEXT (at most 1000 characters)
 * POST /api/camera/{id}/fault?mode=MODE      204 (MODE: NONE, STALL, GARBAGE, SLOW, DISCONNECT)
 * POST /api/camera/{id}/unplug               204: the port closes, streams are cut
 * POST /api/camera/{id}/plug                 204: listening again
 * GET  /camera                               a page with the live streams and these buttons
 * </pre>
 *
 * {@code id} is {@code document} or {@code face}. Handled on the control server's threads;
 * rendering a new scene takes a fraction of a second.
 */
public final class CameraControl implements HttpHandler {


    /** One simulated camera and what it can show. */
    public record Entry(MjpegCameraSimulator camera, CameraScenes scenes) {
    }

    private final Map<String, Entry> cameras;

    public CameraControl(Map<String, Entry> cameras) {
        this.cameras = new LinkedHashMap<>(cameras);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> q = query(ex.getRequestURI());
            if (path.equals("/camera") || path.equals("/camera/")) {
                page(ex);
                return;
            }
            if (method.equals("GET") && path.equals("/api/camera")) {
                json(ex, 200, state());
                return;
            }
            if (method.equals("GET") && path.equals("/api/camera/scenes")) {
                ArrayNode a = JSON.createArrayNode();
                CameraScenes.names().forEach(a::add);
                json(ex, 200, a);
                return;
            }
            String[] parts = path.split("/"); // "", "api", "camera", id, verb
            if (!method.equals("POST") || parts.length != 5) {
                error(ex, 404, "no such control: " + method + " " + path);
                return;
            }
            Entry e = cameras.get(parts[3]);
            if (e == null) {
                error(ex, 404, "no camera '" + parts[3] + "' (cameras: " + String.join(", ", cameras.keySet()) + ")");
                return;
            }
            switch (parts[4]) {
                case "show" -> show(ex, e, q.getOrDefault("scene", ""));
                case "qr" -> {
                    String text = q.getOrDefault("text", "");
                    if (text.isEmpty() || text.length() > 1000) {
                        error(ex, 400, "text must be 1 to 1000 characters");
                    } else {
                        show(ex, e, "qr:" + text);
                    }
                }
                case "fault" -> {
                    try {
                        e.camera().setFault(CameraFault.valueOf(q.getOrDefault("mode", "").toUpperCase(Locale.ROOT)));
                        empty(ex);
                    } catch (IllegalArgumentException bad) {
                        error(ex, 400, "unknown fault mode '" + q.getOrDefault("mode", "") + "'");
                    }
                }
                case "unplug" -> {
                    e.camera().stop();
                    empty(ex);
                }
                case "plug" -> {
                    e.camera().start();
                    empty(ex);
                }
                default -> error(ex, 404, "no such control: " + method + " " + path);
            }
        }
    }

    private static void show(HttpExchange ex, Entry e, String scene) throws IOException {
        Optional<java.util.List<CameraPicture>> p = e.scenes().sequence(scene);
        if (p.isEmpty()) {
            error(ex, 404, "no scene '" + scene + "'" + ((scene.equals("face") || scene.startsWith("face-") || scene.equals("blink") || scene.equals("photo-moved"))
                    ? " (the face photo " + CameraScenes.FACE_FILE + " is neither on the classpath nor in shared/testdata/faces)" : ""));
            return;
        }
        e.camera().show(p.get());
        empty(ex);
    }

    private ObjectNode state() {
        ObjectNode o = JSON.createObjectNode();
        cameras.forEach((id, e) -> {
            MjpegCameraSimulator c = e.camera();
            ObjectNode n = o.putObject(id);
            n.put("stream", c.streamUrl());
            n.put("scene", c.picture().name());
            n.put("sequenceFrames", c.sequenceLength());
            n.put("width", c.picture().width());
            n.put("height", c.picture().height());
            n.put("fault", c.fault().name());
            n.put("running", c.running());
            n.put("clients", c.clientCount());
            n.put("framesSent", c.framesSent());
        });
        return o;
    }

    private void page(HttpExchange ex) throws IOException {
        StringBuilder cams = new StringBuilder();
        for (Map.Entry<String, Entry> e : cameras.entrySet()) {
            String id = e.getKey();
            cams.append("<section><h2>").append(id).append("</h2><img width=\"480\" src=\"")
                .append(e.getValue().camera().streamUrl()).append("\"><p>");
            for (String s : CameraScenes.names()) {
                cams.append("<button onclick=\"post('/api/camera/").append(id).append("/show?scene=").append(s).append("')\">")
                    .append(s).append("</button>");
            }
            cams.append("</p><p>");
            for (CameraFault f : CameraFault.values()) {
                cams.append("<button onclick=\"post('/api/camera/").append(id).append("/fault?mode=").append(f).append("')\">")
                    .append(f).append("</button>");
            }
            cams.append(" <button onclick=\"post('/api/camera/").append(id).append("/unplug')\">拔出 unplug</button>")
                .append("<button onclick=\"post('/api/camera/").append(id).append("/plug')\">插入 plug</button></p></section>");
        }
        String html = """
                <!doctype html><html lang="zh"><meta charset="utf-8"><title>模拟摄像头 Simulated cameras</title>
                <style>body{font:16px sans-serif;margin:2em}button{margin:.15em}section{margin-bottom:2em}</style>
                <h1>模拟摄像头 Simulated cameras</h1><pre id="state"></pre>%s
                <script>
                async function post(u){await fetch(u,{method:'POST'});show();}
                async function show(){document.getElementById('state').textContent=JSON.stringify(await (await fetch('/api/camera')).json());}
                show();setInterval(show,2000);
                </script></html>
                """.formatted(cams);
        HttpReplies.html(ex, html);
    }

}

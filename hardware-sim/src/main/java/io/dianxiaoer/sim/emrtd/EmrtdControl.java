package io.dianxiaoer.sim.emrtd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The virtual passport reader's routes of the simulator's control API (mounted under
 * {@code /api/emrtd} of {@link io.dianxiaoer.sim.control.SimControlServer}, loopback only):
 *
 * <pre>
 * GET  /api/emrtd                                 {"placed":…, "mode":…, "silent":…, "connected":…, "reader":…, "apdus":…}
 * GET  /api/emrtd/passports                       the test documents, with the MRZ data to type (fictional)
 * GET  /api/emrtd/csca.pem                        the test CSCA certificate to trust
 * POST /api/emrtd/place?passport=KEY[&amp;mode=MODE]  204; 404 unknown key; 400 unknown mode
 *                                                 (MODE: GENUINE, TAMPERED_DG1, UNTRUSTED_SIGNER, BAD_SIGNATURE)
 * POST /api/emrtd/remove                          204
 * POST /api/emrtd/silent?on=true|false            204: the chip stops (or resumes) answering
 * POST /api/emrtd/fault?mode=MODE                 204; 400 unknown mode (MODE: NONE, SILENT, GARBAGE, PULLED_MID_READ)
 * </pre>
 *
 * Runs on the control server's pool; every call returns at once.
 */
public final class EmrtdControl implements HttpHandler {

    /** Where {@code SimControlServer} mounts these routes. */
    public static final String PATH = "/api/emrtd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualEmrtdSimulator sim;

    public EmrtdControl(VirtualEmrtdSimulator sim) {
        this.sim = Objects.requireNonNull(sim, "sim");
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI());
            switch (ex.getRequestMethod() + " " + path) {
                case "GET " + PATH -> json(ex, 200, state());
                case "GET " + PATH + "/passports" -> json(ex, 200, passports());
                case "GET " + PATH + "/csca.pem" -> text(ex, sim.pki().trustedCscaPem());
                case "POST " + PATH + "/place" -> {
                    String key = q.getOrDefault("passport", "");
                    if (sim.passports().get(key).isEmpty()) {
                        error(ex, 404, "no test passport '" + key + "'");
                        return;
                    }
                    ChipMode mode;
                    try {
                        mode = ChipMode.valueOf(q.getOrDefault("mode", "GENUINE").toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        error(ex, 400, "unknown chip mode '" + q.get("mode") + "'");
                        return;
                    }
                    sim.place(key, mode);
                    empty(ex);
                }
                case "POST " + PATH + "/remove" -> {
                    sim.remove();
                    empty(ex);
                }
                case "POST " + PATH + "/fault" -> {
                    try {
                        sim.setFault(io.dianxiaoer.sim.pcsc.CardFault.valueOf(q.getOrDefault("mode", "").toUpperCase(Locale.ROOT)));
                        empty(ex);
                    } catch (IllegalArgumentException e) {
                        error(ex, 400, "unknown fault mode '" + q.getOrDefault("mode", "") + "'");
                    }
                }
                case "POST " + PATH + "/silent" -> {
                    sim.setSilent(Boolean.parseBoolean(q.getOrDefault("on", "true")));
                    empty(ex);
                }
                default -> error(ex, 404, "no such control: " + ex.getRequestMethod() + " " + path);
            }
        }
    }

    private ObjectNode state() {
        ObjectNode o = JSON.createObjectNode();
        o.put("placed", sim.placed().orElse(null));
        o.put("mode", sim.mode().name());
        o.put("silent", sim.isSilent());
        o.put("fault", sim.fault().name());
        o.put("connected", sim.isConnected());
        o.put("reader", sim.readerName());
        o.put("apdus", sim.apdus());
        return o;
    }

    private ArrayNode passports() {
        ArrayNode a = JSON.createArrayNode();
        for (TestPassport p : sim.passports().all()) {
            ObjectNode o = a.addObject();
            o.put("key", p.key());
            o.put("documentCode", p.documentCode());
            o.put("documentNumber", p.documentNumber());
            o.put("birthDate", p.birthDate());
            o.put("expiryDate", p.expiryDate());
            o.put("note", p.note());
        }
        return a;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private static void text(HttpExchange ex, String body) throws IOException {
        send(ex, 200, "application/x-pem-file", body.getBytes(StandardCharsets.US_ASCII));
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("error").put("message", message);
        json(ex, status, o);
    }

    private static void empty(HttpExchange ex) throws IOException {
        drain(ex);
        ex.sendResponseHeaders(204, -1);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] b) throws IOException {
        drain(ex);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}

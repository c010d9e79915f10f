package io.dianxiaoer.sim.control;

import static io.dianxiaoer.sim.control.HttpReplies.JSON;
import static io.dianxiaoer.sim.control.HttpReplies.empty;
import static io.dianxiaoer.sim.control.HttpReplies.error;
import static io.dianxiaoer.sim.control.HttpReplies.json;
import static io.dianxiaoer.sim.control.HttpReplies.escape;
import static io.dianxiaoer.sim.control.HttpReplies.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.dianxiaoer.sim.idcard.SamFault;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentities;
import io.dianxiaoer.sim.idcard.TestIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulator's hands: an HTTP API on 127.0.0.1 (and a small page at {@code /}) to put a card
 * on the reader, take it off and inject faults. Only loopback: it is a test and demo tool.
 *
 * <pre>
 * GET  /api/idcard                      {"present":…, "identity":…, "fault":…, "endpoint":…}
 * GET  /api/idcard/identities           the test identities
 * POST /api/idcard/place?identity=KEY   204, 404 for an unknown key
 * POST /api/idcard/remove               204
 * POST /api/idcard/fail-reads?status=41&amp;count=1   the next reads answer that SW3 (41 pulled away, 40 unsupported, 31 not authentic)
 * POST /api/idcard/fault?mode=MODE      204 (MODE: NONE, SILENT, GARBAGE_PREFIX, BAD_CHECKSUM, SPLIT_SLOW, UNPLUGGED)
 * </pre>
 *
 * Requests are handled on a small pool of its own; each call returns at once.
 */
public final class SimControlServer implements AutoCloseable {


    private final HttpServer http;
    private final ExecutorService pool;
    private final SamReaderSimulator idcard;
    private final TestIdentities identities;
    /** Pages of the other simulators, linked from the start page ({@link #mount}). */
    private final List<String[]> pageLinks = new CopyOnWriteArrayList<>();

    public SimControlServer(int port, SamReaderSimulator idcard, TestIdentities identities) throws IOException {
        this.idcard = idcard;
        this.identities = identities;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-control");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Adds another simulator's routes under {@code path} (e.g. the passport chip's {@code /api/emrtd}). */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        http.createContext(path, handler);
    }

    /**
     * Mounts another simulator's control routes under {@code pathPrefix} (e.g. {@code /api/camera}):
     * each device family keeps its routes in a class of its own.
     */
    public void addRoutes(String pathPrefix, HttpHandler handler) {
        http.createContext(pathPrefix, handler);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Routes everything under {@code prefix} (e.g. {@code /api/locker}) to another simulator's handler,
     * and, when {@code title} is given, links {@code prefix} from the start page.
     */
    public void mount(String prefix, HttpHandler handler, String title) {
        http.createContext(prefix, handler);
        if (title != null) {
            pageLinks.add(new String[] {prefix, title});
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> q = query(ex.getRequestURI());
            switch (method + " " + path) {
                case "GET /" -> page(ex);
                case "GET /api/idcard" -> json(ex, 200, state());
                case "GET /api/idcard/identities" -> json(ex, 200, identitiesJson());
                case "POST /api/idcard/place" -> {
                    TestIdentity t = identities.get(q.getOrDefault("identity", "")).orElse(null);
                    if (t == null) {
                        error(ex, 404, "no test identity '" + q.getOrDefault("identity", "") + "'");
                    } else {
                        idcard.placeCard(t);
                        empty(ex);
                    }
                }
                case "POST /api/idcard/fail-reads" -> {
                    try {
                        int status = Integer.parseInt(q.getOrDefault("status", ""), 16);
                        int count = Integer.parseInt(q.getOrDefault("count", "1"));
                        idcard.failNextReads(status, count);
                        empty(ex);
                    } catch (NumberFormatException e) {
                        error(ex, 400, "fail-reads needs status=HEX (e.g. 41) and count=N");
                    }
                }
                case "POST /api/idcard/remove" -> {
                    idcard.removeCard();
                    empty(ex);
                }
                case "POST /api/idcard/fault" -> {
                    try {
                        idcard.setFault(SamFault.valueOf(q.getOrDefault("mode", "").toUpperCase(Locale.ROOT)));
                        empty(ex);
                    } catch (IllegalArgumentException e) {
                        error(ex, 400, "unknown fault mode '" + q.getOrDefault("mode", "") + "'");
                    }
                }
                default -> error(ex, 404, "no such control: " + method + " " + path);
            }
        }
    }

    private ObjectNode state() {
        ObjectNode o = JSON.createObjectNode();
        var card = idcard.card();
        o.put("present", card.isPresent());
        if (card.isPresent()) {
            o.put("identity", card.get().key());
        } else {
            o.putNull("identity");
        }
        o.put("fault", idcard.fault().name());
        o.put("endpoint", idcard.uri());
        return o;
    }

    private ArrayNode identitiesJson() {
        ArrayNode a = JSON.createArrayNode();
        for (TestIdentity t : identities.all()) {
            ObjectNode o = a.addObject();
            o.put("key", t.key());
            o.put("name", t.label());
            o.put("kind", t.kind());
            o.put("note", t.note());
        }
        return a;
    }

    private void page(HttpExchange ex) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (TestIdentity t : identities.all()) {
            rows.append("<li><button onclick=\"post('/api/idcard/place?identity=").append(t.key()).append("')\">放卡 Place</button> ")
                .append(escape(t.label())).append(" <small>").append(escape(t.note())).append("</small></li>\n");
        }
        String html = """
                <!doctype html><html lang="zh"><meta charset="utf-8"><title>店小二 模拟硬件 Simulated hardware</title>
                <style>body{font:18px sans-serif;margin:2em}button{font-size:18px;padding:.3em .8em;margin:.2em}</style>
                <p>%s</p>
                <h1>模拟身份证读卡器 Simulated ID-card reader</h1>
                <p id="state"></p>
                <ul>%s</ul>
                <p><button onclick="post('/api/idcard/remove')">取走卡片 Remove card</button></p>
                <p><a href="/camera">模拟摄像头 Simulated cameras →</a></p>
                <h2>故障注入 Faults</h2>
                <p>%s</p>
                <script>
                async function post(u){await fetch(u,{method:'POST'});show();}
                async function show(){const s=await (await fetch('/api/idcard')).json();
                  document.getElementById('state').textContent=(s.present?'卡片在位 card on reader: '+s.identity:'无卡 no card')+' · fault '+s.fault+' · '+s.endpoint;}
                show();setInterval(show,1000);
                </script></html>
                """.formatted(links(), rows, faultButtons());
        HttpReplies.html(ex, html);
    }

    private String links() {
        StringBuilder b = new StringBuilder();
        for (String[] l : pageLinks) {
            b.append("<a href=\"").append(escape(l[0])).append("\">").append(escape(l[1])).append("</a> · ");
        }
        return b.toString();
    }

    private static String faultButtons() {
        StringBuilder b = new StringBuilder();
        for (SamFault f : SamFault.values()) {
            if (f != SamFault.FORCED_STATUS) {
                b.append("<button onclick=\"post('/api/idcard/fault?mode=").append(f).append("')\">").append(f).append("</button>");
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}

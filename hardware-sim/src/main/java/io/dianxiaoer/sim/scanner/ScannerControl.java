package io.dianxiaoer.sim.scanner;

import static io.dianxiaoer.sim.control.HttpReplies.JSON;
import static io.dianxiaoer.sim.control.HttpReplies.escape;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dianxiaoer.core.code.CodeKind;
import io.dianxiaoer.core.code.ScannedPayload;
import io.dianxiaoer.sim.control.HttpReplies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated scanner's hands on the control server: scan a code, pick a fault, and a small page.
 *
 * <pre>
 * GET  /api/scanner                       state: connected, fault, endpoint, pty, counters
 * GET  /api/scanner/samples               sample payloads of every kind (valid ones made fresh, and broken ones)
 * POST /api/scanner/scan?text=TEXT        scans TEXT (or the UTF-8 request body when no text is given);
 *                                         204, 409 when the scan was lost (no driver connected, or a fault)
 * POST /api/scanner/scan-hex?bytes=HEX    scans raw bytes (binary QR content)
 * POST /api/scanner/fault?mode=MODE[&amp;delayMs=N]   MODE: NONE SILENT GARBAGE HALF_CODE SLOW_TRICKLE UNPLUGGED;
 *                                         delayMs sets the pause between bytes of SLOW_TRICKLE
 * GET  /scanner                           the page
 * </pre>
 *
 * Runs on the control server's threads; every call returns at once except a scan under SLOW_TRICKLE,
 * which returns when the last byte is out.
 */
public final class ScannerControl implements HttpHandler {

    private final ScannerSimulator scanner;
    private final Supplier<Optional<String>> ptyLink;
    private final Clock clock;

    /** @param ptyLink the pty that bridges to the scanner, when there is one (shown on the page) */
    public ScannerControl(ScannerSimulator scanner, Supplier<Optional<String>> ptyLink, Clock clock) {
        this.scanner = scanner;
        this.ptyLink = ptyLink;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            Map<String, String> q = HttpReplies.query(ex.getRequestURI());
            switch (route) {
                case "GET /scanner", "GET /scanner/" -> HttpReplies.html(ex, page());
                case "GET /api/scanner" -> HttpReplies.json(ex, 200, state());
                case "GET /api/scanner/samples" -> HttpReplies.json(ex, 200, samplesJson());
                case "POST /api/scanner/scan" -> {
                    String text = q.get("text");
                    if (text == null) {
                        byte[] body = HttpReplies.body(ex);
                        if (body == null) {
                            HttpReplies.error(ex, 413, "body larger than " + HttpReplies.MAX_BODY + " bytes");
                            return;
                        }
                        text = new String(body, StandardCharsets.UTF_8);
                    }
                    scanned(ex, scanner.scan(text));
                }
                case "POST /api/scanner/scan-hex" -> {
                    byte[] bytes;
                    try {
                        bytes = HexFormat.of().parseHex(q.getOrDefault("bytes", "").replace(" ", ""));
                    } catch (IllegalArgumentException e) {
                        HttpReplies.error(ex, 400, "bytes must be hex digits");
                        return;
                    }
                    scanned(ex, scanner.scanBytes(bytes));
                }
                case "POST /api/scanner/fault" -> {
                    ScannerFault f;
                    try {
                        f = ScannerFault.valueOf(q.getOrDefault("mode", "").toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        HttpReplies.error(ex, 400, "unknown fault mode '" + q.getOrDefault("mode", "") + "'");
                        return;
                    }
                    if (q.containsKey("delayMs")) {
                        try {
                            scanner.setTrickleDelayMillis(Long.parseLong(q.get("delayMs")));
                        } catch (IllegalArgumentException e) {
                            HttpReplies.error(ex, 400, "delayMs must be 0..10000");
                            return;
                        }
                    }
                    scanner.setFault(f);
                    HttpReplies.empty(ex);
                }
                default -> HttpReplies.error(ex, 404, "no such control: " + route);
            }
        }
    }

    private static void scanned(HttpExchange ex, boolean sent) throws IOException {
        if (sent) {
            HttpReplies.empty(ex);
        } else {
            HttpReplies.error(ex, 409, "the scan was lost: no driver is connected, or a fault swallowed it");
        }
    }

    private ObjectNode state() {
        ObjectNode o = JSON.createObjectNode();
        o.put("connected", scanner.connected());
        o.put("fault", scanner.fault().name());
        o.put("trickleDelayMs", scanner.trickleDelayMillis());
        o.put("endpoint", scanner.uri());
        ptyLink.get().ifPresentOrElse(p -> o.put("pty", p), () -> o.putNull("pty"));
        o.put("triggerMode", scanner.config().triggerMode());
        o.put("heldScans", scanner.heldScans());
        o.put("codesSent", scanner.codesSent());
        o.put("probesAnswered", scanner.probesAnswered());
        o.put("triggersSeen", scanner.triggersSeen());
        String last = scanner.lastScanned();
        if (last == null) {
            o.putNull("lastScanned");
        } else {
            o.put("lastScanned", last);
        }
        return o;
    }

    /** Sample payloads, valid ones made fresh for now (a 随申码 lives five minutes). */
    public Map<String, String> samples() {
        var now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai"));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("随申码 Suishen code", new ScannedPayload.SuishenCode(CodeKind.SUISHEN_CODE, now.plusSeconds(300),
                "K7Q2M9XW4T8RZ3NB5VHC").payload());
        m.put("电子证照 e-licence", new ScannedPayload.SuishenCode(CodeKind.E_LICENCE, now.plusSeconds(300),
                "LIC0000123456789ABCDEF").payload());
        m.put("预约签到 appointment", new ScannedPayload.AppointmentCheckIn(today, "310115", LocalTime.of(10, 30), 42)
                .payload());
        m.put("取件码 locker pickup", new ScannedPayload.LockerPickup("PD01", "58302917").payload());
        m.put("网址 link", "https://zwdt.sh.gov.cn/govPortals/index.do");
        m.put("商品条码 EAN-13", "6901234567892");
        m.put("过期随申码 expired", new ScannedPayload.SuishenCode(CodeKind.SUISHEN_CODE, now.minusSeconds(60),
                "K7Q2M9XW4T8RZ3NB5VHC").payload());
        String good = new ScannedPayload.LockerPickup("PD01", "58302917").payload();
        m.put("损坏的取件码 damaged", good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0"));
        m.put("http 链接 insecure link", "http://zwdt.sh.gov.cn/");
        m.put("陌生网站 foreign link", "https://zwdt.sh.gov.cn.example.com/login");
        m.put("超长 oversized", "A".repeat(600));
        return m;
    }

    private ArrayNode samplesJson() {
        ArrayNode a = JSON.createArrayNode();
        samples().forEach((label, text) -> a.addObject().put("label", label).put("text", text));
        return a;
    }

    private String page() {
        StringBuilder buttons = new StringBuilder();
        samples().forEach((label, text) -> buttons.append("<button onclick=\"scan(").append(escape(jsString(text)))
                .append(")\">").append(escape(label)).append("</button>\n"));
        StringBuilder faults = new StringBuilder();
        for (ScannerFault f : ScannerFault.values()) {
            faults.append("<button onclick=\"post('/api/scanner/fault?mode=").append(f).append("')\">").append(f)
                    .append("</button>");
        }
        return """
                <!doctype html><html lang="zh"><meta charset="utf-8"><title>模拟扫码器 Simulated scanner</title>
                <style>body{font:18px sans-serif;margin:2em}button{font-size:16px;padding:.3em .7em;margin:.2em}
                input{font-size:18px;width:40em}</style>
                <p><a href="/">← 模拟硬件 Simulated hardware</a></p>
                <h1>模拟扫码器 Simulated QR / barcode scanner</h1>
                <p id="state"></p>
                <p><input id="text" placeholder="要扫的内容 text to scan"> <button onclick="scan(document.getElementById('text').value)">扫码 Scan</button></p>
                <h2>样例 Samples</h2><p>%s</p>
                <h2>故障注入 Faults</h2><p>%s</p>
                <script>
                async function post(u){await fetch(u,{method:'POST'});show();}
                async function scan(t){const r=await fetch('/api/scanner/scan',{method:'POST',body:t});
                  if(r.status!==204){alert((await r.json()).error.message);} show();}
                async function show(){const s=await (await fetch('/api/scanner')).json();
                  document.getElementById('state').textContent=(s.connected?'已连接 connected':'未连接 not connected')
                  +' · fault '+s.fault+' · '+s.endpoint+(s.pty?' · pty '+s.pty:'')+' · sent '+s.codesSent;}
                show();setInterval(show,1000);
                </script></html>
                """.formatted(buttons, faults);
    }

    private static String jsString(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}

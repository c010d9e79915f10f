package io.dianxiaoer.sim.locker;

import static io.dianxiaoer.sim.control.HttpReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dianxiaoer.sim.control.HttpReplies;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated cabinet's hands on the control server, and a page that draws it.
 *
 * <pre>
 * GET  /api/locker                                   cabinet state: compartments, fault, endpoint, pty, recent commands
 * POST /api/locker/door?compartment=N&amp;action=open|close   204 (open by hand works even on a stuck door)
 * POST /api/locker/item?compartment=N&amp;action=put|take     204, 409 when the door is closed
 * POST /api/locker/stuck?compartment=N&amp;on=true|false      204
 * POST /api/locker/fault?mode=MODE[&amp;delayMs=N]             MODE: NONE SILENT GARBAGE BAD_CHECKSUM SLOW STUCK_DOORS
 *                                                     UNPLUGGED; delayMs sets how late SLOW replies come
 * GET  /locker                                       the cabinet drawn as a web page (refreshes itself)
 * </pre>
 *
 * Runs on the control server's threads; every call returns at once.
 */
public final class LockerControl implements HttpHandler {

    private final LockerBusSimulator cabinet;
    private final Supplier<Optional<String>> ptyLink;

    public LockerControl(LockerBusSimulator cabinet, Supplier<Optional<String>> ptyLink) {
        this.cabinet = cabinet;
        this.ptyLink = ptyLink;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            Map<String, String> q = HttpReplies.query(ex.getRequestURI());
            switch (route) {
                case "GET /locker", "GET /locker/" -> HttpReplies.html(ex, PAGE);
                case "GET /api/locker" -> HttpReplies.json(ex, 200, state());
                case "POST /api/locker/door" -> {
                    Integer n = compartment(ex, q);
                    if (n == null) {
                        return;
                    }
                    switch (q.getOrDefault("action", "")) {
                        case "open" -> cabinet.openDoor(n);
                        case "close" -> cabinet.closeDoor(n);
                        default -> {
                            HttpReplies.error(ex, 400, "action must be open or close");
                            return;
                        }
                    }
                    HttpReplies.empty(ex);
                }
                case "POST /api/locker/item" -> {
                    Integer n = compartment(ex, q);
                    if (n == null) {
                        return;
                    }
                    boolean done;
                    switch (q.getOrDefault("action", "")) {
                        case "put" -> done = cabinet.putItem(n);
                        case "take" -> done = cabinet.takeItem(n);
                        default -> {
                            HttpReplies.error(ex, 400, "action must be put or take");
                            return;
                        }
                    }
                    if (done) {
                        HttpReplies.empty(ex);
                    } else {
                        HttpReplies.error(ex, 409, "the door of compartment " + n + " is closed: open it first");
                    }
                }
                case "POST /api/locker/stuck" -> {
                    Integer n = compartment(ex, q);
                    if (n == null) {
                        return;
                    }
                    cabinet.setStuck(n, Boolean.parseBoolean(q.getOrDefault("on", "true")));
                    HttpReplies.empty(ex);
                }
                case "POST /api/locker/fault" -> {
                    LockerFault f;
                    try {
                        f = LockerFault.valueOf(q.getOrDefault("mode", "").toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        HttpReplies.error(ex, 400, "unknown fault mode '" + q.getOrDefault("mode", "") + "'");
                        return;
                    }
                    if (q.containsKey("delayMs")) {
                        try {
                            cabinet.setSlowMillis(Long.parseLong(q.get("delayMs")));
                        } catch (IllegalArgumentException e) {
                            HttpReplies.error(ex, 400, "delayMs must be 0..10000");
                            return;
                        }
                    }
                    cabinet.setFault(f);
                    HttpReplies.empty(ex);
                }
                default -> HttpReplies.error(ex, 404, "no such control: " + route);
            }
        }
    }

    private Integer compartment(HttpExchange ex, Map<String, String> q) throws IOException {
        try {
            int n = Integer.parseInt(q.getOrDefault("compartment", ""));
            if (n >= 1 && n <= cabinet.size()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        HttpReplies.error(ex, 404, "no compartment '" + q.getOrDefault("compartment", "") + "' (1.." + cabinet.size() + ")");
        return null;
    }

    private ObjectNode state() {
        ObjectNode o = JSON.createObjectNode();
        o.put("connected", cabinet.connected());
        o.put("fault", cabinet.fault().name());
        o.put("slowMs", cabinet.slowMillis());
        o.put("endpoint", cabinet.uri());
        ptyLink.get().ifPresentOrElse(p -> o.put("pty", p), () -> o.putNull("pty"));
        o.put("bus", cabinet.busSpec());
        o.put("polarity", cabinet.polarity().name());
        o.put("commandsServed", cabinet.commandsServed());
        ArrayNode cs = o.putArray("compartments");
        for (LockerBusSimulator.Compartment c : cabinet.compartments()) {
            cs.addObject().put("number", c.number()).put("board", c.board()).put("lock", c.lock())
                    .put("door", c.doorOpen() ? "open" : "closed").put("item", c.item()).put("stuck", c.stuck())
                    .put("sensor", c.sensor());
        }
        ArrayNode log = o.putArray("recentCommands");
        cabinet.recentCommands().forEach(log::add);
        return o;
    }

    private static final String PAGE = """
            <!doctype html><html lang="zh"><meta charset="utf-8"><title>模拟智能柜 Simulated locker</title>
            <style>
            body{font:16px sans-serif;margin:1.5em;background:#f4f5f7}
            h1{font-size:24px;margin:.2em 0}
            #state{color:#333;margin:.4em 0 1em}
            #cabinet{display:grid;grid-template-columns:repeat(6,150px);gap:10px;padding:14px;background:#5b6470;
              border-radius:10px;width:max-content}
            .cell{background:#d9dde2;border:3px solid #9aa3ad;border-radius:6px;height:150px;padding:6px;position:relative;box-sizing:border-box}
            .cell.open{background:#fff;border-color:#2e9d57;box-shadow:inset 0 0 0 3px #bfe8cc}
            .cell.stuck{border-color:#d23;border-style:dashed}
            .num{font-size:22px;font-weight:bold}
            .addr{font-size:11px;color:#666}
            .door{font-size:13px;margin:2px 0}
            .item{position:absolute;right:8px;top:8px;width:34px;height:42px;background:#f3e2b3;border:2px solid #b08a3e;
              border-radius:3px;font-size:11px;text-align:center;line-height:1.2;padding-top:4px;box-sizing:border-box}
            .cell button{font-size:12px;padding:2px 5px;margin:1px}
            .faults button{font-size:15px;padding:.25em .7em;margin:.15em}
            #log{font:13px monospace;color:#333;white-space:pre}
            </style>
            <p><a href="/">← 模拟硬件 Simulated hardware</a></p>
            <h1>模拟智能柜 Simulated document locker</h1>
            <div id="state"></div>
            <div id="cabinet"></div>
            <h2>故障注入 Faults</h2>
            <p class="faults" id="faults"></p>
            <h2>最近的开锁命令 Recent unlock commands <small>(status reads are not listed)</small></h2>
            <div id="log"></div>
            <script>
            const FAULTS=['NONE','SILENT','GARBAGE','BAD_CHECKSUM','SLOW','STUCK_DOORS','UNPLUGGED'];
            document.getElementById('faults').innerHTML=FAULTS.map(f=>`<button onclick="post('/api/locker/fault?mode=${f}')">${f}</button>`).join('');
            async function post(u){const r=await fetch(u,{method:'POST'});if(r.status>=400){alert((await r.json()).error.message);}show();}
            function cell(c){
              const open=c.door==='open';
              return `<div class="cell ${open?'open':'closed'} ${c.stuck?'stuck':''}">
                <div class="num">${c.number}</div><div class="addr">板 board ${c.board} · 锁 lock ${c.lock}${c.sensor?'':' · 无传感器 no sensor'}</div>
                <div class="door">${open?'门开 open':'门关 closed'}${c.stuck?' · 卡住 stuck':''}</div>
                ${c.item?'<div class="item">文件<br>item</div>':''}
                <button onclick="post('/api/locker/door?compartment=${c.number}&action=${open?'close':'open'}')">${open?'关门 close':'开门 open'}</button>
                <button ${open?'':'disabled'} onclick="post('/api/locker/item?compartment=${c.number}&action=${c.item?'take':'put'}')">${c.item?'取出 take':'放入 put'}</button>
                <button onclick="post('/api/locker/stuck?compartment=${c.number}&on=${!c.stuck}')">${c.stuck?'修好 fix':'卡住 stick'}</button>
              </div>`;}
            async function show(){
              const s=await (await fetch('/api/locker')).json();
              document.getElementById('state').textContent=(s.connected?'已连接 connected':'未连接 not connected')
                +' · fault '+s.fault+' · bus '+s.bus+' · '+s.polarity+' · '+s.endpoint+(s.pty?' · pty '+s.pty:'');
              document.getElementById('cabinet').innerHTML=s.compartments.map(cell).join('');
              document.getElementById('log').textContent=s.recentCommands.join('\\n');
            }
            show();setInterval(show,500);
            </script></html>
            """;
}

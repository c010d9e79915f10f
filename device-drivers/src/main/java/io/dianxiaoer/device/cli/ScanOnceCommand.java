package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.code.CodeParseResult;
import io.dianxiaoer.core.code.CodeParser;
import io.dianxiaoer.core.code.CodePolicy;
import io.dianxiaoer.core.code.CodeRejection;
import io.dianxiaoer.core.event.CodeScanned;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.scanner.Terminator;
import io.dianxiaoer.device.transport.Transports;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code scan-once --port URI [--timeout S] [--terminator any|cr|lf|crlf] [--trigger] [--baud N]}:
 * opens the scanner through the production driver, waits for one code, prints it with its
 * classification as JSON. Exit 0 a code the terminal accepts, 3 no code in time, 4 a code the
 * terminal refuses (the JSON says why), 5 port unusable.
 */
final class ScanOnceCommand {

    private ScanOnceCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CliArgs.UsageException {
        CliArgs a = CliArgs.parse(args, Set.of("--port", "--timeout", "--terminator", "--baud"), Set.of("--trigger"));
        String port = a.require("--port");
        Duration timeout = a.seconds("--timeout", Duration.ofSeconds(15));
        int baud = a.intValue("--baud", 9600, 1, 4_000_000);
        Terminator terminator = switch (a.get("--terminator") == null ? "any" : a.get("--terminator").toLowerCase(Locale.ROOT)) {
            case "any" -> Terminator.ANY_LINE_END;
            case "cr" -> Terminator.CR;
            case "lf" -> Terminator.LF;
            case "crlf" -> Terminator.CR_LF;
            default -> throw new CliArgs.UsageException("--terminator is one of any, cr, lf, crlf");
        };
        ScannerSettings settings = ScannerSettings.DEFAULT.withTerminator(terminator);
        if (a.flag("--trigger")) {
            settings = settings.withTrigger(new ScannerSettings.Trigger(ScannerSettings.SYN_T_CR, Duration.ofSeconds(3)));
        }
        SerialCodeScanner scanner;
        try {
            scanner = new SerialCodeScanner("scanner", Transports.fromUri(port, baud), settings, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CliArgs.UsageException(e.getMessage());
        }
        BlockingQueue<Object> events = new ArrayBlockingQueue<>(64);
        scanner.addListener(e -> {
            if (e instanceof CodeScanned || e instanceof DeviceStatusChanged c && c.status() == DeviceStatus.OFFLINE) {
                events.offer(e);
            }
        });
        try (scanner) {
            scanner.open();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Object e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    err.println("no code scanned within " + timeout.toSeconds() + " s");
                    return DeviceTool.NO_CARD;
                }
                if (e instanceof DeviceStatusChanged) {
                    err.println("port " + scanner.health().endpoint() + " unusable: "
                            + scanner.health().lastError().orElse("it went offline"));
                    return DeviceTool.PORT_ERROR;
                }
                CodeScanned code = (CodeScanned) e;
                CodeParseResult r = new CodeParser(CodePolicy.DEFAULT).parse(code.text(), code.at());
                out.println(toJson(code, r));
                return r.accepted() ? DeviceTool.OK : DeviceTool.BAD_CARD;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceTool.PORT_ERROR;
        }
    }

    static String toJson(CodeScanned code, CodeParseResult r) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        o.put("kind", "SCANNED_CODE");
        o.put("text", code.text());
        o.put("chars", code.text().length());
        o.put("at", code.at().toString());
        ObjectNode c = o.putObject("classification");
        c.put("accepted", r.accepted());
        r.value().ifPresent(p -> {
            c.put("kind", p.kind().name());
            c.put("zh", p.kind().chinese());
            c.put("en", p.kind().english());
        });
        r.refusal().ifPresent((CodeRejection rej) -> {
            c.put("reason", rej.reason().name());
            c.put("zh", rej.zh());
            c.put("en", rej.en());
            c.put("detail", rej.detail());
        });
        try {
            return mapper.writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

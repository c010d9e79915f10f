package io.dianxiaoer.device.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.device.api.DeviceHealth;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.LockerController;
import io.dianxiaoer.device.locker.LockerSettings;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.transport.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code health --json [--idcard URI] [--scanner URI [--scanner-probe]] [--locker URI [--bus SPEC]
 * [--closed-reads 11|00]] [--wait S]}: opens every device given through its production driver, lets
 * each settle (up to {@code --wait}, default 5 s), prints their health as JSON and closes them.
 * Exit 0 every device usable, 6 at least one is not (the JSON says why), 2 usage.
 */
final class HealthCommand {

    private HealthCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws CliArgs.UsageException {
        CliArgs a = CliArgs.parse(args, Set.of("--idcard", "--scanner", "--locker", "--bus", "--closed-reads", "--wait"),
                Set.of("--json", "--scanner-probe"));
        Duration wait = a.seconds("--wait", Duration.ofSeconds(5));
        List<Device> devices = new ArrayList<>();
        try {
            if (a.get("--idcard") != null) {
                devices.add(new SamIdCardReader("idcard", Transports.fromUri(a.get("--idcard"), 115200),
                        SamIdCardReader.Settings.DEFAULT, Clock.systemUTC()));
            }
            if (a.get("--scanner") != null) {
                ScannerSettings s = a.flag("--scanner-probe")
                        ? ScannerSettings.DEFAULT.withProbe(ScannerSettings.SIMULATOR_PROBE) : ScannerSettings.DEFAULT;
                devices.add(new SerialCodeScanner("scanner", Transports.fromUri(a.get("--scanner"), 9600), s,
                        Clock.systemUTC()));
            }
            if (a.get("--locker") != null) {
                List<BoardConfig> bus = BoardConfig.parseList(a.get("--bus") == null ? "1:24" : a.get("--bus"));
                devices.add(new LockerController("locker", Transports.fromUri(a.get("--locker"), 9600),
                        LockerSettings.of(bus, LockerCommands.polarity(a)), Clock.systemUTC()));
            }
        } catch (IllegalArgumentException e) {
            devices.forEach(Device::close);
            throw new CliArgs.UsageException(e.getMessage());
        }
        if (devices.isEmpty()) {
            throw new CliArgs.UsageException("name at least one device: --idcard URI, --scanner URI, --locker URI");
        }
        try {
            devices.forEach(Device::open);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !devices.stream().allMatch(HealthCommand::settled)) {
                Thread.sleep(50);
            }
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = mapper.createObjectNode();
            o.put("at", Instant.now().toString());
            ArrayNode list = o.putArray("devices");
            boolean allUsable = true;
            for (Device d : devices) {
                DeviceHealth h = d.health();
                list.add(toJson(mapper, h, Instant.now()));
                allUsable &= h.status().isUsable();
            }
            out.println(mapper.writeValueAsString(o));
            if (!allUsable) {
                err.println("not every device is usable (see the JSON)");
                return DeviceTool.NOT_USABLE;
            }
            return DeviceTool.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceTool.NOT_USABLE;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            devices.forEach(Device::close);
        }
    }

    private static boolean settled(Device d) {
        DeviceStatus s = d.status();
        return s != DeviceStatus.CLOSED && s != DeviceStatus.OPENING;
    }

    /** One device's health as JSON: what maintenance mode and heartbeats show. */
    static ObjectNode toJson(ObjectMapper mapper, DeviceHealth h, Instant now) {
        ObjectNode d = mapper.createObjectNode();
        d.put("device", h.deviceId());
        d.put("status", h.status().name());
        d.put("usable", h.status().isUsable());
        d.put("endpoint", h.endpoint());
        h.lastError().ifPresentOrElse(e -> d.put("lastError", e), () -> d.putNull("lastError"));
        h.lastErrorAt().ifPresentOrElse(t -> d.put("lastErrorAt", t.toString()), () -> d.putNull("lastErrorAt"));
        h.openSince().ifPresentOrElse(t -> d.put("openSince", t.toString()), () -> d.putNull("openSince"));
        long openSeconds = h.counters().containsKey("openSeconds") ? h.counters().get("openSeconds")
                : h.openSince().map(t -> Math.max(0, Duration.between(t, now).toSeconds())).orElse(0L);
        d.put("hoursOpen", Math.round(openSeconds / 3600.0 * 1000) / 1000.0);
        ObjectNode c = d.putObject("counters");
        new java.util.TreeMap<>(h.counters()).forEach(c::put);
        for (String always : List.of("reads", "errors", "reconnects")) {
            if (!c.has(always)) {
                c.put(always, always.equals("errors") ? sumErrors(h) : h.counters().getOrDefault(always, 0L));
            }
        }
        return d;
    }

    /** The ID-card reader predates the shared "errors" counter: add up its kinds of error. */
    private static long sumErrors(DeviceHealth h) {
        return List.of("timeouts", "disconnects", "readErrors", "statusErrors", "internalErrors").stream()
                .mapToLong(k -> h.counters().getOrDefault(k, 0L)).sum();
    }
}

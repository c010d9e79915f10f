package io.dianxiaoer.sync;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The technicians' (and tests') command line of the sync agent:
 *
 * <pre>
 * sync-agent [--config FILE] [--key=value …] enqueue-test [--count N] [--attachments N] [--attachment-bytes B] [--seed S]
 * sync-agent … queue [--json]          counts by state, age of the oldest queued submission, bytes on disk
 * sync-agent … sync [--timeout SEC]    force a sync now and wait until the queue is empty
 * sync-agent … run                     upload, heartbeat and pull until killed
 * </pre>
 *
 * Exit codes: 0 done, 1 sync did not drain in time, 2 usage or configuration error, 3 failure.
 * Prints only receipt numbers, counts and states: never personal data.
 */
public final class SyncAgentMain {

    static final String USAGE = """
            usage: sync-agent [--config FILE] [--key=value ...] COMMAND
              enqueue-test [--count N] [--attachments N] [--attachment-bytes B] [--seed S]
              queue [--json]
              sync [--timeout SECONDS]
              run
            settings (--key=value): %s""";

    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    private SyncAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        // Without an SLF4J backend (the CLI ships none) Flyway logs each migration check through java.util.logging
        // on stderr; a technician needs only its warnings.
        FLYWAY.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args, System.out, System.err, System::getenv));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) throws Exception {
        Path configFile = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (rest.isEmpty() && a.startsWith("--") && a.contains("=")) {
                overrides.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                rest.add(a);
            }
        }
        if (rest.isEmpty()) {
            err.println(String.format(USAGE, AgentConfig.DEFAULTS.keySet()));
            return 2;
        }
        AgentConfig config;
        Map<String, String> opts;
        try {
            config = AgentConfig.load(configFile, overrides, env);
            opts = options(rest.subList(1, rest.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (SyncAgent agent = SyncAgent.open(config, Clock.systemUTC(), Map::of)) {
            switch (rest.get(0)) {
                case "enqueue-test" -> {
                    int count = intOpt(opts, "count", 1);
                    int attachments = intOpt(opts, "attachments", 2);
                    int bytes = intOpt(opts, "attachment-bytes", 64 * 1024);
                    long seed = Long.parseLong(opts.getOrDefault("seed", Long.toString(System.nanoTime())));
                    for (int i = 0; i < count; i++) {
                        Outbox.LocalReceipt r = agent.outbox().enqueue(TestSubmissions.create(seed + i, attachments, bytes));
                        out.println(r.number());
                    }
                    return 0;
                }
                case "queue" -> {
                    printStats(agent.outbox().stats(), opts.containsKey("json"), out);
                    return 0;
                }
                case "sync" -> {
                    Duration timeout = Duration.ofSeconds(intOpt(opts, "timeout", 60));
                    agent.start();
                    agent.engine().syncNow();
                    boolean drained = agent.engine().awaitDrained(timeout);
                    printStats(agent.outbox().stats(), false, out);
                    out.println(drained ? "sync: queue drained" : "sync: still queued after " + timeout.toSeconds() + " s");
                    return drained ? 0 : 1;
                }
                case "run" -> {
                    agent.start();
                    Thread.currentThread().join();
                    return 0;
                }
                default -> {
                    err.println(String.format(USAGE, AgentConfig.DEFAULTS.keySet()));
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("sync-agent: " + e.getMessage());
            return 3;
        }
    }

    static void printStats(Outbox.Stats s, boolean json, PrintStream out) {
        String age = s.oldestQueuedAge().map(d -> Long.toString(d.toSeconds())).orElse(json ? "null" : "-");
        if (json) {
            StringBuilder b = new StringBuilder("{\"counts\":{");
            s.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append('"').append(e.getKey()).append("\":").append(e.getValue()).append(','));
            b.setLength(b.length() - 1);
            b.append("},\"oldestQueuedAgeSeconds\":").append(age).append(",\"bytes\":").append(s.bytes()).append('}');
            out.println(b);
        } else {
            for (Outbox.State st : Outbox.State.values()) {
                out.printf("%-9s %d%n", st, s.counts().getOrDefault(st, 0L));
            }
            out.println("oldest queued: " + age + (age.equals("-") ? "" : " s"));
            out.println("bytes: " + s.bytes());
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            if (name.equals("json")) {
                o.put(name, "true");
            } else if (i + 1 < args.size()) {
                o.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return o;
    }

    private static int intOpt(Map<String, String> o, String name, int dflt) {
        String v = o.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got \"" + v + "\"");
        }
    }
}

package io.dianxiaoer.device.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The options of one technicians' command: {@code --name value} pairs and {@code --flag}s, checked
 * against what the command accepts. Not thread-safe; one per run.
 */
final class CliArgs {

    /** A usage error, with the words to print. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CliArgs() {
    }

    /** Parses {@code args[1..]}: {@code valued} take a value, {@code flagNames} do not. */
    static CliArgs parse(String[] args, Set<String> valued, Set<String> flagNames) throws UsageException {
        CliArgs a = new CliArgs();
        for (int i = 1; i < args.length; i++) {
            String k = args[i];
            if (valued.contains(k)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(k + " needs a value");
                }
                a.values.put(k, args[++i]);
            } else if (flagNames.contains(k)) {
                a.flags.add(k);
            } else {
                throw new UsageException("unknown option " + k);
            }
        }
        return a;
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    int intValue(String name, int dflt, int min, int max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a whole number from " + min + " to " + max);
        }
    }

    Duration seconds(String name, Duration dflt) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            double s = Double.parseDouble(v);
            if (!(s > 0) || s > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a number of seconds");
        }
    }
}

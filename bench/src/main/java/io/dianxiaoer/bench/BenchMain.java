package io.dianxiaoer.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and prints a summary with the ratios the docs quote.
 * Sizes come from system properties ({@code bench.warmup}, {@code bench.iterations},
 * {@code bench.seconds}, {@code bench.forks}); an optional argument is a JMH include pattern.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        int warmup = Integer.getInteger("bench.warmup", 3);
        int iterations = Integer.getInteger("bench.iterations", 5);
        int seconds = Integer.getInteger("bench.seconds", 1);
        int forks = Integer.getInteger("bench.forks", 1);
        Options opts = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : "io.dianxiaoer.bench.*")
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .forks(forks)
                .jvmArgsAppend("-Xmx1g", "-Djava.awt.headless=true")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> ms = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            ms.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        System.out.println();
        System.out.println("Summary (average time per operation; ± is JMH's 99.9 % confidence half-width)");
        for (Map.Entry<String, double[]> e : ms.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-28s %9.2f ms ± %.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        double[] grey = ms.get("zxingFromGreyBytes");
        if (grey != null) {
            System.out.println("QR decode of a 1920×1080 frame, relative to ZXing from grey bytes:");
            for (String k : new String[] {"zxingFromGreyBytes", "zxingThroughBufferedImage", "openCvQrCodeDetector"}) {
                if (ms.containsKey(k)) {
                    System.out.printf(Locale.ROOT, "  %-28s %6.2f×%n", k, ms.get(k)[0] / grey[0]);
                }
            }
        }
    }
}

package io.dianxiaoer.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
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

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 3);
        int iterations = Integer.getInteger("bench.iterations", 5);
        int seconds = Integer.getInteger("bench.seconds", 1);
        int forks = Integer.getInteger("bench.forks", 1);
        Options opts = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : "io.dianxiaoer.bench.*")
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .forks(forks)
                // Sampled times, so that the summary can quote medians: on a shared 2-core machine
                // a neighbour's burst lands in a few samples and moves the mean, not the median.
                .mode(Mode.SampleTime)
                .timeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .jvmArgsAppend("-Xmx1g", "-Djava.awt.headless=true")
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> ms = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Statistics st = r.getPrimaryResult().getStatistics();
            ms.put(name, new double[] {st.getPercentile(50), st.getMean(), st.getPercentile(90), st.getN()});
        }
        System.out.println();
        System.out.println("Summary (time per operation in ms, from sampled operations)");
        System.out.printf(Locale.ROOT, "  %-28s %9s %9s %9s %8s%n", "benchmark", "median", "mean", "p90", "samples");
        for (Map.Entry<String, double[]> e : ms.entrySet()) {
            double[] v = e.getValue();
            System.out.printf(Locale.ROOT, "  %-28s %9.2f %9.2f %9.2f %8d%n", e.getKey(), v[0], v[1], v[2], (long) v[3]);
        }
        double[] grey = ms.get("zxingFromGreyBytes");
        if (grey != null) {
            System.out.println("QR decode of a 1920×1080 frame, relative to ZXing from grey bytes (median / mean):");
            for (String k : new String[] {"zxingFromGreyBytes", "zxingThroughBufferedImage", "openCvQrCodeDetector"}) {
                if (ms.containsKey(k)) {
                    System.out.printf(Locale.ROOT, "  %-28s %6.2f× / %6.2f×%n", k, ms.get(k)[0] / grey[0], ms.get(k)[1] / grey[1]);
                }
            }
        }
        double[] face = ms.get("facePipeline640x480");
        if (face != null) {
            System.out.printf(Locale.ROOT, "Face pipeline at 640×480 (detect, gates, blink rule), one thread: %.1f fps (median), %.1f fps (mean)%n",
                    1000 / face[0], 1000 / face[1]);
        }
        if (args.length == 0) {
            System.out.println();
            CameraThroughput.run(Integer.getInteger("bench.camera.seconds", 10));
        }
    }
}

package io.dianxiaoer.core.catalog;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long one search takes on a catalog of 5,000 generated items plus the sample (the issue asks
 * for an answer within one frame, 16 ms). Sample time mode: JMH reports percentiles of single
 * calls. Run: {@code mvn -B -pl kiosk-core -am -Pbench verify -DskipTests} (see docs/catalog-search.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m"})
public class CatalogSearchBenchmark {

    @Param({"5000"})
    public int items;

    /** Initials, full pinyin, Chinese, one letter (the most hits), two words, a miss. */
    @Param({"jzz", "juzhuzheng", "居住证", "z", "sp", "shipinjingyingxuke yanxu", "食品 延续", "cnq", "xyzxyz"})
    public String query;

    private Catalog catalog;

    @Setup(Level.Trial)
    public void setUp() {
        catalog = SyntheticCatalog.generate(items, 42);
        catalog.index();
    }

    @Benchmark
    public List<SearchHit> search() {
        return catalog.search(query, 20);
    }
}

package io.dianxiaoer.core.catalog;

import io.dianxiaoer.core.pinyin.PinyinDictionary;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What a freshly downloaded catalog of 5,000 items costs before its first search: building the index. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m"})
public class CatalogIndexBenchmark {

    private Catalog catalog;

    @Setup
    public void setUp() {
        catalog = SyntheticCatalog.generate(5000, 42);
        PinyinDictionary.standard();
    }

    @Benchmark
    public CatalogSearch buildIndex() {
        return new CatalogSearch(catalog, PinyinDictionary.standard());
    }
}

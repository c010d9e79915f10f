package io.dianxiaoer.core.pinyin;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Candidates of the on-screen input method per key press, over the whole bundled dictionary. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m"})
public class PinyinInputBenchmark {

    @Param({"j", "jzz", "juzhuzheng", "xian", "zhonghuarenmingongheguo"})
    public String typed;

    private PinyinInput input;

    @Setup
    public void setUp() {
        input = PinyinInput.start(PinyinDictionary.standard()).type(typed);
    }

    @Benchmark
    public List<PinyinInput.Candidate> candidates() {
        return input.candidates(10);
    }
}

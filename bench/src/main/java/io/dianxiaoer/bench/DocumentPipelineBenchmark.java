package io.dianxiaoer.bench;

import io.dianxiaoer.device.document.DocumentException;
import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.document.PageDetector;
import io.dianxiaoer.device.document.PageOutline;
import io.dianxiaoer.device.document.ProcessedPage;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The document pipeline on one 3840×2160 still of a tilted form: the whole way (find the page,
 * perspective, light, quality, JPEG within 500 KB) and the page search alone (what the preview
 * overlay costs per frame at that size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DocumentPipelineBenchmark {

    private Mat still;
    private DocumentPipeline pipeline;
    private PageDetector detector;

    @Setup(Level.Trial)
    public void setUp() throws DocumentException {
        still = Frames.formStill4k();
        pipeline = new DocumentPipeline();
        detector = new PageDetector();
        ProcessedPage p = pipeline.process(still);
        if (!p.outline().found() || !p.quality().acceptable()) {
            throw new IllegalStateException("the benchmark still is not processed as a good page: " + p);
        }
    }

    @Benchmark
    public ProcessedPage pipeline4k() throws DocumentException {
        return pipeline.process(still);
    }

    @Benchmark
    public PageOutline findPage4k() {
        return detector.detect(still);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        still.close();
    }
}

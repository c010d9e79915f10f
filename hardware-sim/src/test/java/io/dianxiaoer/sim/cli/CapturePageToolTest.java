package io.dianxiaoer.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dianxiaoer.device.cli.DeviceTool;
import io.dianxiaoer.device.document.ImageProbe;
import io.dianxiaoer.sim.camera.CameraScenes;
import io.dianxiaoer.sim.camera.MjpegCameraSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The technicians' {@code capture-page} command against the simulated document camera. */
class CapturePageToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CameraScenes scenes;
    private static MjpegCameraSimulator sim;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        scenes = new CameraScenes(1920, 1080);
        sim = new MjpegCameraSimulator("cli", 0, 20, scenes.picture("licence-card-m14-gradient").orElseThrow());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> DeviceTool.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void aPageIsCapturedToAFileWithItsQualityAsJson() throws Exception {
        Path file = dir.resolve("page.jpg");
        assertThat(run("capture-page", "--camera", sim.streamUrl(), "--out", file.toString())).isEqualTo(DeviceTool.OK);
        JsonNode j = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(j.at("/still/width").asInt()).isEqualTo(1920);
        assertThat(j.at("/page/found").asBoolean()).isTrue();
        assertThat(j.at("/page/corners")).hasSize(4);
        assertThat(j.at("/quality/acceptable").asBoolean()).isTrue();
        assertThat(j.at("/camera/status").asText()).isEqualTo("READY");
        byte[] jpg = Files.readAllBytes(file);
        assertThat(jpg.length).isEqualTo(j.at("/page/bytes").asInt()).isLessThanOrEqualTo(500_000);
        ImageProbe.Header h = ImageProbe.probe(jpg);
        assertThat(h.width()).isEqualTo(j.at("/page/width").asInt());
        assertThat((double) h.width() / h.height()).isBetween(1.5, 1.7); // an ID-1 card, landscape
    }

    @Test
    void aBlurredPageIsWrittenWithTheRetakeReasonInBothLanguages() throws Exception {
        sim.show(scenes.picture("form-blurred").orElseThrow());
        try {
            Path file = dir.resolve("blurred.jpg");
            // the camera may still deliver the previous scene for a frame or two: ask until it shows the form
            JsonNode j = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                out.reset();
                assertThat(run("capture-page", "--camera", sim.streamUrl(), "--out", file.toString(), "--budget", "200"))
                        .isEqualTo(DeviceTool.OK);
                j = JSON.readTree(out.toString(StandardCharsets.UTF_8));
                if (!j.at("/quality/acceptable").asBoolean()) {
                    break;
                }
            }
            assertThat(j.at("/quality/reasons/0/code").asText()).isEqualTo("BLURRED");
            assertThat(j.at("/quality/reasons/0/zh").asText()).contains("模糊");
            assertThat(j.at("/quality/reasons/0/en").asText()).contains("blurred");
            assertThat(j.at("/page/bytes").asInt()).isLessThanOrEqualTo(200_000);
        } finally {
            sim.show(scenes.picture("licence-card-m14-gradient").orElseThrow());
        }
    }

    @Test
    void aCameraThatIsNotThereIsExit5() throws Exception {
        MjpegCameraSimulator gone = new MjpegCameraSimulator("gone", 0, 20, scenes.picture("desk").orElseThrow());
        String url = gone.streamUrl();
        gone.close();
        assertThat(run("capture-page", "--camera", url, "--out", dir.resolve("x.jpg").toString(), "--timeout", "2"))
                .isEqualTo(DeviceTool.PORT_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unusable").contains(url);
        assertThat(Files.exists(dir.resolve("x.jpg"))).isFalse();
    }

    @Test
    void usageMistakesAreExit2() {
        assertThat(run("capture-page", "--out", "x.jpg")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("capture-page", "--camera", "rtsp://x/y", "--out", "x.jpg")).isEqualTo(DeviceTool.USAGE);
        assertThat(run("capture-page", "--camera", sim.streamUrl(), "--out", "x.jpg", "--timeout", "soon"))
                .isEqualTo(DeviceTool.USAGE);
        assertThat(run("capture-page", "--bogus")).isEqualTo(DeviceTool.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown camera source scheme", "capture-page --camera");
    }
}

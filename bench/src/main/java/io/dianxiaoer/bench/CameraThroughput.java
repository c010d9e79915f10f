package io.dianxiaoer.bench;

import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.sim.camera.CameraScenes;
import io.dianxiaoer.sim.camera.MjpegCameraSimulator;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a JMH benchmark: the whole preview path at its natural rate. The simulated document camera
 * offers a 1920×1080 MJPEG stream at 30 frames/s over loopback HTTP; the production {@link Camera}
 * decodes it (FFmpeg), scales a 1280-px preview and hands it to a listener. Reports the rate
 * delivered and the process CPU it costs (the simulator's JPEG sending included).
 */
final class CameraThroughput {

    private CameraThroughput() {
    }

    static void run(int seconds) throws Exception {
        CameraScenes scenes = new CameraScenes(1920, 1080);
        AtomicLong delivered = new AtomicLong();
        try (MjpegCameraSimulator sim = new MjpegCameraSimulator("bench", 0, 30, scenes.picture("form-m14-vignette").orElseThrow());
             Camera camera = new Camera("camera-document", CameraSource.parse(sim.streamUrl()), Camera.Settings.DEFAULT,
                     Clock.systemUTC())) {
            camera.open();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!camera.status().isUsable() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Thread.sleep(2000); // warm up
            // first nobody watches: frames are read, not decoded
            long cpuIdle0 = os.getProcessCpuTime();
            long tIdle0 = System.nanoTime();
            long fIdle0 = camera.health().counters().getOrDefault("frames", 0L);
            Thread.sleep(seconds * 500L);
            double idleWall = (System.nanoTime() - tIdle0) / 1e9;
            double idleFps = (camera.health().counters().get("frames") - fIdle0) / idleWall;
            double idleCpu = (os.getProcessCpuTime() - cpuIdle0) / 1e9 / idleWall * 100;
            // then a preview listener
            FrameSubscription sub = camera.addFrameListener(f -> delivered.incrementAndGet());
            Thread.sleep(1000);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long d0 = delivered.get();
            long f0 = camera.health().counters().getOrDefault("frames", 0L);
            Thread.sleep(seconds * 1000L);
            long t1 = System.nanoTime();
            double wall = (t1 - t0) / 1e9;
            double frames = (camera.health().counters().get("frames") - f0) / wall;
            double preview = (delivered.get() - d0) / wall;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / wall * 100;
            System.out.printf(Locale.ROOT, "Camera preview over loopback MJPEG, 1920×1080 offered at 30 fps:%n");
            System.out.printf(Locale.ROOT, "  nobody watching (%.0f s): %5.1f fps read, not decoded; process CPU %3.0f %% of one core%n",
                    idleWall, idleFps, idleCpu);
            System.out.printf(Locale.ROOT, "  preview on (%d s):        %5.1f fps decoded, %5.1f fps delivered (1280×720); process CPU %3.0f %%%n",
                    seconds, frames, preview, cpu);
            System.out.printf(Locale.ROOT, "  (process CPU includes the simulator sending the stream) errors %d, dropped for the listener %d%n",
                    camera.health().counters().getOrDefault("errors", 0L), sub.dropped());
            sub.close();
        }
    }
}

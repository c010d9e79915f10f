package io.dianxiaoer.sim;

import io.dianxiaoer.sim.idcard.TestIdentities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the hardware simulator as its own process until killed.
 *
 * <pre>sim [--idcard-port N] [--control-port N] [--camera-port N] [--identities FILE]</pre>
 *
 * The document camera streams on the camera port (default 7091), the face camera on the next one.
 *
 * Prints one JSON line with the endpoints, so that scripts can pick them up.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int idcardPort = 7001;
        int controlPort = 7080;
        int cameraPort = 7091;
        TestIdentities identities = TestIdentities.bundled();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idcard-port" -> idcardPort = Integer.parseInt(args[++i]);
                case "--control-port" -> controlPort = Integer.parseInt(args[++i]);
                case "--camera-port" -> cameraPort = Integer.parseInt(args[++i]);
                case "--identities" -> identities = TestIdentities.fromFile(Path.of(args[++i]));
                default -> {
                    System.err.println("usage: sim [--idcard-port N] [--control-port N] [--camera-port N] [--identities FILE]");
                    System.exit(2);
                }
            }
        }
        HardwareSimulator sim = HardwareSimulator.start(idcardPort, controlPort, cameraPort, identities);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.printf("{\"idcard\":\"%s\",\"control\":\"%s\",\"documentCamera\":\"%s\",\"faceCamera\":\"%s\"}%n",
                sim.idcardReader().uri(), sim.controlUrl(), sim.documentCamera().streamUrl(), sim.faceCamera().streamUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package io.dianxiaoer.sim;

import io.dianxiaoer.sim.idcard.TestIdentities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the hardware simulator as its own process until killed.
 *
 * <pre>sim [--idcard-port N] [--control-port N] [--identities FILE] [--emrtd [DIR]] [--emrtd-trust-out DIR]</pre>
 *
 * {@code --emrtd} also starts pcscd with vpcd in a loopback-only network namespace (root only; DIR
 * holds its sockets and logs, default a new temporary directory) and puts the virtual passport chip
 * on reader "Virtual PCD 00 00"; {@code --emrtd-trust-out} writes the test CSCA certificate there for
 * {@code dxe read-passport --trust DIR}.
 *
 * Prints one JSON line with the endpoints, so that scripts can pick them up.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int idcardPort = 7001;
        int controlPort = 7080;
        TestIdentities identities = TestIdentities.bundled();
        Path emrtdDir = null;
        Path trustOut = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idcard-port" -> idcardPort = Integer.parseInt(args[++i]);
                case "--control-port" -> controlPort = Integer.parseInt(args[++i]);
                case "--identities" -> identities = TestIdentities.fromFile(Path.of(args[++i]));
                case "--emrtd" -> emrtdDir = i + 1 < args.length && !args[i + 1].startsWith("--")
                        ? Path.of(args[++i]) : java.nio.file.Files.createTempDirectory("dxe-pcsc-");
                case "--emrtd-trust-out" -> trustOut = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: sim [--idcard-port N] [--control-port N] [--identities FILE] [--emrtd [DIR]] [--emrtd-trust-out DIR]");
                    System.exit(2);
                }
            }
        }
        HardwareSimulator sim = HardwareSimulator.start(idcardPort, controlPort, identities);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        String emrtdReader = null;
        if (emrtdDir != null) {
            var chip = sim.startEmrtd(emrtdDir);
            emrtdReader = chip.readerName();
            if (trustOut != null) {
                chip.pki().writeTrustedCsca(trustOut);
            }
        }
        System.out.printf("{\"idcard\":\"%s\",\"control\":\"%s\"%s}%n", sim.idcardReader().uri(), sim.controlUrl(),
                emrtdReader == null ? "" : ",\"emrtdReader\":\"" + emrtdReader + "\"");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

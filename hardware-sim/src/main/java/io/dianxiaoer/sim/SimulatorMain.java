package io.dianxiaoer.sim;

import io.dianxiaoer.sim.idcard.TestIdentities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the hardware simulator as its own process until killed.
 *
 * <pre>sim [--idcard-port N] [--control-port N] [--camera-port N] [--identities FILE]
 *     [--scanner-port N] [--locker-port N] [--scanner-pty PATH] [--locker-pty PATH]
 *     [--emrtd [DIR]] [--emrtd-trust-out DIR]</pre>
 *
 * The document camera streams on the camera port (default 7091), the face camera on the next one.
 *
 * {@code --emrtd} also starts pcscd with vpcd in a loopback-only network namespace (root only; DIR
 * holds its sockets and logs, default a new temporary directory) and puts the virtual passport chip
 * on reader "Virtual PCD 00 00"; {@code --emrtd-trust-out} writes the test CSCA certificate there for
 * {@code dxe read-passport --trust DIR}.
 *
 * Ports default to 7001 (ID card), 7002 (scanner), 7003 (locker bus), 7080 (control). With
 * {@code --scanner-pty} / {@code --locker-pty} the scanner / locker are also offered on a
 * pseudo-terminal (socat) at that path, for drivers and tools that open a serial port.
 * Prints one JSON line with the endpoints, so that scripts can pick them up.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int idcardPort = 7001;
        int controlPort = 7080;
        int scannerPort = 7002;
        int lockerPort = 7003;
        Path scannerPty = null;
        Path lockerPty = null;
        int cameraPort = 7091;
        TestIdentities identities = TestIdentities.bundled();
        Path emrtdDir = null;
        Path trustOut = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--idcard-port" -> idcardPort = Integer.parseInt(args[++i]);
                case "--control-port" -> controlPort = Integer.parseInt(args[++i]);
                case "--camera-port" -> cameraPort = Integer.parseInt(args[++i]);
                case "--identities" -> identities = TestIdentities.fromFile(Path.of(args[++i]));
                case "--emrtd" -> emrtdDir = i + 1 < args.length && !args[i + 1].startsWith("--")
                        ? Path.of(args[++i]) : java.nio.file.Files.createTempDirectory("dxe-pcsc-");
                case "--emrtd-trust-out" -> trustOut = Path.of(args[++i]);
                case "--scanner-port" -> scannerPort = Integer.parseInt(args[++i]);
                case "--locker-port" -> lockerPort = Integer.parseInt(args[++i]);
                case "--scanner-pty" -> scannerPty = Path.of(args[++i]);
                case "--locker-pty" -> lockerPty = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: sim [--idcard-port N] [--control-port N] [--camera-port N] [--identities FILE]"
                            + " [--scanner-port N] [--locker-port N] [--scanner-pty PATH] [--locker-pty PATH]"
                            + " [--emrtd [DIR]] [--emrtd-trust-out DIR]");
                    System.exit(2);
                }
            }
        }
        HardwareSimulator sim = HardwareSimulator.start(idcardPort, controlPort, identities, scannerPort, lockerPort, cameraPort);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        String emrtdReader = null;
        if (emrtdDir != null) {
            var chip = sim.startEmrtd(emrtdDir);
            emrtdReader = chip.readerName();
            if (trustOut != null) {
                chip.pki().writeTrustedCsca(trustOut);
            }
        }
        String scannerSerial = scannerPty == null ? "null" : "\"" + sim.bridgeScannerToPty(scannerPty).uri(9600) + "\"";
        String lockerSerial = lockerPty == null ? "null" : "\"" + sim.bridgeLockerToPty(lockerPty).uri(9600) + "\"";
        System.out.printf("{\"idcard\":\"%s\",\"scanner\":\"%s\",\"scannerSerial\":%s,\"locker\":\"%s\","
                        + "\"lockerSerial\":%s,\"lockerBus\":\"%s\",\"control\":\"%s\",\"documentCamera\":\"%s\","
                        + "\"faceCamera\":\"%s\"%s}%n",
                sim.idcardReader().uri(), sim.scanner().uri(), scannerSerial, sim.locker().uri(), lockerSerial,
                sim.locker().busSpec(), sim.controlUrl(), sim.documentCamera().streamUrl(), sim.faceCamera().streamUrl(),
                emrtdReader == null ? "" : ",\"emrtdReader\":\"" + emrtdReader + "\"");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

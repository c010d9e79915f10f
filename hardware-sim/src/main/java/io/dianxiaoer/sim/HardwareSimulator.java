package io.dianxiaoer.sim;

import io.dianxiaoer.sim.control.SimControlServer;
import io.dianxiaoer.sim.emrtd.EmrtdControl;
import io.dianxiaoer.sim.emrtd.TestPassports;
import io.dianxiaoer.sim.emrtd.TestPki;
import io.dianxiaoer.sim.emrtd.VirtualEmrtdSimulator;
import io.dianxiaoer.sim.pcsc.PcscSandbox;
import java.nio.file.Path;
import java.util.Optional;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentities;
import io.dianxiaoer.sim.locker.LockerBusSimulator;
import io.dianxiaoer.sim.locker.LockerControl;
import io.dianxiaoer.sim.scanner.ScannerControl;
import io.dianxiaoer.sim.scanner.ScannerSimulator;
import io.dianxiaoer.sim.serial.SocatBridge;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Every simulated device of the terminal on local endpoints, plus the control API. This is the
 * embedded default of the kiosk: the whole terminal runs on a laptop with no hardware.
 *
 * <p>Start it in-process ({@link #start}) or as its own process ({@link SimulatorMain}).
 * Thread-safe; each device simulator runs on threads of its own.
 */
public final class HardwareSimulator implements AutoCloseable {

    private final SamReaderSimulator idcardReader;
    private final SimControlServer control;
    private final TestIdentities identities;
    private PcscSandbox pcsc;              // guarded by this; only when this simulator started pcscd itself
    private VirtualEmrtdSimulator emrtd;   // guarded by this
    private final ScannerSimulator scanner;
    private final LockerBusSimulator locker;
    private volatile SocatBridge scannerPty;
    private volatile SocatBridge lockerPty;

    private HardwareSimulator(SamReaderSimulator idcardReader, SimControlServer control, TestIdentities identities,
                              ScannerSimulator scanner, LockerBusSimulator locker) {
        this.idcardReader = idcardReader;
        this.control = control;
        this.identities = identities;
        this.scanner = scanner;
        this.locker = locker;
        ScannerControl sc = new ScannerControl(scanner, () -> link(scannerPty), Clock.systemUTC());
        control.mount("/api/scanner", sc, null);
        control.mount("/scanner", sc, "模拟扫码器 Scanner");
        LockerControl lc = new LockerControl(locker, () -> link(lockerPty));
        control.mount("/api/locker", lc, null);
        control.mount("/locker", lc, "模拟智能柜 Locker");
    }

    /** Starts every simulator; port 0 picks free ports (the scanner and the locker get free ones). */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities) throws IOException {
        return start(idcardPort, controlPort, identities, 0, 0);
    }

    /** Starts every simulator with the demo locker cabinet; port 0 picks a free port. */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities, int scannerPort,
                                          int lockerPort) throws IOException {
        SamReaderSimulator reader = new SamReaderSimulator(idcardPort);
        ScannerSimulator scanner = null;
        LockerBusSimulator locker = null;
        try {
            scanner = new ScannerSimulator(scannerPort, ScannerSimulator.Config.DEFAULT);
            locker = LockerBusSimulator.demo(lockerPort);
            return new HardwareSimulator(reader, new SimControlServer(controlPort, reader, identities), identities,
                    scanner, locker);
        } catch (IOException | RuntimeException e) {
            reader.close();
            if (scanner != null) {
                scanner.close();
            }
            if (locker != null) {
                locker.close();
            }
            throw e;
        }
    }

    public ScannerSimulator scanner() {
        return scanner;
    }

    public LockerBusSimulator locker() {
        return locker;
    }

    /** Also offers the scanner on a pseudo-terminal at {@code link} (socat, restarted whenever it exits). */
    public SocatBridge bridgeScannerToPty(Path link) throws IOException {
        scannerPty = SocatBridge.start(link, scanner.port(), true);
        return scannerPty;
    }

    /** Also offers the locker bus on a pseudo-terminal at {@code link} (socat, restarted whenever it exits). */
    public SocatBridge bridgeLockerToPty(Path link) throws IOException {
        lockerPty = SocatBridge.start(link, locker.port(), true);
        return lockerPty;
    }

    private static Optional<String> link(SocatBridge b) {
        return b == null ? Optional.empty() : Optional.of(b.link().toString());
    }

    public SamReaderSimulator idcardReader() {
        return idcardReader;
    }

    public TestIdentities identities() {
        return identities;
    }

    public String controlUrl() {
        return control.baseUrl();
    }

    /**
     * Adds the virtual passport chip on a vpcd slot of a running pcscd (see {@link PcscSandbox}) and
     * its control routes ({@link EmrtdControl}). Idempotent.
     */
    public synchronized VirtualEmrtdSimulator attachEmrtd(Path slotSocket, String readerName) {
        if (emrtd == null) {
            emrtd = new VirtualEmrtdSimulator(slotSocket, readerName, TestPassports.bundled(), TestPki.generate());
            control.mount(EmrtdControl.PATH, new EmrtdControl(emrtd));
        }
        return emrtd;
    }

    /**
     * Starts pcscd with vpcd in a loopback-only network namespace (needs root and the Debian
     * packages: {@link PcscSandbox#unavailableReason()}) and puts the passport chip on its first slot.
     */
    public synchronized VirtualEmrtdSimulator startEmrtd(Path sandboxDir) throws IOException {
        if (emrtd == null) {
            pcsc = PcscSandbox.start(sandboxDir);
            attachEmrtd(pcsc.slotSocket(0), PcscSandbox.readerName(0));
        }
        return emrtd;
    }

    public synchronized Optional<VirtualEmrtdSimulator> emrtd() {
        return Optional.ofNullable(emrtd);
    }

    @Override
    public void close() {
        control.close();
        for (SocatBridge b : new SocatBridge[] {scannerPty, lockerPty}) {
            if (b != null) {
                b.close();
            }
        }
        idcardReader.close();
        scanner.close();
        locker.close();
        synchronized (this) {
            if (emrtd != null) {
                emrtd.close();
            }
            if (pcsc != null) {
                pcsc.close();
            }
        }
    }
}

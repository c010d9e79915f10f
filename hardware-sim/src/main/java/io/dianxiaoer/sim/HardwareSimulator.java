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
import java.io.IOException;

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

    private HardwareSimulator(SamReaderSimulator idcardReader, SimControlServer control, TestIdentities identities) {
        this.idcardReader = idcardReader;
        this.control = control;
        this.identities = identities;
    }

    /** Starts every simulator; port 0 picks free ports. */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities) throws IOException {
        SamReaderSimulator reader = new SamReaderSimulator(idcardPort);
        try {
            return new HardwareSimulator(reader, new SimControlServer(controlPort, reader, identities), identities);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
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
        idcardReader.close();
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

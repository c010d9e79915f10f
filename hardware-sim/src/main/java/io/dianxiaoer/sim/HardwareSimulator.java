package io.dianxiaoer.sim;

import io.dianxiaoer.sim.control.SimControlServer;
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

    @Override
    public void close() {
        control.close();
        idcardReader.close();
    }
}

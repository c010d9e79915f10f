package io.dianxiaoer.sim.emrtd;

import io.dianxiaoer.sim.pcsc.CardFault;
import io.dianxiaoer.sim.pcsc.VpcdCardLink;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's passport reader: puts a virtual eMRTD chip built from a {@link TestPassport} on a
 * vpcd slot (see {@link io.dianxiaoer.sim.pcsc.PcscSandbox}), takes it off, and switches what the
 * chip holds ({@link ChipMode}) and whether it answers at all ({@link #setSilent}).
 *
 * <p>The chip's data groups are signed by {@link #pki()}'s trusted test DSC; give the kiosk
 * {@link TestPki#trustedCsca()} as its trust store. Thread-safe: the methods are synchronized and
 * return at once; the chip runs on the link's thread. Logs name the passport key, never its data.
 */
public final class VirtualEmrtdSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualEmrtdSimulator.class);

    private final VpcdCardLink link;
    private final TestPassports passports;
    private final TestPki pki;
    private final String readerName;
    private String placed;
    private ChipMode mode = ChipMode.GENUINE;

    /**
     * @param slotSocket the relay socket of a vpcd slot ({@code PcscSandbox.slotSocket(n)})
     * @param readerName the PC/SC name of that slot, for the control API and tools
     */
    public VirtualEmrtdSimulator(Path slotSocket, String readerName, TestPassports passports, TestPki pki) {
        this.link = new VpcdCardLink("emrtd", slotSocket);
        this.readerName = Objects.requireNonNull(readerName, "readerName");
        this.passports = Objects.requireNonNull(passports, "passports");
        this.pki = Objects.requireNonNull(pki, "pki");
    }

    /** Puts the chip of passport {@code key} in {@code mode} on the reader (replacing any other). */
    public synchronized void place(String key, ChipMode mode) {
        TestPassport p = passports.get(key).orElseThrow(() -> new NoSuchElementException("no test passport '" + key + "'"));
        Map<Integer, byte[]> files = ChipFiles.build(p, pki, mode);
        link.insert(new EmrtdChip(ChipFiles.mrzInformation(p), files));
        this.placed = key;
        this.mode = mode;
        log.info("virtual eMRTD: placed {} ({})", key, mode);
    }

    public synchronized void remove() {
        link.remove();
        placed = null;
        log.info("virtual eMRTD: removed");
    }

    /** A silent chip takes APDUs but never answers (the reader must time out, not hang). */
    public void setSilent(boolean silent) {
        link.setFault(silent ? CardFault.SILENT : CardFault.NONE);
    }

    public boolean isSilent() {
        return link.fault() == CardFault.SILENT;
    }

    /**
     * Makes the chip misbehave: {@code SILENT}, {@code GARBAGE} answers, or {@code PULLED_MID_READ}
     * (the document leaves the reader during the next read and stays away until placed again).
     */
    public void setFault(CardFault fault) {
        link.setFault(fault);
    }

    public CardFault fault() {
        return link.fault();
    }

    public synchronized Optional<String> placed() {
        return link.hasCard() ? Optional.ofNullable(placed) : Optional.empty();
    }

    public synchronized ChipMode mode() {
        return mode;
    }

    /** Whether the card's connection to vpcd stands (pcscd then reports the card present). */
    public boolean isConnected() {
        return link.isConnected();
    }

    public long apdus() {
        return link.apdus();
    }

    public String readerName() {
        return readerName;
    }

    public TestPki pki() {
        return pki;
    }

    public TestPassports passports() {
        return passports;
    }

    @Override
    public void close() {
        link.close();
    }
}

package io.dianxiaoer.sim;

import io.dianxiaoer.sim.camera.CameraControl;
import io.dianxiaoer.sim.camera.CameraScenes;
import io.dianxiaoer.sim.camera.MjpegCameraSimulator;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every simulated device of the terminal on local endpoints, plus the control API. This is the
 * embedded default of the kiosk: the whole terminal runs on a laptop with no hardware.
 *
 * <p>Start it in-process ({@link #start}) or as its own process ({@link SimulatorMain}).
 * Thread-safe; each device simulator runs on threads of its own.
 */
public final class HardwareSimulator implements AutoCloseable {

    /** The document camera streams 1920×1080, the face camera 1280×720, both at 20 frames per second. */
    public static final int DOCUMENT_CAMERA_WIDTH = 1920;
    public static final int DOCUMENT_CAMERA_HEIGHT = 1080;
    public static final int FACE_CAMERA_WIDTH = 1280;
    public static final int FACE_CAMERA_HEIGHT = 720;
    private static final double CAMERA_FPS = 20;

    private final SamReaderSimulator idcardReader;
    private final SimControlServer control;
    private final TestIdentities identities;
    private PcscSandbox pcsc;              // guarded by this; only when this simulator started pcscd itself
    private VirtualEmrtdSimulator emrtd;   // guarded by this
    private final ScannerSimulator scanner;
    private final LockerBusSimulator locker;
    private final MjpegCameraSimulator documentCamera;
    private final MjpegCameraSimulator faceCamera;
    private volatile SocatBridge scannerPty;
    private volatile SocatBridge lockerPty;

    private HardwareSimulator(SamReaderSimulator idcardReader, SimControlServer control, TestIdentities identities,
                              ScannerSimulator scanner, LockerBusSimulator locker,
                              MjpegCameraSimulator documentCamera, MjpegCameraSimulator faceCamera) {
        this.idcardReader = idcardReader;
        this.control = control;
        this.identities = identities;
        this.scanner = scanner;
        this.locker = locker;
        this.documentCamera = documentCamera;
        this.faceCamera = faceCamera;
        ScannerControl sc = new ScannerControl(scanner, () -> link(scannerPty), Clock.systemUTC());
        control.mount("/api/scanner", sc, null);
        control.mount("/scanner", sc, "模拟扫码器 Scanner");
        LockerControl lc = new LockerControl(locker, () -> link(lockerPty));
        control.mount("/api/locker", lc, null);
        control.mount("/locker", lc, "模拟智能柜 Locker");
    }

    /** Starts every simulator; port 0 picks free ports (scanner, locker and cameras take free ports). */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities) throws IOException {
        return start(idcardPort, controlPort, identities, 0, 0, 0);
    }

    /** Starts every simulator with the demo locker cabinet; the cameras take free ports. */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities, int scannerPort,
                                          int lockerPort) throws IOException {
        return start(idcardPort, controlPort, identities, scannerPort, lockerPort, 0);
    }

    /** Starts every simulator; the scanner and the locker take free ports. */
    public static HardwareSimulator start(int idcardPort, int controlPort, int cameraPort, TestIdentities identities)
            throws IOException {
        return start(idcardPort, controlPort, identities, 0, 0, cameraPort);
    }

    /**
     * Starts every simulator; port 0 picks free ports. The document camera streams on
     * {@code cameraPort}, the face camera on {@code cameraPort + 1} (both free ports when 0).
     */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities, int scannerPort,
                                          int lockerPort, int cameraPort) throws IOException {
        SamReaderSimulator reader = new SamReaderSimulator(idcardPort);
        ScannerSimulator scanner = null;
        LockerBusSimulator locker = null;
        MjpegCameraSimulator doc = null;
        MjpegCameraSimulator face = null;
        try {
            scanner = new ScannerSimulator(scannerPort, ScannerSimulator.Config.DEFAULT);
            locker = LockerBusSimulator.demo(lockerPort);
            CameraScenes docScenes = new CameraScenes(DOCUMENT_CAMERA_WIDTH, DOCUMENT_CAMERA_HEIGHT);
            CameraScenes faceScenes = new CameraScenes(FACE_CAMERA_WIDTH, FACE_CAMERA_HEIGHT);
            doc = new MjpegCameraSimulator("document", cameraPort, CAMERA_FPS, docScenes.picture("desk").orElseThrow());
            face = new MjpegCameraSimulator("face", cameraPort == 0 ? 0 : cameraPort + 1, CAMERA_FPS,
                    faceScenes.picture("nobody").orElseThrow());
            SimControlServer control = new SimControlServer(controlPort, reader, identities);
            Map<String, CameraControl.Entry> cams = new LinkedHashMap<>();
            cams.put("document", new CameraControl.Entry(doc, docScenes));
            cams.put("face", new CameraControl.Entry(face, faceScenes));
            CameraControl cameraControl = new CameraControl(cams);
            control.addRoutes("/api/camera", cameraControl);
            control.addRoutes("/camera", cameraControl);
            return new HardwareSimulator(reader, control, identities, scanner, locker, doc, face);
        } catch (IOException | RuntimeException e) {
            reader.close();
            for (AutoCloseable c : new AutoCloseable[] {scanner, locker, doc, face}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // already failing: the first error is the one to report
                    }
                }
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

    /** The simulated document camera (高拍仪): an MJPEG stream of synthetic documents. */
    public MjpegCameraSimulator documentCamera() {
        return documentCamera;
    }

    /** The simulated face camera: an MJPEG stream of the test face photograph (or an empty room). */
    public MjpegCameraSimulator faceCamera() {
        return faceCamera;
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
        documentCamera.close();
        faceCamera.close();
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

package io.dianxiaoer.sim;

import io.dianxiaoer.sim.camera.CameraControl;
import io.dianxiaoer.sim.camera.CameraScenes;
import io.dianxiaoer.sim.camera.MjpegCameraSimulator;
import io.dianxiaoer.sim.control.SimControlServer;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentities;
import java.io.IOException;
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
    private final MjpegCameraSimulator documentCamera;
    private final MjpegCameraSimulator faceCamera;

    private HardwareSimulator(SamReaderSimulator idcardReader, SimControlServer control, TestIdentities identities,
                              MjpegCameraSimulator documentCamera, MjpegCameraSimulator faceCamera) {
        this.idcardReader = idcardReader;
        this.control = control;
        this.identities = identities;
        this.documentCamera = documentCamera;
        this.faceCamera = faceCamera;
    }

    /** Starts every simulator; port 0 picks free ports (the cameras take free ports). */
    public static HardwareSimulator start(int idcardPort, int controlPort, TestIdentities identities) throws IOException {
        return start(idcardPort, controlPort, 0, identities);
    }

    /**
     * Starts every simulator; port 0 picks free ports. The document camera streams on
     * {@code cameraPort}, the face camera on {@code cameraPort + 1} (both free ports when 0).
     */
    public static HardwareSimulator start(int idcardPort, int controlPort, int cameraPort, TestIdentities identities)
            throws IOException {
        SamReaderSimulator reader = new SamReaderSimulator(idcardPort);
        MjpegCameraSimulator doc = null;
        MjpegCameraSimulator face = null;
        try {
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
            return new HardwareSimulator(reader, control, identities, doc, face);
        } catch (IOException | RuntimeException e) {
            reader.close();
            if (doc != null) {
                doc.close();
            }
            if (face != null) {
                face.close();
            }
            throw e;
        }
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

    @Override
    public void close() {
        control.close();
        idcardReader.close();
        documentCamera.close();
        faceCamera.close();
    }
}

package io.dianxiaoer.app.view;

import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.document.DocumentPipeline;
import java.util.Optional;
import java.util.concurrent.Executor;

/** What pages may use besides the session: devices they drive directly and a pool for long work. */
public interface PageServices {

    /** The document camera (高拍仪), when the kiosk has one. */
    Optional<Camera> documentCamera();

    DocumentPipeline documentPipeline();

    /** Long work (image processing) runs here, never on the FX thread. */
    Executor work();
}

package io.dianxiaoer.device.camera;

/**
 * Receives preview frames. Called on the subscription's own thread, one frame at a time; a listener
 * slower than the camera simply skips frames (it always gets the newest one), and never slows the
 * camera or the other listeners down.
 */
@FunctionalInterface
public interface FrameListener {
    void onFrame(CameraFrame frame);
}

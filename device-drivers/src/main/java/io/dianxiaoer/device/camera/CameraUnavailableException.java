package io.dianxiaoer.device.camera;

/** A picture was asked for but the camera cannot give one (closed, offline, or no frame in time). */
public final class CameraUnavailableException extends Exception {
    public CameraUnavailableException(String message) {
        super(message);
    }
}

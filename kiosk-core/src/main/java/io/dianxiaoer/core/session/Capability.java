package io.dianxiaoer.core.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the terminal can offer, each tied to the device it needs. When a device is not usable only
 * the capabilities that need it are withdrawn — and the screens say which.
 */
public enum Capability {
    ID_CARD("idcard"),
    SCAN_CODE("scanner"),
    DOCUMENT_LOCKER("locker"),
    PASSPORT_CHIP("pcsc"),
    DOCUMENT_PHOTO("doccam");

    private final String deviceId;

    Capability(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The capabilities withdrawn in {@code state}: their device is known to the kiosk and not usable. */
    public static Set<Capability> unavailable(SessionState state) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if (state.devices().containsKey(c.deviceId) && !state.deviceStatus(c.deviceId).isUsable()) {
                out.add(c);
            }
        }
        return out;
    }
}

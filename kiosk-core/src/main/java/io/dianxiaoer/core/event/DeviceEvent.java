package io.dianxiaoer.core.event;

/** An event that a device driver reports. Drivers publish these from their own executor. */
public sealed interface DeviceEvent extends SessionEvent permits IdCardRead, IdCardRejected, CardRemoved,
        DeviceStatusChanged, SmartCardEvent, CodeScanned, LockerEvent, DocumentCaptured {
    /** The device that reported it, e.g. {@code idcard}. */
    String deviceId();
}

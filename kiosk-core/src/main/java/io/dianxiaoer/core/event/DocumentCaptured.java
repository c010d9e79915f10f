package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page photographed on the document camera, cropped and checked. The JPEG is personal data:
 * held by the session only, dropped when it ends; {@code toString} carries sizes and verdicts only.
 *
 * @param retakeAdvice why the page should be taken again, in plain words; empty when it is good
 */
public record DocumentCaptured(String deviceId, byte[] jpeg, int width, int height, List<RetakeAdvice> retakeAdvice,
                               Instant at) implements DeviceEvent {

    /** One reason to take the picture again, for the citizen, in both languages. */
    public record RetakeAdvice(String code, String chinese, String english) {
        public RetakeAdvice {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(chinese, "chinese");
            Objects.requireNonNull(english, "english");
        }
    }

    public DocumentCaptured {
        Objects.requireNonNull(deviceId, "deviceId");
        jpeg = jpeg.clone();
        retakeAdvice = List.copyOf(retakeAdvice);
        Objects.requireNonNull(at, "at");
    }

    @Override
    public byte[] jpeg() {
        return jpeg.clone();
    }

    public boolean acceptable() {
        return retakeAdvice.isEmpty();
    }

    @Override
    public String toString() {
        return "DocumentCaptured[" + deviceId + ", " + width + "x" + height + ", " + jpeg.length + " bytes, "
                + (acceptable() ? "acceptable" : "retake " + retakeAdvice.stream().map(RetakeAdvice::code).toList()) + "]";
    }
}

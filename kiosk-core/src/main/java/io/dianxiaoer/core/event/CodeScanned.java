package io.dianxiaoer.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A scanner (or a camera decoding QR codes) read a code: {@code text} is exactly what it read, after
 * the transport framing (terminator, configured prefix and suffix) was removed — nothing else is
 * trusted or cleaned. Classify it with {@code io.dianxiaoer.core.code.CodeParser} before use.
 *
 * <p>The text may be a personal credential (a 随申码 token, a locker pickup code): {@link #toString()}
 * shows only its length.
 */
public record CodeScanned(String deviceId, String text, Instant at) implements DeviceEvent {
    public CodeScanned {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "CodeScanned[deviceId=" + deviceId + ", chars=" + text.length() + ", at=" + at + "]";
    }
}

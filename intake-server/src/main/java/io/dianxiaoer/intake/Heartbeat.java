package io.dianxiaoer.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.event.DeviceStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a kiosk reports every minute or so: its software version, how many submissions wait in
 * its offline outbox, and the state of each device. Immutable; device order is kept as sent.
 */
record Heartbeat(String version, int queueDepth, Map<String, DeviceStatus> devices) {

    private static final int MAX_TEXT = 64;

    Heartbeat {
        Objects.requireNonNull(version, "version");
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    }

    /**
     * Reads and validates a heartbeat body. Unknown fields are ignored so that kiosks running a
     * newer version can report more than this server knows about.
     *
     * @throws ApiException 400 {@code invalid_heartbeat} naming the first field that is wrong
     */
    static Heartbeat fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()
                || version.asText().length() > MAX_TEXT) {
            throw invalid("\"version\" is required: a non-empty string of at most " + MAX_TEXT + " characters");
        }
        JsonNode depth = root.get("queueDepth");
        if (depth == null || !depth.isIntegralNumber() || !depth.canConvertToInt() || depth.intValue() < 0) {
            throw invalid("\"queueDepth\" is required: an integer from 0 to " + Integer.MAX_VALUE);
        }
        JsonNode devicesNode = root.get("devices");
        if (devicesNode == null || !devicesNode.isObject()) {
            throw invalid("\"devices\" is required: an object mapping each device id to its status");
        }
        Map<String, DeviceStatus> devices = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = devicesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> device = it.next();
            String id = device.getKey();
            if (id.isBlank() || id.length() > MAX_TEXT) {
                throw invalid("device ids in \"devices\" must be non-empty strings of at most " + MAX_TEXT + " characters");
            }
            devices.put(id, parseStatus(id, device.getValue()));
        }
        return new Heartbeat(version.asText(), depth.intValue(), devices);
    }

    private static DeviceStatus parseStatus(String deviceId, JsonNode value) {
        if (value.isTextual()) {
            for (DeviceStatus status : DeviceStatus.values()) {
                if (status.name().equals(value.asText())) {
                    return status;
                }
            }
        }
        throw invalid("status of device \"" + deviceId + "\" must be one of " + Arrays.toString(DeviceStatus.values()));
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_heartbeat", message);
    }

    /** Writes the wire form, the same fields {@link #fromJson} reads, into {@code target}. */
    ObjectNode writeTo(ObjectNode target) {
        target.put("version", version).put("queueDepth", queueDepth);
        ObjectNode devicesNode = target.putObject("devices");
        devices.forEach((id, status) -> devicesNode.put(id, status.name()));
        return target;
    }
}

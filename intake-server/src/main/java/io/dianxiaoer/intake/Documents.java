package io.dianxiaoer.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dianxiaoer.core.wire.KioskId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The downloadable documents, with their strong ETags (a quoted SHA-256 prefix of the exact bytes
 * served): the service catalog and each kiosk's configuration. Loaded once at start from the
 * classpath, or from files given in the configuration; immutable and thread-safe afterwards.
 */
final class Documents {

    /** A document's bytes and its ETag. */
    record Document(byte[] body, String etag) {
    }

    private final Document catalog;
    private final ObjectNode configTemplate;

    Documents(Path catalogFile, Path configFile) {
        this.catalog = document(read(catalogFile, "catalog.json"));
        JsonNode config = parse(read(configFile, "kiosk-config.json"));
        if (!config.isObject()) {
            throw new IllegalArgumentException("the kiosk configuration must be a JSON object");
        }
        this.configTemplate = (ObjectNode) config;
    }

    Document catalog() {
        return catalog;
    }

    /** The configuration of one kiosk: the template plus its id. */
    Document config(KioskId kiosk) {
        ObjectNode node = configTemplate.deepCopy();
        node.put("kioskId", kiosk.value());
        try {
            return document(HttpResponses.JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(byte[] body) {
        byte[] digest = IntakeStore.sha256().digest(body);
        return new Document(body, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    }

    /** True when an {@code If-None-Match} header value names {@code etag} (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] read(Path file, String resource) {
        try {
            if (file != null) {
                byte[] bytes = Files.readAllBytes(file);
                parse(bytes);
                return bytes;
            }
            try (InputStream in = Documents.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + resource + " is missing from the build");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + (file != null ? file : resource), e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return HttpResponses.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }
}

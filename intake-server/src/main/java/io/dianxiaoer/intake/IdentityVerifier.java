package io.dianxiaoer.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.dianxiaoer.core.wire.IdentityVerdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Identity verification (人证核验) of the reference server: a face frame and an ID number in,
 * a verdict out. The reference server holds no biometric engine and no population register: it
 * knows the fictional test identities listed in {@code test-identities.json} and answers each the
 * verdict configured there, for any frame that decodes as a JPEG or PNG image of at least 64×64
 * pixels. Any other number gets {@code UNKNOWN_IDENTITY}. This is what the kiosk's identity flow is
 * tested against; a production intake puts the real matcher behind the same contract.
 *
 * <p>Stateless after construction and thread-safe; {@link #verify} decodes the image (CPU, a few
 * ms) and keeps nothing: the frame is zeroed after use and never logged.
 */
final class IdentityVerifier {

    static final int MIN_SIDE = 64;

    private record Known(String verdict, double score) {
    }

    private final Map<String, Known> known = new HashMap<>();

    IdentityVerifier() {
        try (InputStream in = IdentityVerifier.class.getResourceAsStream("test-identities.json")) {
            for (JsonNode n : HttpResponses.JSON.readTree(in).get("identities")) {
                known.put(n.get("idNumber").asText(), new Known(n.get("verdict").asText(), n.get("score").asDouble()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test-identities.json", e);
        }
    }

    /** @throws ApiException 400 {@code invalid_image} when the frame is not a usable picture */
    IdentityVerdict verify(String idNumber, byte[] frame) {
        try {
            BufferedImage image;
            try {
                image = ImageIO.read(new ByteArrayInputStream(frame));
            } catch (IOException e) {
                image = null;
            }
            if (image == null) {
                throw ApiException.badRequest("invalid_image", "faceImage is not a JPEG or PNG image");
            }
            if (image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE) {
                throw ApiException.badRequest("invalid_image", "faceImage must be at least " + MIN_SIDE + "x" + MIN_SIDE
                        + " pixels, got " + image.getWidth() + "x" + image.getHeight());
            }
            Known k = known.get(idNumber);
            String id = UUID.randomUUID().toString();
            return k == null ? new IdentityVerdict(IdentityVerdict.UNKNOWN_IDENTITY, 0.0, id)
                    : new IdentityVerdict(k.verdict(), k.score(), id);
        } finally {
            Arrays.fill(frame, (byte) 0);
        }
    }
}

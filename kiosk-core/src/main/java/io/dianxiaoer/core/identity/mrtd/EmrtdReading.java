package io.dianxiaoer.core.identity.mrtd;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one attempt to read a chip passport or travel permit: the verdict (with its
 * citizen-facing message), the data read if the chip opened, and the passive-authentication checks.
 *
 * <p>The document and face are present whenever the chip could be read, also when a check failed
 * (staff and technicians need to see what the chip holds); only {@link #isVerified()} identifies
 * the citizen. Immutable; {@link #toString()} carries no personal data.
 */
public record EmrtdReading(
        ChipVerdict verdict,
        Optional<TravelDocument> document,
        Optional<FaceImage> face,
        ChipChecks checks) {

    public EmrtdReading {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(checks, "checks");
    }

    /** A failure before any data was read (wrong MRZ, no card, reader gone, …). */
    public static EmrtdReading failed(ChipVerdict verdict, String detail) {
        return new EmrtdReading(verdict, Optional.empty(), Optional.empty(),
                new ChipChecks(java.util.List.of(), java.util.List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), detail));
    }

    public boolean isVerified() {
        return verdict.isVerified();
    }

    /** Zeroes the face image held by this reading. */
    public void wipe() {
        face.ifPresent(FaceImage::wipe);
    }

    @Override
    public String toString() {
        return "EmrtdReading[" + verdict + ", document " + document.map(TravelDocument::toString).orElse("none")
                + ", face " + face.map(FaceImage::toString).orElse("none") + ", " + checks + "]";
    }
}

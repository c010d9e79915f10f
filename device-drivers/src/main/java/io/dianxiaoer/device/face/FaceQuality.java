package io.dianxiaoer.device.face;

import java.util.List;
import java.util.Optional;

/**
 * What {@link FaceDetector#analyse} found in one frame: the faces, the eyes inside the (single)
 * face, the measures of the quality gates and the guidance for each failed gate (empty = every gate
 * passed). Holds no pixels, so it may be kept and logged freely.
 *
 * @param faces        every face found (frame coordinates)
 * @param face         the face the gates judged (present when exactly one face was found)
 * @param eyes         eyes found in the upper part of that face (frame coordinates), 0–2
 * @param faceShare    face width / frame width (0 without a face)
 * @param offCentre    distance of the face centre from the frame centre / frame width (0 without a face)
 * @param sharpness    variance of the Laplacian inside the face (0 without a face)
 * @param brightness   mean grey level inside the face, 0–255 (0 without a face)
 * @param clipped      share of face pixels at ≤ 5 or ≥ 250 (0 without a face)
 * @param guidance     one entry per failed gate, most important first
 */
public record FaceQuality(List<FaceBox> faces, Optional<FaceBox> face, List<FaceBox> eyes, double faceShare,
                          double offCentre, double sharpness, double brightness, double clipped,
                          List<FaceGuidance> guidance) {

    public FaceQuality {
        faces = List.copyOf(faces);
        eyes = List.copyOf(eyes);
        guidance = List.copyOf(guidance);
    }

    /** Every gate passed: exactly one face, big enough, centred, sharp and well lit. */
    public boolean passed() {
        return guidance.isEmpty();
    }

    /** The most important thing to tell the citizen, if any. */
    public Optional<FaceGuidance> firstGuidance() {
        return guidance.isEmpty() ? Optional.empty() : Optional.of(guidance.get(0));
    }
}

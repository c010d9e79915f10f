package io.dianxiaoer.core.wire;

import java.util.Objects;

/**
 * {@code POST /v1/identity/verifications}: a face frame from the kiosk camera (JPEG or PNG,
 * base64) and the ID number read from the card; the intake compares the face with the one on
 * record. Personal data throughout: {@link #toString()} shows neither.
 */
public record IdentityVerificationRequest(String idNumber, String faceImage) {

    public IdentityVerificationRequest {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(faceImage, "faceImage");
    }

    @Override
    public String toString() {
        return "IdentityVerificationRequest[idNumber=" + Applicant.mask(idNumber) + ", faceImage="
                + faceImage.length() + " chars]";
    }
}

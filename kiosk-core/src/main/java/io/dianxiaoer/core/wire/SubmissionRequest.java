package io.dianxiaoer.core.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /v1/submissions}: one application (申办件) with its applicant, form fields and the
 * attachments uploaded before it. {@code localReceipt} is the number the citizen got at the
 * kiosk; the server answers with an acceptance number (受理号) that replaces it.
 *
 * <p>Carries personal data (applicant, possibly fields): {@link #toString()} shows only the
 * receipt, service and counts.
 */
public record SubmissionRequest(String kioskId, String localReceipt, String serviceCode, Applicant applicant,
        Map<String, String> fields, List<AttachmentRef> attachments) {

    public SubmissionRequest {
        Objects.requireNonNull(kioskId, "kioskId");
        Objects.requireNonNull(localReceipt, "localReceipt");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(applicant, "applicant");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @Override
    public String toString() {
        return "SubmissionRequest[kioskId=" + kioskId + ", localReceipt=" + localReceipt + ", serviceCode="
                + serviceCode + ", fields=" + fields.size() + ", attachments=" + attachments.size() + "]";
    }
}

package io.dianxiaoer.core.identity.mrtd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What passive authentication found, check by check, for staff and technicians. Holds no personal
 * data: data-group numbers, yes/no answers and the signer's certificate subject (an authority).
 *
 * @param dataGroupsChecked   data groups whose hash was compared with the SOD
 * @param dataGroupsMismatched data groups whose hash differs from the SOD's
 * @param signatureValid      whether the SOD's signature verified with its signer certificate (empty: not checked)
 * @param signerTrusted       whether the signer chains to a trusted CSCA (empty: not checked)
 * @param signer              the document signer certificate's subject, e.g. {@code CN=DS 01, O=…, C=UTO}
 * @param detail              technical reason of the first failed check, plain words
 */
public record ChipChecks(
        List<Integer> dataGroupsChecked,
        List<Integer> dataGroupsMismatched,
        Optional<Boolean> signatureValid,
        Optional<Boolean> signerTrusted,
        Optional<String> signer,
        String detail) {

    public static final ChipChecks NONE =
            new ChipChecks(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), "");

    public ChipChecks {
        dataGroupsChecked = List.copyOf(dataGroupsChecked);
        dataGroupsMismatched = List.copyOf(dataGroupsMismatched);
        Objects.requireNonNull(signatureValid, "signatureValid");
        Objects.requireNonNull(signerTrusted, "signerTrusted");
        Objects.requireNonNull(signer, "signer");
        detail = detail == null ? "" : detail;
    }
}

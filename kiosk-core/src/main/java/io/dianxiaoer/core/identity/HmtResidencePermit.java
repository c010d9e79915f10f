package io.dianxiaoer.core.identity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * 港澳台居民居住证: a residence permit for Hong Kong, Macao and Taiwan residents. It carries a
 * citizen-style ID number (region 810000 / 820000 / 830000) and the number of the holder's
 * travel permit (通行证). Immutable; {@code toString} is masked.
 */
public record HmtResidencePermit(
        String name,
        Gender gender,
        LocalDate birthDate,
        String address,
        IdNumber idNumber,
        String issuingAuthority,
        CardValidity validity,
        String passNumber,
        int issueCount,
        byte[] photoWlt) implements IdentityDocument {

    public HmtResidencePermit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(issuingAuthority, "issuingAuthority");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(passNumber, "passNumber");
        photoWlt = photoWlt == null ? new byte[0] : photoWlt.clone();
    }

    /** Where the holder comes from, by the region code of the ID number. */
    public String origin() {
        return switch (idNumber.regionCode()) {
            case "810000" -> "HK";
            case "820000" -> "MO";
            case "830000" -> "TW";
            default -> "??";
        };
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.HMT_RESIDENCE_PERMIT;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String maskedName() {
        return IdentityDocument.maskName(name);
    }

    @Override
    public String documentNumber() {
        return idNumber.value();
    }

    @Override
    public String maskedNumber() {
        return idNumber.masked();
    }

    @Override
    public byte[] photoWlt() {
        return photoWlt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HmtResidencePermit p && p.name.equals(name) && p.gender == gender
                && p.birthDate.equals(birthDate) && p.address.equals(address) && p.idNumber.equals(idNumber)
                && p.issuingAuthority.equals(issuingAuthority) && p.validity.equals(validity)
                && p.passNumber.equals(passNumber) && p.issueCount == issueCount && Arrays.equals(p.photoWlt, photoWlt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idNumber, validity);
    }

    @Override
    public String toString() {
        return "HmtResidencePermit[" + maskedName() + ", " + maskedNumber() + "]";
    }
}

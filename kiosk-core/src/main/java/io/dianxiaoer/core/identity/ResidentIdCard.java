package io.dianxiaoer.core.identity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a resident ID card (居民身份证) yields when read: the identity of the holder.
 *
 * <p>Immutable; the photo is copied in and out. The photo is the card's WLT-compressed image,
 * which only a licensed decoder can turn into pixels, so it is kept as opaque bytes.
 * {@link #toString()} masks the name and the number: personal data never reaches a log by accident.
 */
public record ResidentIdCard(
        String name,
        Gender gender,
        Nation nation,
        LocalDate birthDate,
        String address,
        IdNumber idNumber,
        String issuingAuthority,
        CardValidity validity,
        byte[] photoWlt) {

    public ResidentIdCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(nation, "nation");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(issuingAuthority, "issuingAuthority");
        Objects.requireNonNull(validity, "validity");
        photoWlt = photoWlt == null ? new byte[0] : photoWlt.clone();
    }

    @Override
    public byte[] photoWlt() {
        return photoWlt.clone();
    }

    /** The name with all but the first character starred, as shown to bystanders: 张*, 欧阳** . */
    public String maskedName() {
        if (name.isEmpty()) {
            return "";
        }
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
    }

    public boolean isValidOn(LocalDate day) {
        return validity.isValidOn(day);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdCard c
                && c.name.equals(name) && c.gender == gender && c.nation.equals(nation)
                && c.birthDate.equals(birthDate) && c.address.equals(address)
                && c.idNumber.equals(idNumber) && c.issuingAuthority.equals(issuingAuthority)
                && c.validity.equals(validity) && Arrays.equals(c.photoWlt, photoWlt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idNumber, validity);
    }

    @Override
    public String toString() {
        return "ResidentIdCard[" + maskedName() + ", " + idNumber.masked() + "]";
    }
}

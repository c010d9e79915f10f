package io.dianxiaoer.core.identity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

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
        byte[] photoWlt,
        Optional<String> appendedAddress) implements IdentityDocument {

    /** A card read without its appended-address area. */
    public ResidentIdCard(String name, Gender gender, Nation nation, LocalDate birthDate, String address,
                          IdNumber idNumber, String issuingAuthority, CardValidity validity, byte[] photoWlt) {
        this(name, gender, nation, birthDate, address, idNumber, issuingAuthority, validity, photoWlt, Optional.empty());
    }

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
        Objects.requireNonNull(appendedAddress, "appendedAddress");
    }

    /**
     * The address where the holder lives now: the card's printed address, or the newer one the
     * police wrote into the chip's appended-address area after a move.
     */
    public String currentAddress() {
        return appendedAddress.filter(a -> !a.isBlank()).orElse(address);
    }

    /** The same card with the appended address read in a second step. */
    public ResidentIdCard withAppendedAddress(String appended) {
        return new ResidentIdCard(name, gender, nation, birthDate, address, idNumber, issuingAuthority, validity,
                photoWlt, Optional.ofNullable(appended).filter(a -> !a.isBlank()));
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.RESIDENT_ID_CARD;
    }

    @Override
    public String displayName() {
        return name;
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

    /** The name with all but the first character starred, as shown to bystanders: 张*, 欧阳** . */
    @Override
    public String maskedName() {
        return IdentityDocument.maskName(name);
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
                && c.validity.equals(validity) && Arrays.equals(c.photoWlt, photoWlt)
                && c.appendedAddress.equals(appendedAddress);
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

package io.dianxiaoer.core.identity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * 外国人永久居留身份证, either layout: 2017 (15-character card number, letters of the nationality
 * first) or 2023 (18 digits starting with 9, with a MOD 11-2 check digit). Immutable;
 * {@code toString} is masked.
 *
 * @param chineseName     may be empty: not every holder has a Chinese name
 * @param nationality     ISO 3166-1 alpha-3 code, e.g. {@code USA}
 */
public record ForeignPermanentResidentCard(
        DocumentKind kind,
        String englishName,
        String chineseName,
        Gender gender,
        LocalDate birthDate,
        String cardNumber,
        String nationality,
        CardValidity validity,
        String issuingOffice,
        String cardVersion,
        byte[] photoWlt) implements IdentityDocument {

    public ForeignPermanentResidentCard {
        Objects.requireNonNull(kind, "kind");
        if (kind != DocumentKind.FOREIGN_PERMANENT_RESIDENT_2017 && kind != DocumentKind.FOREIGN_PERMANENT_RESIDENT_2023) {
            throw new IllegalArgumentException("not a foreign permanent resident card kind: " + kind);
        }
        Objects.requireNonNull(englishName, "englishName");
        Objects.requireNonNull(chineseName, "chineseName");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(issuingOffice, "issuingOffice");
        Objects.requireNonNull(cardVersion, "cardVersion");
        photoWlt = photoWlt == null ? new byte[0] : photoWlt.clone();
    }

    @Override
    public String displayName() {
        return chineseName.isEmpty() ? englishName : chineseName;
    }

    @Override
    public String maskedName() {
        return IdentityDocument.maskName(displayName());
    }

    @Override
    public String documentNumber() {
        return cardNumber;
    }

    @Override
    public String maskedNumber() {
        return IdentityDocument.maskNumber(cardNumber);
    }

    @Override
    public byte[] photoWlt() {
        return photoWlt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForeignPermanentResidentCard c && c.kind == kind && c.englishName.equals(englishName)
                && c.chineseName.equals(chineseName) && c.gender == gender && c.birthDate.equals(birthDate)
                && c.cardNumber.equals(cardNumber) && c.nationality.equals(nationality)
                && c.validity.equals(validity) && c.issuingOffice.equals(issuingOffice)
                && c.cardVersion.equals(cardVersion) && Arrays.equals(c.photoWlt, photoWlt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cardNumber, validity);
    }

    @Override
    public String toString() {
        return "ForeignPermanentResidentCard[" + kind + ", " + maskedName() + ", " + maskedNumber() + "]";
    }
}

package io.dianxiaoer.core.identity.mrtd;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The holder's data as a chip passport or travel permit stores it in DG1 (the MRZ), field by field.
 * Names are in MRZ form: upper-case Latin letters, the fillers turned into spaces.
 *
 * <p>Immutable. {@link #toString()} carries no personal data.
 *
 * @param documentCode   e.g. {@code P} (passport), {@code C}/{@code CS} (travel permits), {@code I}
 * @param issuingState   three-letter ICAO code of the issuing state or organisation
 * @param surname        primary identifier
 * @param givenNames     secondary identifier
 * @param birthDate      {@code YYMMDD} as in the MRZ (the century is not stored there)
 * @param sex            {@code M}, {@code F} or {@code X} (unspecified)
 * @param expiryDate     {@code YYMMDD}
 * @param optionalData   personal number or other optional data, fillers removed; may be empty
 */
public record TravelDocument(
        String documentCode,
        String issuingState,
        String surname,
        String givenNames,
        String documentNumber,
        String nationality,
        String birthDate,
        char sex,
        String expiryDate,
        String optionalData) {

    public TravelDocument {
        Objects.requireNonNull(documentCode, "documentCode");
        Objects.requireNonNull(issuingState, "issuingState");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenNames, "givenNames");
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        optionalData = optionalData == null ? "" : optionalData;
    }

    /** The date of expiry; MRZ years are 20YY for expiry dates (the ICAO convention for documents issued since 2000). */
    public Optional<LocalDate> expiry() {
        return parse("20" + expiryDate);
    }

    /**
     * The date of birth; a two-digit year after {@code today}'s is taken as 19YY (nobody alive was born in the future).
     */
    public Optional<LocalDate> birth(LocalDate today) {
        int yy = Integer.parseInt(birthDate.substring(0, 2));
        int century = yy > today.getYear() % 100 ? 1900 : 2000;
        return parse(String.valueOf(century + yy) + birthDate.substring(2));
    }

    /** Whether the document is still valid on {@code day} (valid through its expiry date). */
    public boolean isValidOn(LocalDate day) {
        return expiry().map(e -> !day.isAfter(e)).orElse(false);
    }

    /** Surname and given names as on the data page: {@code ZHANG, WEI}. */
    public String fullName() {
        return givenNames.isBlank() ? surname : surname + ", " + givenNames;
    }

    private static Optional<LocalDate> parse(String yyyymmdd) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Data-free on purpose: only the kind of document and its issuer. */
    @Override
    public String toString() {
        return "TravelDocument[" + documentCode + " issued by " + issuingState + "]";
    }
}
